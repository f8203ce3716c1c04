"""Hostile and careless templates, built in code: each is refused in one line naming the
template and the part (exit 1), or builds a deck with one warning saying what was left out.
Every deck built is re-read as a package (every relationship resolves, every part well-formed,
no DTD) and passes the Open XML validator; a few are opened in LibreOffice. The limits are
checked with the peak memory of a process that reads the template alone."""

from __future__ import annotations

import io
import subprocess
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from openxml_audit import validate_pptx

from generator.backends.deck.backend import DeckBackend
from generator.cli import main
from generator.ooxml.package import check_package
from tests import templates as T
from tests.conftest import SAMPLE, prepared, require_soffice

Change = Callable[[bytes], bytes]


def members(changes: dict[str, object]) -> Change:
    """Return a change of the default template's members (see `T.rewrite`)."""
    return lambda data: T.rewrite(data, changes)


def _insert(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    """Return a change of a member's bytes that puts `new` in place of the first `old`."""
    return lambda x: x.replace(old, new, 1)


def _size(cx: str, cy: str) -> Change:
    """Return a change of the slide size written in presentation.xml."""
    return members({"ppt/presentation.xml": _insert(
        b'<p:sldSz cx="9144000" cy="6858000"', f'<p:sldSz cx="{cx}" cy="{cy}"'.encode())})


def _layout_picture(target: str, picture: bytes | None = None, kind: str = "image") -> Change:
    """Return a change giving the second layout a picture whose relationship names `target`."""
    changes: dict[str, object] = {
        T.LAYOUT_RELS: lambda x: T.with_relationship(x, "rIdP", kind, target),
        T.LAYOUT: lambda x: T.with_picture(x, "rIdP")}
    if picture is not None:
        changes["ppt/media/picture.png"] = lambda _x: picture
        changes["[Content_Types].xml"] = _insert(b"</Types>", b'<Default Extension="png" '
                                                 b'ContentType="image/png"/></Types>')
    return lambda data: T.rewrite(_with_member(data, "ppt/media/picture.png"), changes) \
        if picture is not None else T.rewrite(data, changes)


def _with_member(data: bytes, name: str) -> bytes:
    """Return a package with an empty member `name` added (for `rewrite` to fill)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        target.writestr(name, b"")
    return out.getvalue()


DOCTYPE_PATH = b'<!DOCTYPE a:theme SYSTEM "/etc/passwd">'
ENTITY = b'<!DOCTYPE p:sldLayout [<!ENTITY e "expanded">]>'
ZERO_SIZES = members({T.MASTER: lambda x: x.replace(b'sz="4400"', b'sz="0"').replace(
    b'sz="3200"', b'sz="0"')})

# id, the change to python-pptx's template, what the one line (refused) or warning says.
REFUSED = [
    ("doctype-naming-a-file", members({"ppt/theme/theme1.xml": _insert(b"?>", b"?>" + DOCTYPE_PATH)}),
     "refused: ppt/theme/theme1.xml declares a DOCTYPE"),
    ("entity-in-a-layout", members({"ppt/slideLayouts/slideLayout3.xml": lambda x: x.replace(
        b"?>", b"?>" + ENTITY, 1).replace(b'name="', b'name="&e;', 1)}),
     "refused: ppt/slideLayouts/slideLayout3.xml declares a DOCTYPE"),
    ("undeclared-entity", members({"ppt/slideLayouts/slideLayout3.xml": _insert(b'name="', b'name="&e;')}),
     "damaged: ppt/slideLayouts/slideLayout3.xml is not well-formed XML (line 2: Entity 'e' "
     "not defined)"),
    ("props-not-well-formed", members({"ppt/presProps.xml": lambda x: x[:-20]}),
     "damaged: ppt/presProps.xml is not well-formed XML"),
    ("master-without-theme", members({T.MASTER_RELS: lambda x: x.replace(
        b"relationships/theme", b"relationships/themeOverride")}),
     "damaged: ppt/slideMasters/slideMaster1.xml has no theme that loads"),
    ("master-missing", members({T.MASTER: None}),
     "damaged: no slide master that loads (ppt/presentation.xml: rId1 points at "
     "ppt/slideMasters/slideMaster1.xml, which is missing)"),
    ("master-is-a-layout", members({"ppt/_rels/presentation.xml.rels": _insert(
        b"slideMasters/slideMaster1.xml", b"slideLayouts/slideLayout1.xml")}),
     "ppt/slideLayouts/slideLayout1.xml, which is not a slideMaster"),
    ("picture-30000-square", _layout_picture("../media/picture.png", T.png_header(30000, 30000)),
     "too large: ppt/media/picture.png is a picture of 30000x30000 pixels; a picture may have "
     "at most 40 megapixels"),
    ("layout-entries-20000", lambda data: T.many_layouts(data, 20_000, same_part=True),
     "too many layouts: ppt/slideMasters/slideMaster1.xml lists 20,000; a master may list at "
     "most 500"),
    ("slide-size-zero", _size("0", "6858000"),
     "ppt/presentation.xml: its slide size (0 x 7.5 in) is outside PowerPoint's range"),
    ("slide-size-negative", _size("-9144000", "6858000"),
     "ppt/presentation.xml: its slide size (-10 x 7.5 in) is outside PowerPoint's range"),
    ("slide-size-57-inches", _size("52120800", "6858000"),
     "ppt/presentation.xml: its slide size (57 x 7.5 in) is outside PowerPoint's range"),
    ("slide-size-not-a-number", _size("wide", "6858000"),
     "ppt/presentation.xml: its slide size (0 x 7.5 in) is outside PowerPoint's range"),
    ("encrypted-ole", lambda _data: T.OLE_FILE,
     "encrypted or password-protected (an OLE compound file, not a zip package)"),
    ("deflate64-member", lambda data: T.patched_zip(data, "ppt/presentation.xml", method=9),
     "not an Office file: ppt/presentation.xml is compressed with Deflate64"),
    ("zip-password", lambda data: T.patched_zip(data, T.LAYOUT, flags=1),
     f"encrypted: {T.LAYOUT} is protected by a zip password"),
    ("bad-crc", lambda data: T.patched_zip(data, "ppt/presentation.xml", bad_crc=True),
     "damaged: ppt/presentation.xml cannot be unpacked (its checksum (CRC) is wrong)"),
    ("main-part-type-lies", members({"[Content_Types].xml": lambda x: x.replace(
        b"presentationml.presentation.main+xml", b"wordprocessingml.document.main+xml")}),
     "not a PowerPoint template (another kind of Office file)"),
    ("layout-of-40-mb", members({T.LAYOUT: lambda x: x.replace(
        b"</p:spTree>", b"<p:extLst/>" * (40 * 2**20 // 11) + b"</p:spTree>")}),
     "too large: ppt/slideLayouts/slideLayout2.xml unpacks to 40 MB; a part may be at most 32 MB"),
    ("layout-of-2-million-elements", members({T.LAYOUT: lambda x: x.replace(
        b"</p:spTree>", b"<a/>" * 2_000_000 + b"</p:spTree>")}),
     "too large: ppt/slideLayouts/slideLayout2.xml holds more than 1,000,000 XML elements"),
]

BUILT = [
    ("link-out-of-the-package", _layout_picture("../../../../etc/passwd"),
     "1 link between its parts whose target does not load: ppt/slideLayouts/slideLayout2.xml: "
     "rIdP points "
     "outside the package ('../../../../etc/passwd')"),
    ("link-to-a-missing-part", _layout_picture("../media/nothing.png"),
     "rIdP points at ppt/media/nothing.png, which is missing"),
    ("picture-link-to-a-layout", _layout_picture("slideLayout1.xml"),
     "rIdP points at ppt/slideLayouts/slideLayout1.xml, which is not a picture"),
    ("layout-whose-master-is-a-theme", members({T.LAYOUT_RELS: _insert(
        b"../slideMasters/slideMaster1.xml", b"../theme/theme1.xml")}),
     f"1 layout without a valid master: {T.MASTER}: rId2 lists {T.LAYOUT}, which names no master"),
    ("layout-declared-a-theme", members({"[Content_Types].xml": _insert(
        b'/ppt/slideLayouts/slideLayout2.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.presentationml.slideLayout+xml"',
        b'/ppt/slideLayouts/slideLayout2.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.theme+xml"')}),
     f"{T.MASTER}: rId2 is not a layout that loads"),
    ("master-lists-itself", members({T.MASTER_RELS: _insert(
        b"../slideLayouts/slideLayout2.xml", b"slideMaster1.xml")}),
     f"{T.MASTER}: rId2 is not a layout that loads"),
    ("layout-listed-twice", members({T.MASTER_RELS: _insert(
        b"../slideLayouts/slideLayout2.xml", b"../slideLayouts/slideLayout1.xml")}),
     f"{T.MASTER}: rId2 lists ppt/slideLayouts/slideLayout1.xml again"),
    ("layout-without-master", members({T.LAYOUT_RELS: None}),
     f"{T.MASTER}: rId2 lists {T.LAYOUT}, which names no master"),
    ("second-master-entry-missing", members({"ppt/presentation.xml": _insert(
        b"</p:sldMasterIdLst>", b'<p:sldMasterId id="2147483700" r:id="rIdGone"/></p:sldMasterIdLst>')}),
     "ppt/presentation.xml: master entry rIdGone names no master"),
    ("zero-type-sizes", ZERO_SIZES, ""),
]


@pytest.fixture(scope="module")
def default_bytes() -> bytes:
    return T.default_bytes()


def _write(folder: Path, name: str, change: Change, data: bytes) -> Path:
    path = folder / f"{name}.pptx"
    path.write_bytes(change(data))
    return path


@pytest.mark.parametrize(("name", "change", "message"), REFUSED, ids=[c[0] for c in REFUSED])
def test_a_hostile_template_is_refused_in_one_line_naming_it_and_the_part(
        in_tmp, default_bytes, name, change, message):
    _write(in_tmp, name, change, default_bytes)
    result = CliRunner().invoke(main, ["template", f"{name}.pptx"], catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{name}.pptx: "), result.output
    assert message in lines[0], lines[0]
    assert len(lines[0]) < 400, lines[0]


@pytest.mark.parametrize(("name", "change", "message"), REFUSED[:4] + REFUSED[7:9],
                         ids=[c[0] for c in REFUSED[:4] + REFUSED[7:9]])
def test_a_build_on_a_hostile_template_is_one_line_and_writes_nothing(
        in_tmp, default_bytes, name, change, message):
    _write(in_tmp, name, change, default_bytes)
    (in_tmp / "brief.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "brief.yaml", "-t", f"{name}.pptx", "-o", "out"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [result.output.strip()], result.output
    assert message in result.output and "internal error" not in result.output
    assert not (in_tmp / "out").exists() or not any((in_tmp / "out").iterdir())


@pytest.fixture(scope="module")
def built(tmp_path_factory, default_bytes) -> dict[str, tuple[str, Path]]:
    """Return each damaged template's `briefgen template` output and its deck."""
    folder = tmp_path_factory.mktemp("damaged")
    out = {}
    for name, change, _message in BUILT:
        path = _write(folder, name, change, default_bytes)
        report = CliRunner().invoke(main, ["template", str(path)], catch_exceptions=False)
        assert report.exit_code == 0, report.output
        prep = prepared(SAMPLE, str(path))
        deck = io.BytesIO()
        DeckBackend().render(prep.story, prep.theme, deck)
        (folder / f"{name}-deck.pptx").write_bytes(deck.getvalue())
        out[name] = (report.output, folder / f"{name}-deck.pptx")
    return out


@pytest.mark.parametrize(("name", "message"), [(c[0], c[2]) for c in BUILT], ids=[c[0] for c in BUILT])
def test_a_damaged_template_builds_a_whole_deck_with_one_warning(built, name, message):
    report, deck = built[name]
    warnings = [line for line in report.splitlines() if "without a valid master" in line
                or "whose target does not load" in line]
    if message:
        assert len(warnings) >= 1 and any(message in line for line in warnings), report
    else:
        assert warnings == [], report
    data = deck.read_bytes()
    check_package(data)  # every relationship resolves, every part well-formed, no DTD
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
        assert not any(b"<!DOCTYPE" in archive.read(n) for n in xml)
    result = validate_pptx(deck)
    assert result.is_valid, [str(e) for e in result.errors][:5]


@pytest.mark.parametrize("name", ["link-out-of-the-package", "layout-whose-master-is-a-theme",
                                  "zero-type-sizes"])
def test_a_deck_on_a_damaged_template_opens_in_libreoffice(built, tmp_path, name):
    command = require_soffice()
    deck = built[name][1]
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    done = subprocess.run([command, profile, "--headless", "--convert-to", "pdf", "--outdir",
                           str(tmp_path), str(deck)], capture_output=True, timeout=300)
    assert done.returncode == 0 and (tmp_path / f"{deck.stem}.pdf").stat().st_size > 1000


def test_layout_names_are_escaped_and_long_lists_shortened(in_tmp, default_bytes):
    named = T.rewrite(T.many_layouts(default_bytes, 60), {
        "ppt/slideLayouts/slideLayoutCopy1.xml": _insert(
            b'name="Copy 1"', b'name="Copy&#10;renamed.pptx: fine&#x202E;fdp.exe&#x9b;31m"')})
    (in_tmp / "named.pptx").write_bytes(named)
    result = CliRunner().invoke(main, ["template", "named.pptx"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "  'Copy\\x0arenamed.pptx: fine\\u202efdp.exe\\x9b31m': " in result.output
    assert "\u202e" not in result.output and "\x9b" not in result.output
    assert not any(line.startswith("renamed.pptx") for line in result.output.splitlines())
    assert "  and 20 more layouts" in result.output
    (in_tmp / "theme.yml").write_text("defaults:\n  briefgen:\n    template: named.pptx\n"
                                      "    layouts:\n      cover: Nowhere\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["template", "theme.yml"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "its layouts: 'Copy\\x0arenamed.pptx" in result.output
    assert result.output.rstrip().endswith("'Copy 10' and 50 more"), result.output


_MEASURED = """
import resource, sys, time
from pathlib import Path
from generator.theme.template.package import TemplateError, read_template
start = time.monotonic()
try:
    read_template(Path(sys.argv[1]))
    print("read")
except TemplateError as exc:
    print(exc)
print(f"{time.monotonic() - start:.2f}")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def measured(path: Path) -> tuple[str, float, int]:
    """Return what reading the template at `path` says, its seconds and its peak memory in MB,
    in a process of its own."""
    message, seconds, peak = T.run_alone(_MEASURED, str(path))
    return message, float(seconds), int(peak)


LIMITS = [
    ("layout-of-40-mb", "unpacks to 40 MB", 150),
    ("layout-of-2-million-elements", "holds more than 1,000,000 XML elements", 400),
    ("picture-30000-square", "30000x30000 pixels", 150),
    ("layout-entries-20000", "lists 20,000", 150),
]


@pytest.mark.parametrize(("name", "message", "most_mb"), LIMITS, ids=[c[0] for c in LIMITS])
def test_a_template_over_a_limit_is_refused_quickly_and_within_memory(
        tmp_path, default_bytes, name, message, most_mb):
    change = next(c[1] for c in REFUSED if c[0] == name)
    path = _write(tmp_path, name, change, default_bytes)
    said, seconds, peak = measured(path)
    assert message in said
    assert seconds < 10, f"{seconds} s"
    assert peak < most_mb, f"peak memory {peak} MB"


def test_the_most_layouts_a_master_may_list_are_read_in_a_few_seconds(tmp_path, default_bytes):
    path = tmp_path / "layouts-500.pptx"
    path.write_bytes(T.many_layouts(default_bytes, 500))
    said, seconds, peak = measured(path)
    assert said == "read" and seconds < 10 and peak < 300, (said, seconds, peak)


def test_a_template_that_is_fine_is_a_whole_package_once_built(tmp_path):
    prep = prepared(SAMPLE, str(T.renamed_template(tmp_path)))
    deck = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, deck)
    start = time.perf_counter()
    check_package(deck.getvalue())
    assert time.perf_counter() - start < 1.0
