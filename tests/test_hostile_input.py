"""Hostile and careless input, as new users write it: each mistake is one located line and exit 1.

Run through the real command (`briefgen build`), so what is checked is what a user sees: the exact
`path:line:col: message`, the exit status, and that nothing was written for an error. The rules
are in README.md ("The brief") and docs/security.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator import paths
from generator.cli import main

from .conftest import DEJAVU, require_system
from .test_hostile_files import png

HEAD = "event:\n  title: T\n  summary: S\n"
THEMED = "theme: theme.yml\n" + HEAD


def write(path: Path, text: str) -> None:
    """Write `text` to `path` exactly: UTF-8, line ends as given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


def build(project: Path, brief: str, theme: str | None = None, *options: str) -> Result:
    """Return click's result of `briefgen build brief.yaml -f md` on `brief` (and `theme.yml`)."""
    write(project / "brief.yaml", brief)
    if theme is not None:
        write(project / "theme.yml", theme)
    return CliRunner().invoke(main, ["build", "brief.yaml", "-f", "md", *options],
                              catch_exceptions=False)


def written(project: Path) -> list[str]:
    """Return every file the build wrote under output/."""
    out = project / "output"
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) if out.exists() else []


def located_lines(result: Result) -> list[str]:
    """Return the lines of the output that name an input file."""
    return [line for line in result.output.splitlines() if line.startswith(("brief.yaml:", "theme.yml:"))]


def assert_refused(project: Path, result: Result, line: str) -> None:
    """Fail unless the build printed exactly `line`, exited 1 and wrote nothing."""
    assert located_lines(result) == [line], result.output
    assert result.exit_code == 1
    assert written(project) == []


def assert_built_with(project: Path, result: Result, warnings: list[str]) -> None:
    """Fail unless the build succeeded, wrote the Markdown and printed exactly `warnings`."""
    assert result.exit_code == 0, result.output
    assert located_lines(result) == warnings
    assert "brief.md" in written(project)


# ---- 1. links: no credentials, no look-alike hosts -----------------------------------------------

SECRET = ("a link may not hold a user name or password (the 'name:password@' before the host); "
          "remove it, since published documents must not carry secrets")

CREDENTIALS = [
    pytest.param("https://user:s3cret@host.example/", id="user-and-password"),
    pytest.param("https://user@host.example/", id="user-only"),
    pytest.param("http://:s3cret@host.example/", id="password-only"),
    pytest.param("https://@host.example/", id="empty-user"),
    pytest.param("HTTPS://USER:S3CRET@HOST.EXAMPLE/", id="upper-case"),
    pytest.param("https://good.example@evil.example/login", id="host-posing-as-user"),
    pytest.param("https://user:s3cret@host.example:8443/a?b=c#d", id="with-port-query-fragment"),
]


@pytest.mark.parametrize("field", ["sources", "hosts", "organizers"])
@pytest.mark.parametrize("url", CREDENTIALS)
def test_link_with_credentials_is_refused_where_written(in_tmp, field, url):
    entry = "title" if field == "sources" else "name"
    result = build(in_tmp, HEAD + f'{field}:\n  - {entry}: A\n    url: "{url}"\n')
    assert_refused(in_tmp, result, f"brief.yaml:6:5: {field}[0].url: {SECRET}")
    assert "s3cret" not in result.output.lower()  # the secret is not echoed into logs


def _lookalike(host: str, scripts: str, real: str) -> str:
    return (f"brief.yaml:6:5: warning: sources[0].url: the host '{host}' mixes {scripts} letters, "
            f"as look-alike addresses do (it is really '{real}'); check that it is the site you mean")


LOOKALIKES = [
    pytest.param("https://p\u0430ypal.example/login", "p\u0430ypal.example", "Latin and Cyrillic",
                 "xn--pypal-4ve.example", id="cyrillic-a-in-latin"),
    pytest.param("https://\u0430pple.example/", "\u0430pple.example", "Cyrillic and Latin",
                 "xn--pple-43d.example", id="cyrillic-first-letter"),
    pytest.param("https://www.g\u043e\u043egle.example/", "www.g\u043e\u043egle.example",
                 "Latin and Cyrillic", "www.xn--ggle-55da.example", id="two-cyrillic-o"),
    pytest.param("https://micr\u03bfsoft.example/", "micr\u03bfsoft.example", "Latin and Greek",
                 "xn--micrsoft-2dg.example", id="greek-omicron"),
    pytest.param("https://\uff50\u0430ypal.example/", "\uff50\u0430ypal.example", "Latin and Cyrillic",
                 "xn--pypal-4ve.example", id="fullwidth-and-cyrillic"),
    pytest.param("mailto:press@p\u0430ypal.example?subject=Hi", "p\u0430ypal.example",
                 "Latin and Cyrillic", "xn--pypal-4ve.example", id="mailto-address"),
]


@pytest.mark.parametrize(("url", "host", "scripts", "real"), LOOKALIKES)
def test_host_in_mixed_scripts_is_warned_about_with_its_punycode(in_tmp, url, host, scripts, real):
    result = build(in_tmp, HEAD + f'sources:\n  - title: A\n    url: "{url}"\n')
    assert_built_with(in_tmp, result, [_lookalike(host, scripts, real)])


HONEST_HOSTS = [
    pytest.param("http://b\u00fccher.example/", id="latin-with-umlaut"),
    pytest.param("https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0438\u0441\u043f\u044b\u0442"
                 "\u0430\u043d\u0438\u0435/", id="all-cyrillic"),
    pytest.param("https://\u4f8b\u3048.\u30c6\u30b9\u30c8/", id="japanese-han-kana"),
    pytest.param("https://\uc11c\uc6b8\u5927.example/", id="korean-hangul-han"),
    pytest.param("https://xn--pypal-4ve.example/", id="already-punycode"),
    pytest.param("https://example.org/p\u0430th", id="mixed-path-not-host"),
]


@pytest.mark.parametrize("url", HONEST_HOSTS)
def test_host_in_one_script_is_accepted_silently(in_tmp, url):
    result = build(in_tmp, HEAD + f'sources:\n  - title: A\n    url: "{url}"\n')
    assert_built_with(in_tmp, result, [])


# ---- 2. invisible text is empty text -------------------------------------------------------------

INVISIBLE = [
    pytest.param("\u200b", id="zero-width-space"),
    pytest.param("\u200c", id="zero-width-non-joiner"),
    pytest.param("\u200d", id="zero-width-joiner"),
    pytest.param("\u2060", id="word-joiner"),
    pytest.param("\ufeff", id="bom"),
    pytest.param("\u00a0", id="no-break-space"),
    pytest.param("\u202f", id="narrow-no-break-space"),
    pytest.param("\u2007", id="figure-space"),
    pytest.param("\u3000", id="ideographic-space"),
    pytest.param("\u180e", id="mongolian-vowel-separator"),
    pytest.param("\u2800", id="braille-blank"),
    pytest.param("\u3164", id="hangul-filler"),
    pytest.param("\u115f\u1160", id="hangul-choseong-jungseong-fillers"),
    pytest.param("\uffa0", id="halfwidth-hangul-filler"),
    pytest.param("\u00ad", id="soft-hyphen"),
    pytest.param("\u200e\u200f", id="direction-marks"),
    pytest.param("\ufe0f", id="variation-selector"),
    pytest.param("\u034f", id="combining-grapheme-joiner"),
    pytest.param(" \u200b\u00a0\u2800 \u3164 ", id="mixture-with-spaces"),
]

# (brief with {} where the value goes, line, column of the key, field as messages name it)
TEXT_FIELDS = [
    pytest.param("event:\n  title: {}\n  summary: S\n", 2, 3, "event.title", id="required"),
    pytest.param(HEAD + "  subtitle: {}\n", 4, 3, "event.subtitle", id="optional"),
    pytest.param(HEAD + "speakers:\n  - name: {}\n", 5, 5, "speakers[0].name", id="nested-required"),
    pytest.param(HEAD + "takeaways:\n  - {}\n", 5, 5, "takeaways[0]", id="list-item"),
    pytest.param(HEAD + "sources:\n  - title: A\n    url: {}\n", 6, 5, "sources[0].url", id="link"),
]


# Labels follow the same rule as every other text.
LABEL_FIELDS = [
    pytest.param(HEAD + "labels:\n  takeaways: {}\n", None,
                 "brief.yaml:5:3: labels.takeaways: is blank; write a value or remove the key",
                 id="brief-label"),
    pytest.param(THEMED, "defaults:\n  briefgen:\n    labels:\n      takeaways: {}\n",
                 "theme.yml:4:7: defaults.briefgen.labels.takeaways: string should have at least "
                 "1 character", id="theme-label"),
]


@pytest.mark.parametrize(("brief", "theme", "line"), LABEL_FIELDS)
@pytest.mark.parametrize("text", [
    pytest.param("", id="empty"),
    pytest.param("\u200b", id="zero-width"),
    pytest.param("\u00a0\u3164", id="fillers"),
])
def test_label_of_invisible_characters_is_answered_as_empty(in_tmp, brief, theme, text, line):
    if theme is None:
        brief = brief.format(f'"{text}"')
    else:
        theme = theme.format(f'"{text}"')
    assert_refused(in_tmp, build(in_tmp, brief, theme), line)


@pytest.mark.parametrize(("brief", "line", "col", "field"), TEXT_FIELDS)
@pytest.mark.parametrize("quoting", ["raw", "escaped"])
@pytest.mark.parametrize("text", INVISIBLE)
def test_text_of_invisible_characters_is_blank(in_tmp, brief, line, col, field, quoting, text):
    value = f'"{text}"' if quoting == "raw" else '"' + text.encode("unicode_escape").decode() + '"'
    result = build(in_tmp, brief.format(value))
    assert_refused(in_tmp, result, f"brief.yaml:{line}:{col}: {field}: is blank; write a value "
                                   "or remove the key")


def test_invisible_characters_around_text_are_kept(in_tmp):
    result = build(in_tmp, 'event:\n  title: "\u200bAda\u200d"\n  summary: "\u00a0S"\n')
    assert_built_with(in_tmp, result, [])


# A key is matched letter by letter; an invisible character in it is named, not hidden.
INVISIBLE_KEYS = [
    pytest.param("event:\n  \u200btitle: T\n  summary: S\n", None, "brief.yaml:2:3: the key "
                 "'\\u200btitle' holds an invisible character, U+200B (zero width space); delete it",
                 id="zero-width-before-key"),
    pytest.param("\ufeffevent:\n  title: T\n  summary: S\n", None, None, id="bom-at-file-start-ok"),
    pytest.param("event:\n  title: T\n  summary: S\n\ufeffnotes: N\n", None, "brief.yaml:4:1: the "
                 "key '\\ufeffnotes' holds an invisible character, U+FEFF (zero width no-break "
                 "space); delete it", id="bom-mid-file"),
    pytest.param("event:\n  title\u00a0: T\n  summary: S\n", None, "brief.yaml:2:3: the key "
                 "'title\\u00a0' holds an invisible character, U+00A0 (no-break space); type a "
                 "plain space instead", id="no-break-space-in-key"),
    pytest.param(THEMED, "defaults:\n  briefgen:\n    slide\u2060-size: '4:3'\n", "theme.yml:3:5: "
                 "the key 'slide\\u2060-size' holds an invisible character, U+2060 (word joiner); "
                 "delete it", id="theme-settings-key"),
    pytest.param(THEMED, "color:\n  palette:\n    \u200bblue: '#123456'\n", "theme.yml:3:5: the "
                 "key '\\u200bblue' holds an invisible character, U+200B (zero width space); "
                 "delete it", id="theme-palette-key"),
    pytest.param(THEMED, "defaults:\n  briefgen:\n    labels:\n      take\u00adaways: Remember\n",
                 "theme.yml:4:7: the key 'take\\u00adaways' holds an invisible character, U+00AD "
                 "(soft hyphen); delete it", id="theme-label-key"),
    pytest.param(HEAD + "labels:\n  \u200dsources: Read\n", None, "brief.yaml:5:3: the key "
                 "'\\u200dsources' holds an invisible character, U+200D (zero width joiner); "
                 "delete it", id="brief-label-key"),
]


@pytest.mark.parametrize(("brief", "theme", "line"), INVISIBLE_KEYS)
def test_key_holding_an_invisible_character_is_named(in_tmp, brief, theme, line):
    result = build(in_tmp, brief, theme)
    if line is None:
        assert_built_with(in_tmp, result, [])
    else:
        assert_refused(in_tmp, result, line)


# ---- 3. control characters are never silent ------------------------------------------------------

BREAK = "replace it with a line break or a space"

# (brief, theme, the one line printed)
CONTROLS = [
    # written as escapes inside double quotes: placed at the quoted text
    pytest.param('event:\n  title: "a\\vb"\n  summary: S\n', None,
                 f"brief.yaml:2:10: control character U+000B (vertical tab); {BREAK}",
                 id="escaped-vertical-tab"),
    pytest.param('event:\n  title: "a\\fb"\n  summary: S\n', None,
                 f"brief.yaml:2:10: control character U+000C (form feed); {BREAK}",
                 id="escaped-form-feed"),
    pytest.param('event:\n  title: "a\\Nb"\n  summary: S\n', None,
                 f"brief.yaml:2:10: control character U+0085 (next line); {BREAK}",
                 id="escaped-next-line"),
    pytest.param('event:\n  title: "a\\x85b"\n  summary: S\n', None,
                 f"brief.yaml:2:10: control character U+0085 (next line); {BREAK}",
                 id="escaped-next-line-hex"),
    pytest.param('event:\n  title: "\\e[31mred"\n  summary: S\n', None,
                 "brief.yaml:2:10: control character U+001B; remove it", id="escaped-ansi-escape"),
    pytest.param('event:\n  title: "ding\\a"\n  summary: S\n', None,
                 "brief.yaml:2:10: control character U+0007; remove it", id="escaped-bell"),
    pytest.param('event:\n  title: T\n  summary: "a\\u009bb"\n', None,
                 "brief.yaml:3:12: control character U+009B; remove it", id="escaped-c1"),
    # raw in the file: placed at the character itself
    pytest.param("event:\n  title: a\vb\n  summary: S\n", None,
                 f"brief.yaml:2:11: control character U+000B (vertical tab); {BREAK}",
                 id="raw-vertical-tab"),
    pytest.param("event:\n  title: T\n  summary: |\n    one\fpage\n", None,
                 f"brief.yaml:4:8: control character U+000C (form feed); {BREAK}",
                 id="raw-form-feed-in-block"),
    pytest.param("event:\n  title: 'a\x85b'\n  summary: S\n", None,
                 f"brief.yaml:2:12: control character U+0085 (next line); {BREAK}",
                 id="raw-next-line"),
    pytest.param("event:\n  title: T\x1b[0m\n  summary: S\n", None,
                 "brief.yaml:2:11: control character U+001B; remove it", id="raw-escape"),
    # in keys, where an escape would reach the terminal through "unknown key" messages
    pytest.param(HEAD + '"\\e[2Jnotes": N\n', None,
                 "brief.yaml:4:1: control character U+001B; remove it", id="escaped-in-key"),
    pytest.param(HEAD + "no\vtes: N\n", None,
                 f"brief.yaml:4:3: control character U+000B (vertical tab); {BREAK}",
                 id="raw-in-key"),
    # theme files follow the same rule
    pytest.param(THEMED, 'defaults:\n  briefgen:\n    description: "a\\vb"\n',
                 f"theme.yml:3:18: control character U+000B (vertical tab); {BREAK}",
                 id="theme-escaped-vertical-tab"),
    pytest.param(THEMED, "meta:\n  name: Brand\fName\n",
                 f"theme.yml:2:14: control character U+000C (form feed); {BREAK}",
                 id="theme-raw-form-feed"),
    pytest.param(THEMED, 'meta:\n  name: "\\x1b]8;;https://evil.example\\x07"\n',
                 "theme.yml:2:9: control character U+001B; remove it", id="theme-escaped-osc"),
    pytest.param(THEMED, 'defaults:\n  briefgen:\n    labels:\n      takeaways: "Key\\ftakeaways"\n',
                 f"theme.yml:4:18: control character U+000C (form feed); {BREAK}",
                 id="theme-label-escaped-form-feed"),
    pytest.param(HEAD + "labels:\n  sources: Read\x07\n", None,
                 "brief.yaml:5:16: control character U+0007; remove it", id="brief-label-raw-bell"),
]


@pytest.mark.parametrize(("brief", "theme", "line"), CONTROLS)
def test_control_character_is_refused_where_written(in_tmp, brief, theme, line):
    assert_refused(in_tmp, build(in_tmp, brief, theme), line)


# Whitespace with one obvious meaning is translated, as documented, and builds.
TRANSLATED = [
    pytest.param('event:\n  title: "a\\tb"\n  summary: S\n', id="escaped-tab"),
    pytest.param('event:\n  title: "a\\rb"\n  summary: S\n', id="escaped-carriage-return"),
    pytest.param('event:\n  title: T\n  summary: "a\\Lb"\n', id="escaped-line-separator"),
    pytest.param("event:\r\n  title: a\tb\r\n  summary: S\r\n", id="raw-tab-and-crlf"),
]


@pytest.mark.parametrize("brief", TRANSLATED)
def test_whitespace_controls_are_translated(in_tmp, brief):
    assert_built_with(in_tmp, build(in_tmp, brief), [])


# ---- 4. file names that differ only in letter case -----------------------------------------------

PNG = png()
FONT_THEME = ("typography:\n  fonts:\n    - family: Brand\n      source: file\n      files:\n"
              "        - path: {}\n  base: Brand\n")


def _photo_brief(photo: str) -> str:
    return HEAD + f"speakers:\n  - name: Grace\n    photo: '{photo}'\n"


# (files on disk, brief, theme, the one line printed)
CASES = [
    pytest.param(["Grace.png"], _photo_brief("grace.png"), None,
                 "brief.yaml:6:5: speakers[0].photo: 'grace.png' does not exist; did you mean "
                 "'Grace.png'?", id="photo"),
    pytest.param(["photos/Grace.PNG"], _photo_brief("photos/grace.png"), None,
                 "brief.yaml:6:5: speakers[0].photo: 'photos/grace.png' does not exist; did you "
                 "mean 'photos/Grace.PNG'?", id="photo-in-folder-and-extension"),
    pytest.param(["GRACE.png", "Grace.png"], _photo_brief("grace.png"), None,
                 "brief.yaml:6:5: speakers[0].photo: 'grace.png' does not exist; did you mean "
                 "'GRACE.png'?", id="two-candidates-first-named"),
    pytest.param(["Grace.png"], _photo_brief("face.png"), None,
                 "brief.yaml:6:5: speakers[0].photo: 'face.png' does not exist", id="other-name"),
    pytest.param(["Grace.png"], _photo_brief("photos/grace.png"), None,
                 "brief.yaml:6:5: speakers[0].photo: 'photos/grace.png' does not exist",
                 id="same-name-in-another-folder-not-offered"),
    pytest.param(["Logo.png"], THEMED, "logo: logo.png\n",
                 "theme.yml:1:1: logo: 'logo.png' does not exist; did you mean 'Logo.png'?",
                 id="theme-logo"),
    pytest.param(["fonts/Brand.ttf"], THEMED, FONT_THEME.format("fonts/brand.ttf"),
                 "theme.yml:6:11: typography.fonts[0].files[0]: 'fonts/brand.ttf' does not exist; "
                 "did you mean 'fonts/Brand.ttf'?", id="theme-font-file"),
]


@pytest.mark.parametrize(("files", "brief", "theme", "line"), CASES)
def test_name_differing_only_in_case_is_offered(in_tmp, files, brief, theme, line):
    for name in files:
        (in_tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (in_tmp / name).write_bytes(PNG)  # never read: the name is refused first
    assert_refused(in_tmp, build(in_tmp, brief, theme), line)


def test_case_hint_never_looks_outside_the_project(tmp_path, monkeypatch):
    project, outside = tmp_path / "proj", tmp_path / "outside"
    (outside / "pics").mkdir(parents=True)
    (outside / "pics" / "Grace.png").write_bytes(PNG)
    project.mkdir()
    (project / "pics").symlink_to(outside / "pics")  # a folder inside that leads outside
    monkeypatch.chdir(project)
    for photo in ("../outside/pics/grace.png", "pics/grace.png"):
        result = build(project, _photo_brief(photo))
        assert_refused(project, result, f"brief.yaml:6:5: speakers[0].photo: '{photo}' is outside "
                                        "the project folder proj/; move it inside, or pass "
                                        "--allow-outside-files for a trusted brief")
        assert "Grace" not in result.output


def test_case_hint_is_given_where_the_brief_is_trusted(tmp_path, monkeypatch):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "Grace.png").write_bytes(PNG)
    (tmp_path / "proj").mkdir()
    monkeypatch.chdir(tmp_path / "proj")
    result = build(tmp_path / "proj", _photo_brief("../outside/grace.png"), None,
                   "--allow-outside-files")
    assert_refused(tmp_path / "proj", result, "brief.yaml:6:5: speakers[0].photo: "
                   "'../outside/grace.png' does not exist; did you mean '../outside/Grace.png'?")


def test_file_opened_under_another_case_is_noted(in_tmp, monkeypatch):
    # A case-insensitive file system opens 'grace.png' for 'Grace.png'; simulated here by a
    # folder listing that names the file as such a system stores it.
    (in_tmp / "grace.png").write_bytes(PNG)
    listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda p: [n.title() for n in listdir(p)])
    notes: list[str] = []
    found = paths.resolve_asset("grace.png", in_tmp, paths.AssetPolicy(in_tmp), notes)
    assert found == in_tmp / "grace.png"
    assert notes == ["'grace.png' is 'Grace.Png' on disk; write it with the same letter case, or "
                     "the brief will not find it on systems that tell case apart"]


def test_file_opened_under_its_own_case_is_not_noted(in_tmp):
    (in_tmp / "Grace.png").write_bytes(PNG)
    notes: list[str] = []
    paths.resolve_asset("Grace.png", in_tmp, paths.AssetPolicy(in_tmp), notes)
    assert notes == []


@pytest.mark.parametrize(("brief", "theme", "line"), [
    pytest.param("event:\n  title: T\n  summary: S\nspeakers:\n  - name: Ann\n    photo: grace.png\n",
                 None, "brief.yaml:6:5: warning: speakers[0].photo: 'grace.png' is 'Grace.Png' on disk",
                 id="photo"),
    pytest.param("theme: theme.yml\nevent:\n  title: T\n  summary: S\n",
                 "typography:\n  fonts:\n    - family: Brand\n      source: file\n      files:\n"
                 "        - path: brand.ttf\n  base: Brand\n",
                 "theme.yml:6:11: warning: typography.fonts[0].files[0]: 'brand.ttf' is 'Brand.Ttf' on disk",
                 id="font-file"),
])
def test_a_build_warns_of_a_file_opened_under_another_case(in_tmp, monkeypatch, brief, theme, line):
    from .test_hostile_files import TTF

    (in_tmp / "grace.png").write_bytes(PNG)
    if TTF.is_file():
        (in_tmp / "brand.ttf").write_bytes(TTF.read_bytes())
    elif theme:
        require_system("a DejaVu font to copy", [DEJAVU])
    listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda p: [n.title() for n in listdir(p)])
    result = build(in_tmp, brief, theme)
    assert result.exit_code == 0, result.output
    assert line in result.output
    assert "output/brief.md" in result.output


# ---- 5. a quote left open is reported where it opens ---------------------------------------------

# (brief, theme, the one line printed)
QUOTES = [
    pytest.param('event:\n  title: "Film tech\n  summary: S\nspeakers:\n  - name: "Ann"\n', None,
                 "brief.yaml:2:10: the quote opened here is not closed on its line, so 'summary:' "
                 "on line 3 became part of the text; add the closing quote (YAML noticed at 5:12)",
                 id="closed-by-a-later-quote"),
    pytest.param("event:\n  title: 'Film tech\n  summary: S\n  location: 'Paris'\n", None,
                 "brief.yaml:2:10: the quote opened here is not closed on its line, so 'summary:' "
                 "on line 3 became part of the text; add the closing quote (YAML noticed at 4:14)",
                 id="single-quote-closed-later"),
    pytest.param(HEAD + 'speakers:\n  - name: "Ann\n  - name: "Bo"\n', None,
                 "brief.yaml:5:11: the quote opened here is not closed on its line, so 'name:' on "
                 "line 6 became part of the text; add the closing quote (YAML noticed at 6:12)",
                 id="in-a-list"),
    pytest.param('event:\n  title: "Film\n  summary: S\n  notes: \\q\n', None,
                 "brief.yaml:2:10: the quote opened here is not closed on its line, so 'summary:' "
                 "on line 3 became part of the text; add the closing quote (YAML noticed at 4:11)",
                 id="runaway-stopped-by-bad-escape"),
    pytest.param('event:\n  title: "Film tech\n  summary: S\n', None,
                 "brief.yaml:2:10: a quoted text is never closed; add the closing quote",
                 id="runs-to-end-of-file"),
    pytest.param("event:\n  title: 'It's fine'\n  summary: S\n", None,
                 "brief.yaml:2:13: the quoted text ends at this quote, but the line goes on; "
                 "inside '...' write a quote twice (It''s), or put the text in double quotes",
                 id="apostrophe-in-single-quotes"),
    pytest.param('event:\n  title: "The "Best" Film"\n  summary: S\n', None,
                 'brief.yaml:2:15: the quoted text ends at this quote, but the line goes on; '
                 'inside "..." write a quote as \\", or put the text in single quotes',
                 id="quote-in-double-quotes"),
    pytest.param(THEMED, 'meta:\n  name: "Brand\ncolor:\n  primary: "red"\n',
                 "theme.yml:2:9: the quote opened here is not closed on its line, so 'color:' on "
                 "line 3 became part of the text; add the closing quote (YAML noticed at 4:13)",
                 id="theme-file"),
]


@pytest.mark.parametrize(("brief", "theme", "line"), QUOTES)
def test_quote_left_open_is_reported_where_it_opens(in_tmp, brief, theme, line):
    assert_refused(in_tmp, build(in_tmp, brief, theme), line)


def test_text_spanning_lines_in_quotes_is_still_text(in_tmp):
    result = build(in_tmp, 'event:\n  title: "Film\n    tech"\n  summary: \'Note: this\n    is fine\'\n')
    assert_built_with(in_tmp, result, [])


# ---- 6. a brief's theme: only a theme file inside the project, never opened otherwise ------------

OUTSIDE = ("is outside the project folder proj/; move it inside, or pass --allow-outside-files "
           "for a trusted brief")
NOT_A_THEME = ("is neither a brand.yml file (.yml, .yaml) nor a PowerPoint template (.pptx, "
               ".potx); rename it if it is one")

# (what `theme:` says, the line without and with --allow-outside-files)
THEME_PATHS = [
    pytest.param("../other-team/board.potx", f"theme '../other-team/board.potx' {OUTSIDE}",
                 "../other-team/board.potx: not a PowerPoint template (not a .pptx/.potx zip "
                 "package)", id="template-of-another-team"),
    pytest.param("/etc/passwd", f"theme '/etc/passwd' {OUTSIDE}",
                 f"theme file '/etc/passwd' {NOT_A_THEME}", id="etc-passwd"),
    pytest.param("/proc/self/environ", f"theme '/proc/self/environ' {OUTSIDE}",
                 "theme file '/proc/self/environ' is a special file, not a regular file",
                 id="proc-environ"),
    pytest.param("/proc/self/status", f"theme '/proc/self/status' {OUTSIDE}",
                 "theme file '/proc/self/status' is a special file, not a regular file",
                 id="proc-status-of-yaml-keys"),
    pytest.param("/sys/kernel/mm/transparent_hugepage/enabled",
                 f"theme '/sys/kernel/mm/transparent_hugepage/enabled' {OUTSIDE}",
                 "theme file '/sys/kernel/mm/transparent_hugepage/enabled' is a special file, not "
                 "a regular file", id="sys-file"),
    pytest.param("/dev/zero", f"theme '/dev/zero' {OUTSIDE}",
                 "theme file '/dev/zero' is a special file, not a regular file", id="dev-zero"),
    pytest.param("fifo.yml", "theme file 'fifo.yml' is a special file, not a regular file",
                 "theme file 'fifo.yml' is a special file, not a regular file", id="fifo"),
    pytest.param("folder.yml", "the folder 'folder.yml' holds no _brand.yml",
                 "the folder 'folder.yml' holds no _brand.yml", id="folder"),
    pytest.param("notes.txt", f"theme file 'notes.txt' {NOT_A_THEME}",
                 f"theme file 'notes.txt' {NOT_A_THEME}", id="file-of-the-project-not-a-theme"),
    pytest.param("../other-team/secrets.yml", f"theme '../other-team/secrets.yml' {OUTSIDE}",
                 "../other-team/secrets.yml:1:1: not a brand.yml theme: none of its keys is meta:, "
                 "logo:, color:, typography:, defaults:", id="yaml-of-another-team"),
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Return a project folder proj/ (the working folder) beside another team's other-team/."""
    (tmp_path / "other-team").mkdir()
    (tmp_path / "other-team" / "board.potx").write_bytes(b"never read")
    (tmp_path / "other-team" / "secrets.yml").write_text("api_token: s3cret\ndb_password: x\n")
    root = tmp_path / "proj"
    root.mkdir()
    os.mkfifo(root / "fifo.yml")  # opening it would block: it must never be opened
    (root / "folder.yml").mkdir()
    (root / "notes.txt").write_text("color: s3cret\n")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize(("spec", "confined", "trusted"), THEME_PATHS)
@pytest.mark.parametrize("allow", [False, True], ids=["confined", "allow-outside-files"])
def test_theme_is_a_theme_file_inside_the_project(project, spec, confined, trusted, allow):
    said = trusted if allow else confined
    options = ("--allow-outside-files",) if allow else ()
    result = build(project, f"theme: '{spec}'\n" + HEAD, None, *options)
    # A file a trusted brief names is read as a theme (and said not to be one, never echoed).
    line = said if said.startswith("../") else f"brief.yaml:1:1: theme: {said}"
    assert result.output.splitlines() == [line]
    assert result.exit_code == 1
    assert written(project) == []
    assert not any(word in result.output for word in ("s3cret", "api_token", "PATH="))


def test_theme_with_a_misspelt_key_still_names_it(in_tmp):
    result = build(in_tmp, THEMED, "colour:\n  primary: red\n")
    assert result.exit_code == 1
    assert "theme.yml:1:1: colour:" in result.output


@pytest.mark.parametrize("spec", ["/proc/self/environ", "/dev/zero"])
def test_theme_typed_on_the_command_line_is_a_regular_file_too(project, spec):
    result = build(project, HEAD, None, "--theme", spec)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{spec}: theme file '{spec}' is a special file, not a regular file"]


def test_photo_in_proc_is_refused_unread(project):
    result = build(project, _photo_brief("/proc/self/environ"), None, "--allow-outside-files")
    assert_refused(project, result, "brief.yaml:6:5: speakers[0].photo: '/proc/self/environ' is "
                                    "a special file, not a regular file")


# ---- 7. hosts, organisers and labels: drawn, or named where they are written ---------------------

NO_FONT = "\U0001fbff"  # unassigned: no font has it
DEVANAGARI = "\u0928\u092e\u0938\u094d\u0924\u0947"
UNSHAPED = ("the handout cannot shape this script (U+0928 DEVANAGARI LETTER NA, U+092E DEVANAGARI "
            "LETTER MA, U+0938 DEVANAGARI LETTER SA); its letters would be drawn disconnected or "
            "out of order")

# (brief, the lines printed)
GLYPHS = [
    pytest.param(HEAD + f"hosts:\n  - Plain\n  - 'Host {NO_FONT}'\n",
                 ["brief.yaml:6:5: warning: hosts[1].name: pdf: no font on this machine draws "
                  "U+1FBFF; the handout leaves it out"], id="host-glyph"),
    pytest.param(HEAD + f"organizers:\n  - Plain\n  - 'Org {NO_FONT}'\n",
                 ["brief.yaml:6:5: warning: organizers[1].name: pdf: no font on this machine draws "
                  "U+1FBFF; the handout leaves it out"], id="organiser-glyph"),
    pytest.param(HEAD + f"hosts: [Host]\nlabels:\n  hosts-line: 'By {{names}} {NO_FONT}'\n",
                 ["brief.yaml:6:3: warning: labels.hosts-line: pdf: no font on this machine draws "
                  "U+1FBFF; the handout leaves it out"], id="hosts-line-label-glyph"),
    pytest.param(HEAD + f"labels:\n  made-with: 'Made {NO_FONT}'\n",
                 ["brief.yaml:5:3: warning: labels.made-with: pdf: no font on this machine draws "
                  "U+1FBFF; the handout leaves it out"], id="footer-label-glyph"),
    pytest.param(HEAD + f"organizers: [Org]\nlabels:\n  organized-by: 'By {NO_FONT}'\n",
                 ["brief.yaml:6:3: warning: labels.organized-by: pdf: no font on this machine "
                  "draws U+1FBFF; the handout leaves it out"], id="fact-label-glyph"),
    pytest.param(HEAD + f"labels:\n  script-slide: 'Slide {{number}} {NO_FONT}'\n", [],
                 id="label-the-handout-does-not-draw"),
    pytest.param(HEAD + f"organizers:\n  - Plain\n  - {DEVANAGARI}\n",
                 [f"brief.yaml:6:5: organizers[1].name: pdf: {UNSHAPED}"], id="organiser-script"),
    pytest.param(HEAD + f"hosts: ['{DEVANAGARI}']\n",
                 [f"brief.yaml:4:9: hosts[0].name: pdf: {UNSHAPED}"], id="host-script"),
    pytest.param(HEAD + f"labels:\n  made-with: {DEVANAGARI}\n",
                 [f"brief.yaml:5:3: labels.made-with: pdf: {UNSHAPED}"], id="label-script"),
]


@pytest.mark.parametrize(("brief", "lines"), GLYPHS)
def test_hosts_and_labels_are_checked_like_every_text(in_tmp, brief, lines):
    (in_tmp / "brief.yaml").write_text(brief, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "brief.yaml", "-f", "pdf"], catch_exceptions=False)
    assert located_lines(result) == [line.replace("U+1FBFF", "U+1FBFF unnamed character")
                                     for line in lines]
    refused = any(": warning: " not in line for line in lines)
    assert result.exit_code == (1 if refused else 0), result.output
