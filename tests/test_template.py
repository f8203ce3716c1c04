"""An organisation's PowerPoint template as the theme: read, checked, and how layouts are chosen."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import InputError
from generator.paths import AssetPolicy
from generator.theme.resolve import load_theme
from generator.theme.template.layouts import choose_layouts
from generator.theme.template.package import read_template
from tests import templates as T
from tests.conftest import ROOT, SAMPLE

BUILDERS = {"default": T.default_template, "renamed": T.renamed_template, "potx": T.potx_template,
            "two-masters": T.two_masters_template}


@pytest.mark.parametrize(("name", "width", "masters", "layouts"), [
    ("default", 720, 1, 11), ("renamed", 960, 1, 11), ("potx", 720, 1, 11), ("two-masters", 720, 2, 22),
], ids=["default", "renamed", "potx", "two-masters"])
def test_a_template_is_read_without_python_pptx(tmp_path, name, width, masters, layouts):
    package = read_template(BUILDERS[name](tmp_path))
    assert (package.width, len(package.masters), len(package.layouts)) == (width, masters, layouts)
    assert package.color("dk1") == "#000000" and package.color("accent1") == "#4F81BD"
    assert package.minor_font == "Calibri"


@pytest.mark.parametrize("name", list(BUILDERS), ids=list(BUILDERS))
def test_layouts_are_chosen_by_what_they_hold_whatever_their_names_and_order(tmp_path, name):
    choices = {c.kind: c for c in choose_layouts(read_template(BUILDERS[name](tmp_path)))}
    english = {c.kind: c.layout.name for c in choices.values()}
    if name == "renamed":  # German names, reversed order: the same layouts all the same
        english = {kind: next(en for en, de in T.GERMAN.items() if de == layout)
                   for kind, layout in english.items()}
    assert english == {"cover": "Title Slide", "glance": "Title and Content",
                       "agenda": "Title and Content", "speakers-overview": "Title and Content",
                       "speaker": "Two Content",
                       "priorities": "Title and Content", "takeaways": "Title and Content",
                       "sources": "Title and Content"}
    assert all(c.fits and c.slots.title is not None for c in choices.values())
    assert len(choices["speaker"].slots.bodies) == 2


def test_a_theme_names_a_layout_in_another_master(tmp_path):
    path = T.two_masters_template(tmp_path)
    theme_file = tmp_path / "brand.yml"
    theme_file.write_text(f"defaults:\n  briefgen:\n    template: {path.name}\n    layouts:\n"
                          "      speaker: Zweit Two Content\n")
    theme = load_theme(str(theme_file), tmp_path, AssetPolicy(tmp_path))
    assert theme.template is not None
    speaker = theme.template.choice("speaker")
    assert (speaker.layout.name, speaker.layout.master) == ("Zweit Two Content", 1)
    assert speaker.fits and len(speaker.slots.bodies) == 2
    assert theme.template.choice("glance").layout.master == 0  # the rest as chosen


@pytest.mark.parametrize(("entry", "message"), [
    ("speaker: Bild mit Beschriftung",
     "defaults.briefgen.layouts.speaker: the template has no layout 'Bild mit Beschriftung'; its "
     "layouts: 'Title Slide', 'Title and Content', 'Section Header', 'Two Content', "),
    ("takeaways: blank",
     "defaults.briefgen.layouts.takeaways: the layout 'blank' has no title placeholder, and every "
     "slide needs its title; layouts with one: 'Title Slide'"),
    ("speakers: Two Content",
     "defaults.briefgen.layouts.speakers: unknown key; did you mean 'speaker'"),
], ids=["unknown-name", "no-title", "unknown-kind"])
def test_a_bad_layout_entry_is_a_located_error(tmp_path, entry, message):
    T.default_template(tmp_path)
    theme_file = tmp_path / "brand.yml"
    theme_file.write_text("defaults:\n  briefgen:\n    template: default.pptx\n    layouts:\n"
                          f"      {entry}\n")
    with pytest.raises(InputError) as caught:
        load_theme(str(theme_file), tmp_path, AssetPolicy(tmp_path))
    assert f"brand.yml:5:7: {message}" in str(caught.value), str(caught.value)


def test_the_templates_schemes_colour_the_theme_below_the_theme_files_own(tmp_path):
    T.default_template(tmp_path)
    theme_file = tmp_path / "brand.yml"
    theme_file.write_text("color:\n  primary: '#7A1F3D'\ndefaults:\n  briefgen:\n"
                          "    template: default.pptx\n")
    theme = load_theme(str(theme_file), tmp_path, AssetPolicy(tmp_path))
    assert theme.palette.primary == "#7A1F3D"  # the theme file's own
    assert theme.palette.text == "#000000" and theme.palette.background == "#FFFFFF"  # dk1, lt1
    assert theme.palette.accent == "#C0504D"  # accent2
    assert theme.body.family == "Calibri"  # the minor font
    assert theme.template is not None and dict(theme.template.overrides) == {"accent1": "#7A1F3D"}


def test_a_template_saved_while_it_was_read_is_not_kept_in_its_old_form(tmp_path, monkeypatch):
    import hashlib

    from generator.theme.template import package as package_module

    path = T.default_template(tmp_path)
    first = path.read_bytes()
    (tmp_path / "saved").mkdir()
    saved = T.renamed_template(tmp_path / "saved").read_bytes()
    theme_file = tmp_path / "brand.yml"
    theme_file.write_text(f"defaults:\n  briefgen:\n    template: {path.name}\n", encoding="utf-8")
    real = package_module.read_template_bytes

    def saving_meanwhile(source, data):
        """Read as usual, while someone saves another template over the file."""
        described = real(source, data)
        if data == first:
            path.write_bytes(saved)
        return described

    monkeypatch.setattr(package_module, "read_template_bytes", saving_meanwhile)
    policy = AssetPolicy(tmp_path)
    for _build in range(2):  # the brand.yml is unchanged: only the template's stamp tells
        part = load_theme(str(theme_file), tmp_path, policy).template
        assert part is not None and part.package.digest == hashlib.sha256(saved).hexdigest()


def test_a_template_with_no_usable_text_layout_falls_back_with_a_warning(tmp_path):
    path = T.pictures_only_template(tmp_path)
    theme = load_theme(str(path), tmp_path, AssetPolicy(tmp_path))
    assert theme.template is not None
    glance = theme.template.choice("glance")
    assert not glance.fits and glance.area is not None
    fallbacks = [str(w) for w in theme.warnings if "no layout has room" in str(w)]
    assert len(fallbacks) == 1 and "glance ('Title and Content')" in fallbacks[0], fallbacks


def _sparse(path, size: int) -> None:
    """Make `path` a file of `size` bytes that takes no room on disk."""
    with path.open("wb") as file:
        file.truncate(size)


HOSTILE = [
    pytest.param("not-a-zip.pptx", lambda p: p.write_text("just text"),
                 "not a PowerPoint template (not a .pptx/.potx zip package)", id="not-a-zip"),
    pytest.param("word.pptx", lambda p: p.write_bytes(T.rewrite(T.default_bytes(), {
        "[Content_Types].xml": lambda x: x.replace(T.PPTX.encode(), b"application/vnd."
                                                   b"openxmlformats-officedocument.wordprocessingml.document.main+xml")})),
                 "another kind of Office file", id="other-office-file"),
    pytest.param("damaged.pptx", lambda p: p.write_bytes(T.rewrite(T.default_bytes(), {
        "ppt/slideLayouts/slideLayout2.xml": lambda x: x[: len(x) // 2]})),
                 "damaged: ppt/slideLayouts/slideLayout2.xml is not well-formed XML", id="damaged-xml"),
    pytest.param("doctype.pptx", lambda p: p.write_bytes(T.rewrite(T.default_bytes(), {
        "ppt/slideLayouts/slideLayout2.xml": lambda x: x.replace(
            b"?>", b'?><!DOCTYPE p:sldLayout [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)})),
                 "refused: ppt/slideLayouts/slideLayout2.xml declares a DOCTYPE", id="doctype"),
    pytest.param("missing.pptx", lambda p: p.write_bytes(T.rewrite(T.default_bytes(), {
        "ppt/slideMasters/slideMaster1.xml": None})),
                 "damaged: no slide master that loads (ppt/presentation.xml: rId1 points at "
                 "ppt/slideMasters/slideMaster1.xml, which is missing)", id="missing-part"),
    pytest.param("macros.pptm", lambda p: p.write_bytes(T.default_bytes()),
                 "macro-enabled: save it as a .pptx or .potx", id="pptm"),
    pytest.param("macros.pptx", lambda p: p.write_bytes(T.rewrite(T.default_bytes(), {
        "[Content_Types].xml": lambda x: x.replace(T.PPTX.encode(), b"application/vnd.ms-"
                                                   b"powerpoint.presentation.macroEnabled.main+xml")})),
                 "macro-enabled", id="macro-content-type"),
    pytest.param("huge.pptx", lambda p: _sparse(p, 51 * 2**20),
                 "too large: 51 MB; a template may be at most 50 MB", id="over-50-mb"),
    pytest.param("bomb.pptx", lambda p: p.write_bytes(T.rewrite(T.default_bytes(), {
        "ppt/media/padding.bin": None, "docProps/thumbnail.jpeg": lambda x: x + b"\0" * 201 * 2**20})),
                 "too large unpacked: more than 200 MB", id="zip-bomb"),
]


@pytest.mark.parametrize(("name", "make", "message"), HOSTILE)
def test_a_bad_template_is_one_line_naming_the_file_and_nothing_is_written(in_tmp, name, make, message):
    path = in_tmp / name
    make(path)
    brief = in_tmp / "brief.yaml"
    brief.write_text(SAMPLE.read_text())
    result = CliRunner().invoke(main, ["build", str(brief), "-t", name, "-o", "out"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [f"{name}: {lines[0].split(': ', 1)[1]}"], result.output
    assert message in lines[0], lines[0]
    assert not (in_tmp / "out").exists() or not any((in_tmp / "out").iterdir())


def test_outside_links_objects_and_controls_are_named_in_warnings(tmp_path):
    theme = load_theme(str(T.hostile_objects_template(tmp_path)), tmp_path, AssetPolicy(tmp_path))
    warnings = [str(w) for w in theme.warnings]
    assert "hostile-objects.pptx: warning: left out of the deck: 2 links to outside files or servers " \
           "(a deck must not call out when opened)" in [w.split("/")[-1] for w in warnings]
    assert any("2 embedded objects or controls (OLE, ActiveX)" in w for w in warnings)


def test_a_brand_yml_naming_a_bad_template_points_at_its_line(in_tmp):
    (in_tmp / "broken.potx").write_text("no")
    (in_tmp / "brand.yml").write_text("color:\n  primary: '#123456'\ndefaults:\n  briefgen:\n"
                                      "    template: broken.potx\n")
    with pytest.raises(InputError) as caught:
        load_theme("brand.yml", in_tmp, AssetPolicy(in_tmp))
    assert str(caught.value) == ("brand.yml:5:5: template 'broken.potx': not a PowerPoint template "
                                 "(not a .pptx/.potx zip package)")


def test_briefgen_template_shows_layouts_choices_and_problems(in_tmp):
    T.renamed_template(in_tmp)
    result = CliRunner().invoke(main, ["template", "renamed.pptx"], catch_exceptions=False)
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("renamed.pptx: 960 x 540 pt (16:9), 1 master, 11 layouts")
    assert "  'Zwei Inhalte': title, content, content, date, footer, slide number" in out
    assert "  speaker            'Zwei Inhalte' (master 1): holds a title and two text columns" in out
    assert "left out of decks: its 1 sample slide" in out
    assert "outside files" not in out  # its only link to a server was on the sample slide, left out whole


@pytest.mark.parametrize(("args", "needle"), [
    (["template", "nothing.pptx"], "theme file 'nothing.pptx' does not exist"),
    (["template", "default"], "names no PowerPoint template"),
], ids=["missing", "no-template"])
def test_briefgen_template_fails_with_one_line(in_tmp, args, needle):
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 1 and needle in result.output, result.output


def test_checking_a_template_imports_no_rendering_library(tmp_path):
    path = T.renamed_template(tmp_path)
    brief = tmp_path / "brief.yaml"
    brief.write_text(SAMPLE.read_text())
    code = (
        "import sys\n"
        "from generator.cli import main\n"
        f"for args in (['template', {str(path)!r}], ['validate', {str(brief)!r}, '-t', {str(path)!r}]):\n"
        "    try:\n        main.main(args, standalone_mode=False)\n    except SystemExit:\n        pass\n"
        "print('HEAVY', [m for m in ('pptx', 'reportlab') if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr
    assert "Zwei Inhalte" in done.stdout


def test_validate_checks_the_layout_names_a_theme_gives(in_tmp):
    T.default_template(in_tmp)
    (in_tmp / "brand.yml").write_text("defaults:\n  briefgen:\n    template: default.pptx\n"
                                      "    layouts:\n      cover: Titelfolie\n")
    (in_tmp / "brief.yaml").write_text(SAMPLE.read_text())
    result = CliRunner().invoke(main, ["validate", "brief.yaml", "-t", "brand.yml"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert "brand.yml:5:7: defaults.briefgen.layouts.cover: the template has no layout 'Titelfolie'" \
        in result.output


def test_a_saved_template_is_read_again(in_tmp):
    path = T.default_template(in_tmp)
    (in_tmp / "brand.yml").write_text("defaults:\n  briefgen:\n    template: default.pptx\n")
    first = load_theme("brand.yml", in_tmp, AssetPolicy(in_tmp))
    T.renamed_template(in_tmp).replace(path)
    second = load_theme("brand.yml", in_tmp, AssetPolicy(in_tmp))
    assert first.template is not None and second.template is not None
    assert (first.slide_width, second.slide_width) == (720, 960)

