"""Hostile files: paths in briefs and themes stay in the project, and pictures are checked before use.

Every trap here is described, with its expected answer, in docs/security.md.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

import generator
from generator import images, paths, strict_yaml
from generator import pictures as assets
from generator.cli import main
from tests.conftest import DEJAVU, require_system

PHOTO_LINE = "brief.yaml:6:5: speakers[0].photo: "
TTF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def brief_text(photo: str, theme: str | None = None) -> str:
    """Return a brief whose only speaker's photo is written as `photo` (key at line 6, column 5)."""
    text = f"event:\n  title: T\n  summary: S\nspeakers:\n  - name: A\n    photo: '{photo}'\n"
    return text + (f"theme: {theme}\n" if theme else "")


def png(size=(8, 8), mode="RGB") -> bytes:
    """Return the bytes of a small, valid PNG."""
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG")
    return out.getvalue()


def jpeg(size=(8, 8), **options) -> bytes:
    """Return the bytes of a small, valid JPEG."""
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, "JPEG", **options)
    return out.getvalue()


def cli(*args: str):
    """Return click's result of running `briefgen ARGS` (exceptions propagate)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Return an empty project folder (the current folder), with a sibling `outside/` holding files."""
    root = tmp_path / "proj"
    outside = tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "face.png").write_bytes(png())
    (outside / "Font.ttf").write_bytes(TTF.read_bytes() if TTF.is_file() else b"")
    monkeypatch.chdir(root)
    monkeypatch.setenv("HOME", str(outside))
    return root


# ---- paths written in a brief or theme that lead outside the project folder ----------------------

def _symlink_to_outside_file(root: Path) -> str:
    (root / "face.png").symlink_to(root.parent / "outside" / "face.png")
    return "face.png"


def _symlinked_folder(root: Path) -> str:
    (root / "pics").symlink_to(root.parent / "outside")
    return "pics/face.png"


def _inside_then_up(root: Path) -> str:
    (root / "pics").mkdir()
    return "pics/../../outside/face.png"


OUTSIDE = [
    pytest.param(lambda root: "../outside/face.png", True, id="dot-dot"),
    pytest.param(lambda root: str(root.parent / "outside" / "face.png"), True, id="absolute"),
    pytest.param(lambda root: "~/face.png", True, id="home-tilde"),
    pytest.param(_symlink_to_outside_file, True, id="symlink-to-outside-file"),
    pytest.param(_symlinked_folder, True, id="symlinked-folder"),
    pytest.param(_inside_then_up, True, id="inside-then-dot-dot"),
    # A missing file outside is refused as outside, so a brief cannot probe what exists there.
    pytest.param(lambda root: "../outside/nothing.png", False, id="missing-outside-no-oracle"),
    pytest.param(lambda root: "/etc/passwd", False, id="system-file"),
]


@pytest.mark.parametrize(("written_by", "usable"), OUTSIDE)
def test_photo_outside_the_project_is_refused_unless_allowed(project, written_by, usable):
    written = written_by(project)
    (project / "brief.yaml").write_text(brief_text(written))
    refused = cli("validate", "brief.yaml")
    assert refused.exit_code == 1
    assert refused.output.startswith(f"{PHOTO_LINE}'{written}' is outside the project folder proj/;")
    assert "--allow-outside-files" in refused.output
    allowed = cli("build", "brief.yaml", "-f", "md", "--allow-outside-files")
    assert (allowed.exit_code == 0) is usable, allowed.output
    assert "outside the project" not in allowed.output


def test_explicit_root_is_the_boundary(project):
    (project / "sub").mkdir()
    (project / "face.png").write_bytes(png())
    (project / "sub" / "brief.yaml").write_text(brief_text("../face.png"))
    refused = cli("validate", "sub/brief.yaml", "--root", "sub")
    assert "'../face.png' is outside the project folder sub/" in refused.output
    assert cli("validate", "sub/brief.yaml").exit_code == 0


LOGO_LINE = "logo: ../outside/face.png\n"
FONT_LINES = ("typography:\n  fonts:\n    - family: Brand\n      source: file\n      files:\n"
              "        - path: ../outside/Font.ttf\n  base: Brand\n")
THEME_FILES = [
    pytest.param(LOGO_LINE, "theme.yml:1:1: logo: '../outside/face.png' is outside", id="logo"),
    pytest.param(FONT_LINES, "theme.yml:6:11: typography.fonts[0].files[0]: '../outside/Font.ttf' "
                             "is outside", id="font-file"),
]


@pytest.mark.parametrize(("theme", "expected"), THEME_FILES)
def test_theme_file_outside_the_project_is_refused_unless_allowed(project, theme, expected):
    if not TTF.is_file():
        require_system("a DejaVu font to copy", [DEJAVU])
    (project / "theme.yml").write_text(theme)
    (project / "brief.yaml").write_text("theme: theme.yml\nevent:\n  title: T\n  summary: S\n")
    refused = cli("build", "brief.yaml", "-f", "md")
    assert refused.exit_code == 1
    assert expected in refused.output
    assert cli("build", "brief.yaml", "-f", "pdf", "--allow-outside-files").exit_code == 0


OUTSIDE_THEME = "color:\n  primary: '#1B5E20'\n"


def _outside_theme(root: Path) -> Path:
    """Write a theme file in the sibling folder outside the project and return it."""
    (root.parent / "outside" / "brand").mkdir(exist_ok=True)
    path = root.parent / "outside" / "brand" / "_brand.yml"
    path.write_text(OUTSIDE_THEME)
    return path


def _linked_theme_file(root: Path) -> str:
    (root / "theme.yml").symlink_to(_outside_theme(root))
    return "theme.yml"


def _linked_project_theme(root: Path) -> str:
    (root / "themes").mkdir()
    (root / "themes" / "acme.yml").symlink_to(_outside_theme(root))
    return "acme"


def _linked_project_theme_folder(root: Path) -> str:
    (root / "themes").mkdir()
    (root / "themes" / "acme").symlink_to(_outside_theme(root).parent)
    return "acme"


def _linked_themes_folder(root: Path) -> str:
    (root / "themes").symlink_to(_outside_theme(root).parent.parent)
    (root.parent / "outside" / "acme.yml").write_text(OUTSIDE_THEME)
    return "acme"


def _dot_dot_theme(root: Path) -> str:
    _outside_theme(root)
    return "../outside/brand/_brand.yml"


def _outside_theme_folder(root: Path) -> str:
    _outside_theme(root)
    return "../outside/brand"


# (the theme a brief names, how it is refused). A name reaches the project's themes/ folder.
THEME_OUTSIDE = [
    pytest.param(_dot_dot_theme, "theme '../outside/brand/_brand.yml' is outside the project "
                 "folder proj/", id="dot-dot"),
    pytest.param(_outside_theme_folder, "theme '../outside/brand' is outside the project folder "
                 "proj/", id="folder-dot-dot"),
    pytest.param(_linked_theme_file, "theme 'theme.yml' is outside the project folder proj/",
                 id="symlinked-file"),
    pytest.param(_linked_project_theme, "theme 'acme': 'themes/acme.yml' is outside the project "
                 "folder proj/", id="project-theme-symlinked-out"),
    pytest.param(_linked_project_theme_folder, "theme 'acme': 'themes/acme/_brand.yml' is outside "
                 "the project folder proj/", id="project-theme-folder-symlinked-out"),
    pytest.param(_linked_themes_folder, "theme 'acme': 'themes/acme.yml' is outside the project "
                 "folder proj/", id="themes-folder-symlinked-out"),
]


@pytest.mark.parametrize(("written_by", "words"), THEME_OUTSIDE)
def test_theme_outside_the_project_is_refused_unless_allowed(project, written_by, words):
    written = written_by(project)
    (project / "brief.yaml").write_text(f"theme: {written}\nevent:\n  title: T\n  summary: S\n")
    refused = cli("validate", "brief.yaml")
    assert refused.exit_code == 1
    assert refused.output == (f"brief.yaml:1:1: theme: {words}; move it inside, or pass "
                              "--allow-outside-files for a trusted brief\n")
    allowed = cli("build", "brief.yaml", "-f", "pptx", "--allow-outside-files")
    assert allowed.exit_code == 0, allowed.output


@pytest.mark.parametrize("written_by", [_linked_project_theme, _linked_themes_folder],
                         ids=["project-theme-symlinked-out", "themes-folder-symlinked-out"])
def test_project_theme_named_on_the_command_line_is_confined_too(project, written_by):
    """A name typed with -t is not a path: it finds a file of the project, confined like any."""
    name = written_by(project)
    (project / "brief.yaml").write_text("event:\n  title: T\n  summary: S\n")
    refused = cli("validate", "brief.yaml", "-t", name)
    assert refused.exit_code == 1
    assert f"theme '{name}': 'themes/" in refused.output and "is outside" in refused.output
    assert cli("validate", "brief.yaml", "-t", name, "--allow-outside-files").exit_code == 0


def test_paths_typed_on_the_command_line_are_trusted(project):
    outside = project.parent / "outside"
    (outside / "brief.yaml").write_text(brief_text("face.png"))  # the photo is next to the brief
    (outside / "theme.yml").write_text("logo: face.png\n")
    result = cli("build", str(outside / "brief.yaml"), "--theme", str(outside / "theme.yml"),
                 "-f", "md", "--allow-outside-files")
    assert result.exit_code == 0, result.output
    theme_only = cli("build", str(outside / "brief.yaml"), "--theme", "../outside/theme.yml",
                     "-f", "pdf", "--allow-outside-files", "--force")
    assert theme_only.exit_code == 0, theme_only.output
    # Trusting the brief's own path does not extend to what it names: the photo is outside.
    refused = cli("validate", str(outside / "brief.yaml"))
    assert "'face.png' is outside the project folder proj/" in refused.output


# ---- what a path may lead to: regular files only ------------------------------------------------

def _fifo(root: Path) -> str:
    os.mkfifo(root / "face.jpg")
    return "face.jpg"


def _folder(root: Path) -> str:
    (root / "face.jpg").mkdir()
    return "face.jpg"


def _loop(root: Path) -> str:
    (root / "a.jpg").symlink_to(root / "b.jpg")
    (root / "b.jpg").symlink_to(root / "a.jpg")
    return "a.jpg"


def _dangling(root: Path) -> str:
    (root / "face.jpg").symlink_to(root / "gone.jpg")
    return "face.jpg"


SPECIAL = [
    pytest.param(lambda root: "/dev/zero", "is a special file, not a regular file", id="dev-zero"),
    pytest.param(_fifo, "is a special file, not a regular file", id="fifo"),
    pytest.param(_folder, "is a folder, not a regular file", id="folder"),
    pytest.param(lambda root: ".", "is a folder, not a regular file", id="dot"),
    pytest.param(_loop, "cannot be opened", id="symlink-loop"),
    pytest.param(_dangling, "does not exist", id="dangling-symlink"),
    pytest.param(lambda root: "", "is blank", id="empty"),
]


@pytest.mark.parametrize(("written_by", "words"), SPECIAL)
def test_photo_that_is_not_a_regular_file_is_refused(project, written_by, words):
    written = written_by(project)
    (project / "brief.yaml").write_text(brief_text(written))
    result = cli("validate", "brief.yaml", "--allow-outside-files")  # even when trusted
    assert result.exit_code == 1
    assert result.output.startswith(PHOTO_LINE)
    assert words in result.output


# ---- what a picture holds: JPEG or PNG, bounded, decodable --------------------------------------

def _patched_ihdr(width: int, height: int) -> bytes:
    """Return a PNG whose header claims `width` x `height` pixels (with a valid checksum)."""
    data = bytearray(png())
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def _patched_sof(width: int, height: int) -> bytes:
    """Return a JPEG whose frame header claims `width` x `height` pixels."""
    data = bytearray(jpeg())
    at = data.index(b"\xff\xc0")
    data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def _one_bit_giant() -> bytes:
    """Return a few kB of PNG that decodes to 10000 x 10000 pixels (over Pillow's own warning)."""
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")
    return out.getvalue()


def _webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "WEBP")
    return out.getvalue()


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, "GIF")
    return out.getvalue()


PICTURES = [
    pytest.param(lambda: b"hello, I am text", "is not a JPEG or PNG image", id="text-named-jpg"),
    pytest.param(lambda: b"", "is not a JPEG or PNG image", id="empty-file"),
    pytest.param(lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/passwd"/></svg>',
                 "is an SVG drawing; export it as PNG", id="svg"),
    pytest.param(lambda: b'<?xml version="1.0"?>\n<svg/>', "is an SVG drawing", id="svg-xml-declaration"),
    pytest.param(_webp, "is a WebP image; save it as JPEG or PNG", id="webp"),
    pytest.param(_gif, "is a GIF image; save it as JPEG or PNG", id="gif"),
    pytest.param(lambda: jpeg((64, 64))[:200], "cannot be read as JPEG", id="truncated-jpeg"),
    pytest.param(lambda: png((64, 64))[:60], "cannot be read as PNG", id="truncated-png"),
    pytest.param(lambda: _patched_ihdr(50_000, 50_000), "is 50000x50000 pixels; the limit is 40 megapixels",
                 id="bomb-png-header-50000"),
    pytest.param(lambda: _patched_sof(65_000, 65_000), "is 65000x65000 pixels; the limit is 40 megapixels",
                 id="bomb-jpeg-header-65000"),
    pytest.param(_one_bit_giant, "is 10000x10000 pixels; the limit is 40 megapixels", id="bomb-1-bit-png"),
    pytest.param(lambda: _patched_ihdr(0, 0), "is 0x0 pixels", id="zero-pixels"),
]


@pytest.mark.parametrize(("make", "words"), PICTURES)
def test_bad_picture_is_refused_alike_in_both_formats(project, monkeypatch, make, words):
    (project / "face.jpg").write_bytes(make())
    (project / "brief.yaml").write_text(brief_text("face.jpg"))
    messages = set()
    for fmt in ("pptx", "pdf"):
        with pytest.raises(generator.InputError) as caught:
            generator.render(project / "brief.yaml", format=fmt)
        messages.add(str(caught.value))
    (message,) = messages  # the shared assets step answers, so both formats say the same
    assert message.startswith(f"{PHOTO_LINE}'face.jpg' {words}")


@pytest.mark.parametrize("make", [lambda: _patched_ihdr(50_000, 50_000), lambda: _patched_sof(65_000, 9_000),
                                  _one_bit_giant], ids=["png-header", "jpeg-header", "one-bit-png"])
def test_bomb_is_refused_from_its_header_before_decoding(project, monkeypatch, make):
    import PIL.Image

    def no_decoding(*args, **kwargs):
        raise AssertionError("the picture was handed to Pillow")

    monkeypatch.setattr(PIL.Image, "open", no_decoding)
    (project / "face.png").write_bytes(make())
    with pytest.raises(images.PictureError, match="megapixels"):
        assets.load_picture(project / "face.png", "alt")


ACCEPTED = [
    pytest.param("face.jpg", png, id="png-named-jpg"),
    pytest.param("face.png", jpeg, id="jpeg-named-png"),
    pytest.param("face.JPEG", lambda: jpeg(progressive=True), id="progressive-jpeg"),
    pytest.param("face.png", lambda: png((40, 30), "LA"), id="grey-alpha-png"),
    pytest.param("Fotos/Gesicht 1.png", png, id="space-and-subfolder"),
]


@pytest.mark.parametrize(("name", "make"), ACCEPTED)
def test_honest_picture_under_any_name_is_accepted(project, name, make):
    (project / name).parent.mkdir(exist_ok=True)
    (project / name).write_bytes(make())
    (project / "brief.yaml").write_text(brief_text(name))
    deck = generator.render(project / "brief.yaml", format="pptx")
    from pptx import Presentation

    pictures = [s for slide in Presentation(io.BytesIO(deck)).slides for s in slide.shapes
                if s.shape_type == 13]
    assert len(pictures) == 1


class _ReadSpy:
    """A file handle that records every read, to prove an oversized file is refused unread."""

    def __init__(self, handle, reads: list):
        self.handle, self.reads = handle, reads

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def fileno(self) -> int:
        return self.handle.fileno()

    def read(self, size: int = -1) -> bytes:
        self.reads.append(size)
        return self.handle.read(size)


def _spy_on_open(monkeypatch, module) -> list:
    reads: list = []
    monkeypatch.setattr(module, "open", lambda *a, **k: _ReadSpy(open(*a, **k), reads),  # noqa: SIM115
                        raising=False)
    return reads


def test_huge_photo_is_refused_by_size_unread(project, monkeypatch):
    with open(project / "face.jpg", "wb") as handle:  # sparse: 25 MB that take no disk space
        handle.write(jpeg())
        handle.truncate(25_000_000)
    (project / "brief.yaml").write_text(brief_text("face.jpg"))
    reads = _spy_on_open(monkeypatch, paths)
    result = cli("validate", "brief.yaml")
    assert result.output.startswith(f"{PHOTO_LINE}'face.jpg' is larger than 20 MB")
    assert reads == []


def test_huge_brief_is_refused_by_size_unread(project, monkeypatch):
    with open(project / "brief.yaml", "wb") as handle:
        handle.write(b"event:\n  title: T\n  summary: S\n")
        handle.truncate(50_000_000)
    reads = _spy_on_open(monkeypatch, strict_yaml)
    result = cli("build", "brief.yaml", "-f", "md")
    assert result.exit_code == 1
    assert "brief.yaml: file is 50.0 MB; the limit is " in result.output
    assert reads == []
    assert not (project / "output").exists()


def _broken_font(root: Path) -> None:
    (root / "Brand.ttf").write_bytes(TTF.read_bytes()[:300_000])


def _text_font(root: Path) -> None:
    (root / "Brand.ttf").write_text("not a font")


FONTS = [
    pytest.param(_broken_font, id="truncated-ttf"),
    pytest.param(_text_font, id="text-named-ttf"),
]


@pytest.mark.parametrize("make", FONTS)
@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_font_file_that_is_not_a_font_is_a_located_theme_error(project, make, fmt):
    if not TTF.is_file():
        require_system("a DejaVu font to copy", [DEJAVU])
    make(project)
    (project / "theme.yml").write_text(FONT_LINES.replace("../outside/Font.ttf", "Brand.ttf"))
    (project / "brief.yaml").write_text("theme: theme.yml\nevent:\n  title: T\n  summary: S\n")
    with pytest.raises(generator.InputError) as caught:
        generator.render(project / "brief.yaml", format=fmt)
    assert str(caught.value).startswith("theme.yml:6:11: typography.fonts[0].files[0]: 'Brand.ttf' ")


def test_outputs_never_copy_a_refused_file(project):
    secret = project.parent / "outside" / "secret.png"
    shutil.copy(project.parent / "outside" / "face.png", secret)
    (project / "brief.yaml").write_text(brief_text(str(secret)))
    result = cli("build", "brief.yaml")
    assert result.exit_code == 1
    assert list(project.glob("output/brief.*")) == []
