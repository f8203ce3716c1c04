"""Quotes are verbatim: `briefgen check BRIEF` names each speaker's quote found in none of the
sources' saved texts (after normalising whitespace, quotation marks, apostrophes, full-width
forms and case), at its line; `build` warns; a source text that cannot be read is located."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.workflow.check.run import check_paths

SOURCE = ("The director said: \u201cWe must own the core\n   technology, and share what works.\u201d\n"
          "He added that it\u2019s \u201cthe industry\u2019s duty\u201d to train talent.\n"
          "\u4ed6\u8bf4\uff1a\u201c\u6211\u4eec\u8981\u81ea\u4e3b\u521b\u65b0\uff0c\n"
          "\u52a0\u5f3a\u5408\u4f5c\u3002\u201d\n")

BRIEF = """event:
  title: Symposium
  summary: A day of talks.
speakers:
  - name: Lu Liang
    quote: {quote}
sources:
  - title: The article
    text: {text}
"""

QUOTES = [
    ("verbatim", "'We must own the core technology, and share what works.'", True),
    ("straight-quotes", "'it''s \"the industry''s duty\" to train talent'", True),
    ("case", "'WE MUST OWN THE CORE TECHNOLOGY'", True),
    ("whitespace", "'own   the core technology,'", True),
    ("cjk-full-width", "'\u6211\u4eec\u8981\u81ea\u4e3b\u521b\u65b0,\u52a0\u5f3a\u5408\u4f5c.'", True),
    ("cjk-brackets", "'\u8bf4:\u300c\u6211\u4eec\u8981\u81ea\u4e3b\u521b\u65b0'", True),
    ("invented", "'We will lead the world in cinema by 2030.'", False),
    ("reworded", "'We must own the key technology.'", False),
]


def _brief(folder: Path, quote: str, text: str = "article.txt") -> Path:
    """Write the source text and a brief quoting `quote`; return the brief's path."""
    (folder / "article.txt").write_text(SOURCE, encoding="utf-8")
    path = folder / "brief.yaml"
    path.write_text(BRIEF.format(quote=quote, text=text), encoding="utf-8")
    return path


@pytest.mark.parametrize("quote, found", [(q, f) for _i, q, f in QUOTES], ids=[i for i, _q, _f in QUOTES])
def test_quote_is_looked_up_in_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          quote: str, found: bool) -> None:
    monkeypatch.chdir(tmp_path)
    brief = _brief(tmp_path, quote)
    printed: list[str] = []
    status = check_paths([Path("brief.yaml")], echo=printed.append, root=tmp_path)
    if found:
        assert (status, printed) == (0, ["brief.yaml: no problems found"])
    else:
        assert status == 1
        assert printed == ["brief.yaml:6:5: speakers[0].quote: Lu Liang's quote is not in the text of "
                           "any source (article.txt); quote their words verbatim, or leave the quote out"]
    assert brief.exists()


def test_build_warns_at_an_invented_quote(tmp_path: Path) -> None:
    from generator.paths import AssetPolicy
    from generator.workflow.prepare import prepare

    brief = _brief(tmp_path, "'We will lead the world in cinema by 2030.'")
    prepared = prepare(brief, policy=AssetPolicy(tmp_path))
    lines = [str(w) for w in prepared.warnings if "quote" in w.message]
    assert len(lines) == 1 and lines[0].endswith(":6:5: warning: speakers[0].quote: Lu Liang's quote "
                                                 "is not in the text of any source (article.txt); quote "
                                                 "their words verbatim, or leave the quote out")


@pytest.mark.parametrize("text, why", [
    ("missing.txt", "sources[0].text: 'missing.txt'"),
    ("../outside.txt", "sources[0].text: '../outside.txt'"),
], ids=["missing", "outside"])
def test_unreadable_source_text_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          text: str, why: str) -> None:
    """`check` calls it an error; a build only warns (the text is never drawn, so a brief sent
    without its sources' texts still builds)."""
    from generator.paths import AssetPolicy
    from generator.workflow.prepare import prepare

    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    _brief(folder, "'We must own the core technology'", text)
    printed: list[str] = []
    assert check_paths([Path("brief.yaml")], echo=printed.append, root=folder) == 1
    assert len(printed) == 1 and printed[0].startswith(f"brief.yaml:9:5: {why}")
    warnings = [str(w) for w in prepare(folder / "brief.yaml", policy=AssetPolicy(folder)).warnings]
    said = [w for w in warnings if w.startswith("brief.yaml:9:5: warning: ")]
    assert len(said) == 1 and why in said[0], warnings
    assert said[0].endswith("; the quotes are not checked against it")


def test_sample_brief_quotes_its_article() -> None:
    root = Path(__file__).resolve().parent.parent
    brief = root / "briefs" / "film-tech-symposium.yaml"
    assert "text: sources/film-tech-symposium-article.txt" in brief.read_text(encoding="utf-8")
    assert (root / "briefs" / "sources" / "film-tech-symposium-article.txt").read_bytes() != b""
    printed: list[str] = []
    assert check_paths([brief], echo=printed.append, root=root) == 0
