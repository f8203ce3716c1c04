"""Hostile links: only http, https and mailto reach a document, and a link never hides its target.

Every trap here is described, with its expected answer, in docs/security.md.
"""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pypdf
import pytest
from click.testing import CliRunner
from pptx import Presentation

import generator
from generator.brief.load import load_brief
from generator.cli import main
from generator.errors import InputError

HEAD = "event:\n  title: T\n  summary: S\n"
ALLOWED = ("http", "https", "mailto")

BAD_LINKS = [
    pytest.param("javascript:alert(1)", "found 'javascript:'", id="javascript"),
    pytest.param("JaVaScRiPt:alert(1)", "found 'javascript:'", id="javascript-mixed-case"),
    pytest.param("  javascript:alert(1)", "found 'javascript:'", id="javascript-leading-spaces"),
    pytest.param("java\tscript:alert(1)", "spaces", id="javascript-split-by-tab"),
    pytest.param("javascript%3Aalert(1)", "no scheme", id="javascript-percent-encoded"),
    pytest.param("vbscript:msgbox(1)", "found 'vbscript:'", id="vbscript"),
    pytest.param("file:///etc/passwd", "found 'file:'", id="file"),
    pytest.param("file://host/share/x.doc", "found 'file:'", id="file-remote"),
    pytest.param("data:text/html;base64,PHNjcmlwdD4=", "found 'data:'", id="data"),
    pytest.param("\\\\\\\\host\\\\share\\\\x.exe", "backslashes", id="unc-path"),
    pytest.param("//host/share/x.exe", "no scheme", id="scheme-relative"),
    pytest.param("ppaction://hlinkshowjump?jump=nextslide", "found 'ppaction:'", id="ppaction"),
    pytest.param("ms-word:ofe|u|https://x.example/a.docx", "found 'ms-word:'", id="office-uri"),
    pytest.param("smb://host/share", "found 'smb:'", id="smb"),
    pytest.param("C:\\\\Windows\\\\calc.exe", "backslashes", id="windows-path"),
    pytest.param("/etc/passwd", "no scheme", id="absolute-path"),
    pytest.param("https:evil.example", "needs a host", id="https-without-host"),
    pytest.param("mailto:nobody", "needs an address", id="mailto-without-address"),
    pytest.param("https://user:pass@host.example/", "user name or password", id="credentials"),
    pytest.param("https://user@host.example/", "user name or password", id="user-name"),
    pytest.param("https://good.example@evil.example/", "user name or password",
                 id="host-posing-as-user-name"),
]


def _with_link(field: str, url: str) -> str:
    """Return a brief whose first source or host has `url`; the url key is at line 6, column 5."""
    entry = "title" if field == "sources" else "name"
    return HEAD + f'{field}:\n  - {entry}: A\n    url: "{url}"\n'


@pytest.mark.parametrize("field", ["sources", "hosts", "organizers"])
@pytest.mark.parametrize(("url", "words"), BAD_LINKS)
def test_link_with_a_dangerous_scheme_is_refused_where_written(in_tmp, field, url, words):
    (in_tmp / "brief.yaml").write_text(_with_link(field, url))
    with pytest.raises(InputError) as caught:
        load_brief(in_tmp / "brief.yaml")
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"brief.yaml:6:5: {field}[0].url: ")
    assert words in problem.message


HIDDEN = ("an invisible character that can make an address show as another than the one it "
          "opens; remove it")

# A link must read as what it opens: nothing in it may be invisible or reorder what is shown.
INVISIBLE_IN_LINKS = [
    pytest.param("https://example.org/\u202efdp.exe", "U+202E (right-to-left override)",
                 id="rlo-shows-exe-as-pdf"),
    pytest.param("https://\u202eexample.org/", "U+202E (right-to-left override)",
                 id="rlo-in-host"),
    pytest.param("https://example.org/\u202dx", "U+202D (left-to-right override)", id="lro"),
    pytest.param("https://example.org/\u202bx\u202c", "U+202B (right-to-left embedding)",
                 id="rle-and-pdf"),
    pytest.param("https://example.org/\u2067x\u2069", "U+2067 (right-to-left isolate)",
                 id="rli-isolate"),
    pytest.param("https://example.org/\u2068x", "U+2068 (first strong isolate)", id="fsi"),
    pytest.param("https://example.org/a\u200fb", "U+200F (right-to-left mark)", id="rlm"),
    pytest.param("https://example.org/a\u061cb", "U+061C (arabic letter mark)", id="alm"),
    pytest.param("https://exa\u200bmple.org/", "U+200B (zero width space)", id="zero-width-space"),
    pytest.param("https://example.org/a\u200db", "U+200D (zero width joiner)", id="joiner"),
    pytest.param("https://example.org/a\u2060b", "U+2060 (word joiner)", id="word-joiner"),
    pytest.param("https://example.org/\u00adx", "U+00AD (soft hyphen)", id="soft-hyphen"),
    pytest.param("https://example.org/\ufeffx", "U+FEFF (zero width no-break space)",
                 id="byte-order-mark"),
    pytest.param("https://example.org/\U000e0041", "U+E0041 (tag latin capital letter a)",
                 id="tag-character"),
    pytest.param("https://example.org/\u3164", "U+3164 (hangul filler)", id="hangul-filler"),
    pytest.param("https://example.org/x\ufe0f", "U+FE0F (variation selector-16)",
                 id="variation-selector"),
    pytest.param("mailto:press@example.org\u202e", "U+202E (right-to-left override)",
                 id="mailto-with-rlo"),
]


@pytest.mark.parametrize("field", ["sources", "hosts", "organizers"])
@pytest.mark.parametrize(("url", "char"), INVISIBLE_IN_LINKS)
def test_link_with_an_invisible_character_is_refused_where_written(in_tmp, field, url, char):
    (in_tmp / "brief.yaml").write_text(_with_link(field, url), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_brief(in_tmp / "brief.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"brief.yaml:6:5: {field}[0].url: a link may not hold {char}, {HIDDEN}"]


@pytest.mark.parametrize("escaped", [False, True], ids=["raw", "escaped"])
def test_link_that_shows_another_file_fails_the_build_in_one_line(in_tmp, escaped):
    url = "https://example.org/\\u202efdp.exe" if escaped else "https://example.org/\u202efdp.exe"
    (in_tmp / "brief.yaml").write_text(HEAD + f'sources:\n  - title: A\n    url: "{url}"\n',
                                       encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "brief.yaml", "-f", "md", "-f", "pdf"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"brief.yaml:6:5: sources[0].url: a link may not hold U+202E (right-to-left override), "
        f"{HIDDEN}"]
    assert not (in_tmp / "output").exists()


GOOD_LINKS = [
    "https://example.org/a(b)c",
    "https://example.org/?q=\"'<>&x=1#frag",
    "http://b\u00fccher.example/\u00fc",
    "mailto:press@example.org?subject=Hi%20there",
    "https://example.org/%0a%00%22",
    "HTTPS://EXAMPLE.ORG/UPPER",
]


def linked_brief() -> dict:
    """Return a brief that links every kind of allowed address from every place links may be."""
    return {
        "event": {"title": "javascript:alert(1)", "summary": "See file:///etc/passwd and "
                  "<a href=\"javascript:x\">this</a> or \\\\host\\share."},
        "hosts": [{"name": "Host", "url": "https://host.example/"}],
        "organizers": [{"name": "Org", "url": "mailto:org@example.org"}],
        "speakers": [{"name": "A", "points": ["Visit ppaction://hlinkshowjump?jump=nextslide"]}],
        "sources": [{"title": f"Source {i}", "url": url} for i, url in enumerate(GOOD_LINKS)],
    }


def deck_targets(data: bytes) -> list[str]:
    """Return every external relationship target and every click action in a deck."""
    deck = Presentation(io.BytesIO(data))
    found = []
    for part in deck.part.package.iter_parts():
        found += [rel.target_ref for rel in part.rels.values() if rel.is_external]
        if part.partname.endswith(".xml"):
            found += re.findall(r'action="([^"]*)"', part.blob.decode("utf-8"))
    return found


def pdf_actions(data: bytes) -> list[dict]:
    """Return the action of every annotation in a PDF, and any document-level action."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    actions = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            actions.append(dict(annot.get_object().get("/A") or {}))
        if "/AA" in page:
            actions.append({"/S": "page-level action"})
    root = reader.trailer["/Root"]
    for key in ("/OpenAction", "/AA", "/Names"):
        if key in root:
            actions.append({"/S": f"document {key}"})
    return actions


def test_deck_links_only_to_http_https_and_mailto():
    targets = deck_targets(generator.render(linked_brief(), format="pptx"))
    assert targets, "the deck should link its sources"
    assert all(urlsplit(t).scheme.lower() in ALLOWED for t in targets), targets
    assert set(GOOD_LINKS) <= set(targets)


def test_pdf_links_only_to_http_https_and_mailto():
    actions = pdf_actions(generator.render(linked_brief(), format="pdf"))
    assert actions, "the handout should link its sources"
    assert {a.get("/S") for a in actions} == {"/URI"}
    uris = [str(a["/URI"]) for a in actions]
    assert all(urlsplit(u).scheme.lower() in ALLOWED for u in uris), uris
    assert "http://b%C3%BCcher.example/%C3%BC".lower() in {u.lower() for u in uris}  # IRI -> URI


def test_markdown_links_only_to_http_https_and_mailto():
    text = generator.render(linked_brief(), format="md").decode()
    targets = re.findall(r"\]\(<([^>]*)>\)", text)
    # every source's, and the host's and the organiser's (linked in the glance's facts)
    assert len(targets) == len(GOOD_LINKS) + 2
    assert all(urlsplit(t).scheme.lower() in ALLOWED for t in targets), targets
    assert not re.search(r"(?<!\\)<a href", text), "markup in text must stay escaped"
    assert "](javascript" not in text


# A link whose text is itself an address must not hide where it leads: every document prints the
# real target as text beside the title, so a reader sees "https://evil.example" on the page.
MISLEADING = {"event": {"title": "T", "summary": "S"},
              "sources": [{"title": "https://good.example", "url": "https://evil.example/login"}]}


def _deck_text(data: bytes) -> str:
    deck = Presentation(io.BytesIO(data))
    return "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _md_visible_text(data: bytes) -> str:
    """Return Markdown as a reader sees it: link destinations dropped, the link texts kept."""
    return re.sub(r"\]\(<[^>]*>\)", "]", data.decode())


VISIBLE = [
    pytest.param("pptx", _deck_text, id="pptx"),
    pytest.param("pdf", _pdf_text, id="pdf"),
    pytest.param("md", _md_visible_text, id="md"),
]


@pytest.mark.parametrize(("fmt", "visible"), VISIBLE)
def test_link_titled_with_another_address_shows_its_real_target(fmt, visible):
    shown = visible(generator.render(MISLEADING, format=fmt))
    assert "https://good.example" in shown
    assert "evil.example" in shown


# An address on paper is for typing: one the handout cannot draw as written is printed, linked
# and coded in its ASCII form ('xn--' host, the rest percent-encoded), said at its line.
TYPED = ("the handout prints the address as '{typed}', the form of it that can be typed and "
         "opens the same page")
UNDRAWN_HOSTS = [
    pytest.param("https://\u13e3\u13b3\u13a9.example/a", "https://xn--tz9ata7l.example/a",
                 "no font on this machine draws U+13E3 CHEROKEE LETTER TSA, U+13B3 CHEROKEE "
                 "LETTER LA, U+13A9 CHEROKEE LETTER GI", id="cherokee-host"),
    pytest.param("https://\U00010000\U00010001.example/a", "https://xn--2n7cc.example/a",
                 "no font on this machine draws U+10000 LINEAR B SYLLABLE B008 A, U+10001 "
                 "LINEAR B SYLLABLE B038 E", id="linear-b-host"),
    pytest.param("https://example.org/\u13e3?q=\u13b3", "https://example.org/%E1%8F%A3?q=%E1%8E%B3",
                 "no font on this machine draws U+13E3 CHEROKEE LETTER TSA, U+13B3 CHEROKEE "
                 "LETTER LA", id="cherokee-path-and-query"),
    pytest.param("mailto:press@\u13e3\u13b3\u13a9.example", "mailto:press@xn--tz9ata7l.example",
                 "no font on this machine draws U+13E3 CHEROKEE LETTER TSA, U+13B3 CHEROKEE "
                 "LETTER LA, U+13A9 CHEROKEE LETTER GI", id="cherokee-mail-host"),
]


def _pdf_uris(data: bytes) -> set[str]:
    return {str(a["/URI"]) for a in pdf_actions(data)}


@pytest.mark.parametrize(("url", "typed", "why"), UNDRAWN_HOSTS)
def test_address_the_handout_cannot_draw_is_printed_in_ascii_and_said(in_tmp, url, typed, why):
    (in_tmp / "brief.yaml").write_text(HEAD + f'sources:\n  - title: A\n    url: "{url}"\n',
                                       encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "brief.yaml", "-f", "pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if line.startswith("brief.yaml:")] == [
        f"brief.yaml:6:5: warning: sources[0].url: pdf: {why}; {TYPED.format(typed=typed)}"]
    data = (in_tmp / "output" / "brief.pdf").read_bytes()
    shown = _pdf_text(data)
    assert typed in shown.splitlines()
    assert "\x00" not in shown and "\ufffd" not in shown  # no box, no replacement character
    assert _pdf_uris(data) == {typed}


def test_devanagari_host_is_printed_in_ascii_not_refused(in_tmp):
    url = "https://\u0939\u093f\u0928\u094d\u0926\u0940.example/a"
    (in_tmp / "brief.yaml").write_text(HEAD + f'sources:\n  - title: A\n    url: "{url}"\n',
                                       encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "brief.yaml", "-f", "pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("brief.yaml:")]
    assert line.startswith("brief.yaml:6:5: warning: sources[0].url: pdf: ")
    assert line.endswith(TYPED.format(typed="https://xn--j2bd4cyah0f.example/a"))
    data = (in_tmp / "output" / "brief.pdf").read_bytes()
    assert "https://xn--j2bd4cyah0f.example/a" in _pdf_text(data).splitlines()
    assert "\x00" not in _pdf_text(data)


DRAWN_HOSTS = [
    pytest.param("http://b\u00fccher.example/\u00fc", id="latin-with-umlaut"),
    pytest.param("https://\u043f\u0440\u0438\u043c\u0435\u0440.example/", id="cyrillic"),
    pytest.param("https://example.org/a(b)c", id="ascii"),
]


@pytest.mark.parametrize("url", DRAWN_HOSTS)
def test_address_the_handout_draws_is_printed_as_written(in_tmp, url):
    (in_tmp / "brief.yaml").write_text(HEAD + f'sources:\n  - title: A\n    url: "{url}"\n',
                                       encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "brief.yaml", "-f", "pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not [line for line in result.output.splitlines() if line.startswith("brief.yaml:")]
    assert url in _pdf_text((in_tmp / "output" / "brief.pdf").read_bytes()).splitlines()


@pytest.mark.parametrize(("url", "typed"), [
    ("https://ᏣᎳᎩ.example/a", "https://xn--tz9ata7l.example/a"),
    ("https://हिन्दी.example/b", "https://xn--j2bd4cyah0f.example/b"),
], ids=["cherokee-host", "devanagari-host"])
def test_the_script_prints_an_address_it_cannot_draw_as_it_can_be_typed(in_tmp, url, typed):
    brief = in_tmp / "brief.yaml"
    brief.write_text(HEAD + f"sources:\n  - title: Page\n    url: {url}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(brief), "-f", "script"])
    assert result.exit_code == 0, result.output
    assert f"the script prints the address as '{typed}'" in result.output
    pdf = pypdf.PdfReader(in_tmp / "output" / "brief-script.pdf")
    text = "".join(page.extract_text() for page in pdf.pages)
    assert f"<{typed}>" in text and "\x00" not in text
