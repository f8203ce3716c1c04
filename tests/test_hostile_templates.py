"""Hostile and careless templates, built in code: each is refused in one line naming the
template and the part (exit 1), or builds a deck with one warning saying what was left out.
Every deck built is re-read as a package (every relationship resolves, every part well-formed,
no DTD) and passes the Open XML validator; a few are opened in LibreOffice. The limits are
checked with the peak memory of a process that reads the template alone."""

from __future__ import annotations

import io
import re
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
from generator.ooxml.parse import PackageError
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


def _layout_picture(target: str, picture: bytes | None = None, kind: str = "image",
                    content: str = "image/png") -> Change:
    """Return a change giving the second layout a picture whose relationship names `target`
    (`picture` the bytes of that member, of type `content`, when given)."""
    changes: dict[str, object] = {
        T.LAYOUT_RELS: lambda x: T.with_relationship(x, "rIdP", kind, target),
        T.LAYOUT: lambda x: T.with_picture(x, "rIdP")}
    if picture is None:
        return lambda data: T.rewrite(data, changes)
    member = "ppt/" + target.removeprefix("../")
    extension = member.rpartition(".")[2]
    changes[member] = lambda _x: picture
    changes["[Content_Types].xml"] = _insert(b"</Types>", f'<Default Extension="{extension}" '
                                             f'ContentType="{content}"/></Types>'.encode())
    return lambda data: T.rewrite(_with_member(data, member), changes)


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
SVG_OUT = (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           b'width="10" height="10"><image xlink:href="http://tracker.example/svg.png" '
           b'width="10" height="10"/></svg>')
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
     "ppt/presentation.xml: its slide width 'wide' is not a whole number of EMU in digits 0-9"),
    ("slide-size-in-arabic-indic-digits", _size("\u0669\u0661\u0664\u0664\u0660\u0660\u0660", "6858000"),
     "ppt/presentation.xml: its slide width '\u0669\u0661\u0664\u0664\u0660\u0660\u0660' is not a whole "
     "number of EMU in digits 0-9"),
    ("slide-size-with-a-decimal-point", _size("9144000.0", "6858000"),
     "ppt/presentation.xml: its slide width '9144000.0' is not a whole number"),
    ("slide-size-in-hexadecimal", _size("9144000", "0x68A3A0"),
     "ppt/presentation.xml: its slide height '0x68A3A0' is not a whole number"),
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
     "too large: ppt/slideLayouts/slideLayout2.xml holds more than 300,000 XML elements and "
     "attributes"),
    ("eleven-layouts-of-200000-elements", lambda data: T.with_layout_elements(data, 200_000),
     "too large: its XML parts together hold more than 800,000 elements and attributes (at "
     "ppt/slideLayouts/slideLayout"),
    ("an-element-of-300000-attributes", lambda data: T.with_attributes(data, 300_000),
     f"too large: {T.LAYOUT} has an element with 300,001 attributes; an element may have at most "
     "256"),
    ("an-element-of-20000-attributes", lambda data: T.with_attributes(data, 20_000),
     f"too large: {T.LAYOUT} has an element with 20,001 attributes"),
    ("layout-nested-300-deep", members({T.LAYOUT: _insert(
        b"</p:spTree>", b"<a>" * 300 + b"</a>" * 300 + b"</p:spTree>")}),
     f"too large: {T.LAYOUT} nests elements, or holds a text, name or comment, deeper or longer "
     "than a reader allows"),
    ("layout-of-a-comment-of-20-mb", members({T.LAYOUT: _insert(
        b"</p:spTree>", b"<!--" + b"x" * (20 * 2**20) + b"--></p:spTree>")}),
     f"too large: {T.LAYOUT} nests elements, or holds a text, name or comment, deeper or longer"),
    ("vml-declaring-a-doctype", lambda data: T.with_vml(
        data, b'<!DOCTYPE x SYSTEM "/etc/passwd"><xml xmlns:v="urn:schemas-microsoft-com:vml">'
        b"<v:shape/></xml>"),
     "refused: ppt/drawings/vmlDrawing1.vml declares a DOCTYPE"),
    ("vml-not-well-formed", lambda data: T.with_vml(data, b"<xml><v:shape></xml>"),
     "damaged: ppt/drawings/vmlDrawing1.vml is not well-formed XML"),
    ("bmp-30000-square", _layout_picture("../media/picture.bmp", T.bmp_header(30000, 30000),
                                         content="image/bmp"),
     "too large: ppt/media/picture.bmp is a picture of 30000x30000 pixels"),
    ("tiff-30000-square", _layout_picture("../media/picture.tiff", T.tiff_header(30000, 30000),
                                          content="image/tiff"),
     "too large: ppt/media/picture.tiff is a picture of 30000x30000 pixels"),
    ("webp-16000-square", _layout_picture("../media/picture.webp", T.webp_header(16000, 16000),
                                          content="image/webp"),
     "too large: ppt/media/picture.webp is a picture of 16000x16000 pixels"),
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
    ("type-sizes-not-numbers", members({T.MASTER: lambda x: x.replace(b'sz="4400"', b'sz="abc"'),
                                        "ppt/presentation.xml": lambda x: x.replace(
                                            b'sz="1800"', b'sz="\xd9\xa1\xd9\xa8\xd9\xa0\xd9\xa0"')}), ""),
    ("relationship-id-given-twice", members({T.LAYOUT_RELS: lambda x: T.with_relationship(
        x, "rId1", "image", "../media/none.png")}),
     f"1 list of links giving an id twice (the first is kept): {T.LAYOUT}: rId1"),
    ("picture-of-no-relationship", members({T.LAYOUT: lambda x: T.with_picture(x, "rIdNope")}),
     f"1 reference to a link its part does not have: {T.LAYOUT}: rIdNope"),
    ("master-link-of-no-relationship", members({T.MASTER: _insert(
        b'<p:cNvPr id="2" name="Title Placeholder 1"/>',
        b'<p:cNvPr id="2" name="Title Placeholder 1"><a:hlinkClick r:id="rIdGone"/></p:cNvPr>')}),
     f"1 reference to a link its part does not have: {T.MASTER}: rIdGone"),
    ("picture-of-unknown-size", _layout_picture("../media/picture.jxr", b"II\xbc\x01" + b"\0" * 60,
                                                content="image/vnd.ms-photo"),
     "ppt/media/picture.jxr is a picture whose size its header does not state"),
    ("svg-calling-out", _layout_picture("../media/picture.svg", SVG_OUT, content="image/svg+xml"),
     "ppt/media/picture.svg is an SVG drawing that refers to files or servers outside it"),
    ("stylesheet-instruction", members({"ppt/theme/theme1.xml": _insert(
        b"?>", b'?><?xml-stylesheet href="file:///etc/passwd"?>')}), ""),
]

# What no deck built on each of these may hold.
ABSENT = {"type-sizes-not-numbers": [b'sz="abc"', 'sz="\u0661'.encode()],
          "picture-of-no-relationship": [b"rIdNope"], "master-link-of-no-relationship": [b"rIdGone"],
          "svg-calling-out": [b"tracker.example"], "stylesheet-instruction": [b"xml-stylesheet"],
          "picture-of-unknown-size": [b"picture.jxr"]}


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
    warnings = [line for line in report.splitlines() if line.startswith("left out of decks:")]
    if message:
        assert len(warnings) >= 1 and any(message in line for line in warnings), report
    else:
        assert warnings == [], report
    data = deck.read_bytes()
    check_package(data)  # every relationship resolves, every part well-formed, no DTD
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
        assert not any(b"<!DOCTYPE" in archive.read(n) for n in xml)
        everything = b"".join(archive.read(n) for n in archive.namelist())
    for forbidden in ABSENT.get(name, []):
        assert forbidden not in everything, forbidden
    result = validate_pptx(deck)
    assert result.is_valid, [str(e) for e in result.errors][:5]


@pytest.mark.parametrize("name", ["link-out-of-the-package", "layout-whose-master-is-a-theme",
                                  "zero-type-sizes", "relationship-id-given-twice",
                                  "picture-of-no-relationship", "type-sizes-not-numbers"])
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
    ("layout-of-2-million-elements", "holds more than 300,000 XML elements", 300),
    ("eleven-layouts-of-200000-elements", "together hold more than 800,000", 300),
    ("an-element-of-300000-attributes", "has an element with 300,001 attributes", 200),
    ("an-element-of-20000-attributes", "has an element with 20,001 attributes", 150),
    ("layout-of-a-comment-of-20-mb", "deeper or longer than a reader allows", 200),
    ("bmp-30000-square", "30000x30000 pixels", 150),
    ("tiff-30000-square", "30000x30000 pixels", 150),
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


# id, a change to python-pptx's template, what `check_package` (the check of every deck) says.
DAMAGED_PACKAGES = [
    ("layout-without-its-master", members({T.LAYOUT_RELS: None}),
     f"damaged: {T.LAYOUT} has no slideMaster"),
    ("master-without-its-theme", members({T.MASTER_RELS: lambda x: x.replace(
        b"relationships/theme", b"relationships/themeOverride")}),
     "damaged: ppt/slideMasters/slideMaster1.xml has no theme"),
    ("relationship-id-given-twice", members({T.LAYOUT_RELS: lambda x: T.with_relationship(
        x, "rId1", "image", "../media/none.png")}),
     f"damaged: {T.LAYOUT_RELS} gives relationship id rId1 twice"),
    ("reference-to-no-relationship", members({T.LAYOUT: lambda x: T.with_picture(x, "rIdNope")}),
     f"damaged: {T.LAYOUT} refers to a missing relationship rIdNope"),
    ("vml-not-well-formed", lambda data: T.with_vml(data, b"<xml><v:shape></xml>"),
     "damaged: ppt/drawings/vmlDrawing1.vml is not well-formed XML"),
]


@pytest.mark.parametrize(("name", "change", "message"), DAMAGED_PACKAGES,
                         ids=[c[0] for c in DAMAGED_PACKAGES])
def test_the_check_of_every_deck_refuses_a_package_a_reader_would_repair(
        default_bytes, name, change, message):
    with pytest.raises(PackageError) as caught:
        check_package(change(default_bytes))
    assert str(caught.value).startswith(message), str(caught.value)


FORGED = "X&#10;evil.pptx: fine, no problems&#13;&#x202E;fdp.exe&#x9b;31m&#x85;NEL&#x2028;LS"


def test_every_name_a_template_gives_is_printed_escaped(in_tmp, default_bytes):
    evil = FORGED.encode()
    forged = T.rewrite(default_bytes, {
        "ppt/theme/theme1.xml": lambda x: re.sub(rb'<a:latin typeface="[^"]*"',
                                                 b'<a:latin typeface="F' + evil + b'"', x, count=1),
        T.MASTER: lambda x: x.replace(b"<p:cSld>", b'<p:cSld name="M' + evil + b'">', 1),
        "ppt/slideLayouts/slideLayout3.xml": _insert(b'<p:cSld name="', b'<p:cSld name="L' + evil),
        T.LAYOUT: _insert(b'<p:ph type="title"', b'<p:ph type="T' + evil + b'"')})
    (in_tmp / "forged.pptx").write_bytes(forged)
    result = CliRunner().invoke(main, ["template", "forged.pptx"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for raw in ("\r", "\u202e", "\x9b", "\x85", "\u2028"):
        assert raw not in result.output, repr(raw)
    lines = result.output.splitlines()
    assert not any(line.startswith("evil.pptx") for line in lines), result.output
    assert "master 1: 'MX\\x0aevil.pptx: fine, no problems\\x0d\\u202efdp.exe" in result.output
    assert "'LX\\x0aevil.pptx: fine" in result.output
    assert "'TX\\x0aevil.pptx: fine" in result.output
    # A typeface holding controls is no font's name: the theme's is taken as unset.
    assert "headings in ?" in result.output


_BUILT_ALONE = """
import io, resource, sys, time
from generator.backends.deck.backend import DeckBackend
from tests.conftest import SAMPLE, prepared
start = time.monotonic()
prep = prepared(SAMPLE, sys.argv[1])
deck = io.BytesIO()
DeckBackend().render(prep.story, prep.theme, deck)
print(len(deck.getvalue()) > 0)
print(f"{time.monotonic() - start:.2f}")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_a_template_just_within_the_budget_builds_in_seconds_and_within_memory(tmp_path,
                                                                              default_bytes):
    # Three layouts of 260,000 empty elements: 780,000 of the package's 800,000, each part
    # within its 300,000. The deck is read, cleaned, built, checked and read by python-pptx.
    path = tmp_path / "near-the-budget.pptx"
    path.write_bytes(T.with_layout_elements(default_bytes, 260_000, layouts=3))
    built, seconds, peak = T.run_alone(_BUILT_ALONE, str(path))
    assert built == "True"
    assert float(seconds) < 10, f"{seconds} s"
    assert int(peak) < 300, f"peak memory {peak} MB"
