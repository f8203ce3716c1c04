"""Which font draws each character: the theme's face for Latin text, CJK faces, then fallbacks.

Both backends and the measurement module ask this module, so the width the deck is fitted
with, the width the handout is laid out with and the glyphs the handout draws all agree.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics

from generator.theme.model import Typeface
from generator.typeset import cjk_faces

# The standard PDF faces with metrics built into ReportLab, by style.
_STANDARD = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"),
}
# CID fonts a PDF names without embedding, drawn with the viewer's own CJK fonts: used only
# where no embeddable face for the script is installed (see cjk_faces; the build warns).
CJK_FONTS = {"zh": "STSong-Light", "ja": "HeiseiKakuGo-W5", "ko": "HYGothic-Medium"}
CJK_LANG = {"zh": "zh-CN", "ja": "ja-JP", "ko": "ko-KR"}
# The language tag of Han text drawn in each region's forms.
REGION_LANG = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "ja": "ja-JP", "ko": "ko-KR"}
# TrueType files with wide coverage, tried in order for characters the theme's face lacks.
FALLBACK_FILES = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("FreeSans.ttf", "FreeSansBold.ttf"),
    ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    ("Symbola.ttf", "Symbola.ttf"),
    ("Symbola_hint.ttf", "Symbola_hint.ttf"),
    ("NotoSansSymbols2-Regular.ttf", "NotoSansSymbols2-Regular.ttf"),
)
FONT_DIRS = (
    "/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
    "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts",
)
# Characters that take no room and need no glyph.
_INVISIBLE = {"\n", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f",
              "\u180e", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
              "\u2061", "\u2062", "\u2063", "\u2064", "\u2066", "\u2067", "\u2068", "\u2069",
              "\ufe0e", "\ufe0f"}


def cjk_script(ch: str) -> str | None:
    """Return 'zh', 'ja' or 'ko' when `ch` is written with a CJK font, else None."""
    cp = ord(ch)
    if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF66 <= cp <= 0xFF9F:
        return "ja"
    # Conjoining jamo (U+1100-U+11FF) are left to the fallback fonts: the Korean CID font draws
    # only composed syllables and compatibility jamo.
    if 0xAC00 <= cp <= 0xD7AF or 0x3130 <= cp <= 0x318F:
        return "ko"
    if (0x2E80 <= cp <= 0x2FDF or 0x3000 <= cp <= 0x303F or 0x3100 <= cp <= 0x312F
            or 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0xFE30 <= cp <= 0xFE4F or 0xFF00 <= cp <= 0xFF65 or 0x20000 <= cp <= 0x3134F):
        return "zh"
    return None


def style_index(bold: bool, italic: bool) -> int:
    """Return the index of a style in the (regular, bold, italic, bold italic) tuples."""
    return (1 if bold else 0) + (2 if italic else 0)


def face_font(face: Typeface, bold: bool = False, italic: bool = False) -> str:
    """Return the registered PDF font name that draws Latin text in `face`."""
    files = (face.regular, face.bold or face.regular, face.italic or face.regular,
             face.bold or face.regular)
    chosen = files[style_index(bold, italic)]
    if chosen is not None:
        return _register_file(str(chosen))
    return _STANDARD.get(face.metrics, _STANDARD["Helvetica"])[style_index(bold, italic)]


def _covers_latin(font: str, ch: str) -> bool:
    """Return whether `font` has `ch`: cp1252 for the standard faces, the cmap for TrueType."""
    if font in standard_names():
        try:
            ch.encode("cp1252")
        except UnicodeEncodeError:
            return False
        return True
    return ord(ch) in _ttf(font).face.charToGlyph


def _plain_latin(text: str) -> bool:
    """Return whether the standard fonts draw all of `text` in one run of the main font."""
    # True only when the per-character path would give that same single run: every character
    # is in cp1252 and none is invisible but a line break (soft hyphens are dropped there).
    if text.isascii():
        return True
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return "\u00ad" not in text


# Metric-compatible TrueType twins of the standard faces (Debian: fonts-liberation2). A PDF
# names the standard faces without embedding them, so readers substitute whatever they have
# and PDF/A and print checks flag the file; drawing with an embedded twin keeps every width.
_TWIN_FILES = {
    "Helvetica": "LiberationSans-Regular.ttf", "Helvetica-Bold": "LiberationSans-Bold.ttf",
    "Helvetica-Oblique": "LiberationSans-Italic.ttf",
    "Helvetica-BoldOblique": "LiberationSans-BoldItalic.ttf",
    "Times-Roman": "LiberationSerif-Regular.ttf", "Times-Bold": "LiberationSerif-Bold.ttf",
    "Times-Italic": "LiberationSerif-Italic.ttf", "Times-BoldItalic": "LiberationSerif-BoldItalic.ttf",
    "Courier": "LiberationMono-Regular.ttf", "Courier-Bold": "LiberationMono-Bold.ttf",
    "Courier-Oblique": "LiberationMono-Italic.ttf", "Courier-BoldOblique": "LiberationMono-BoldItalic.ttf",
}


@cache
def embedded(font: str) -> str:
    """Return the font to draw with in a PDF: a standard face's embeddable twin when it is
    installed, else `font` itself (every other font is embedded already)."""
    path = font_index().get(_TWIN_FILES.get(font, ""))
    return _register_file(path) if path else font


@cache
def standard_names() -> frozenset[str]:
    """Return the names of the standard PDF fonts, in every style."""
    return frozenset(name for names in _STANDARD.values() for name in names)


def han_script(text: str, document: str = "") -> str:
    """Return the region whose forms the Han characters of `text` take: 'ja' beside kana, 'ko'
    beside hangul, else the `document`'s (the CJK region of its language, '' for none) or,
    failing that, 'zh-Hant' or 'zh-Hans' by the characters themselves (cjk_faces.han_region)."""
    if text.isascii():
        return document or "zh-Hans"
    return cjk_faces.han_region(text, {cjk_script(ch) for ch in text if ord(ch) >= 0x1100}, document)


def font_for(ch: str, face: Typeface, bold: bool = False, italic: bool = False,
             han: str = "zh-Hans") -> str | None:
    """Return the PDF font that draws `ch` in `face`, or None when no available font has it.

    `han` is the region of the Han characters in this text (see han_script)."""
    main = face_font(face, bold, italic)
    if ch in _INVISIBLE or _covers_latin(main, ch):
        return main
    script = cjk_script(ch)
    if script:
        font = _cjk_font(ch, script, "zh-Hans" if han == "zh" else han, bold)
        if font:
            return font
    return _fallback_for(ch, bold)


# What each CID font's encoding covers, told by the national character set it follows.
_CJK_CODECS = {"zh": "gbk", "ja": "cp932", "ko": "euc_kr"}


def _cjk_font(ch: str, script: str, han: str, bold: bool = False) -> str | None:
    """Return the font that draws `ch`: an embeddable face of the text's own region first, then
    of the others, and only where none has it a CID font the reader's viewer must supply."""
    first = cjk_faces.region_of(script, han)
    for region in (first, *(r for r in cjk_faces.REGIONS if r != first)):
        name = cjk_face(region, bold)
        if name is not None and ord(ch) in _ttf(name).face.charToGlyph:
            return name
    return _cid_font(ch, script, "zh" if han.startswith("zh") else han)


@cache
def cjk_face(region: str, bold: bool = False) -> str | None:
    """Return the registered embeddable face of a CJK region ('zh-Hans', 'zh-Hant', 'ja', 'ko'),
    or None when this machine has none."""
    found = cjk_faces.face_file(region, bold)
    if found is None:
        return None
    name = _register_file(*found)
    return None if name in standard_names() else name


def _cid_font(ch: str, script: str, han: str) -> str | None:
    """Return the CID font that has `ch`: Han in the text's own script first, then the others."""
    if ord(ch) > 0xFFFF:
        return None  # the CID encodings are two-byte Unicode: no room beyond the BMP
    if 0xAC00 <= ord(ch) <= 0xD7AF:
        return _register_cid(CJK_FONTS["ko"])  # every modern Hangul syllable is in the Korean font
    order = [script] if script != "zh" else [han, *(s for s in ("zh", "ja", "ko") if s != han)]
    for candidate in order:
        if candidate == "zh" and 0x3400 <= ord(ch) <= 0x4DBF:
            return _register_cid(CJK_FONTS["zh"])  # Extension A is in Adobe-GB1 (GB 18030)
        try:
            ch.encode(_CJK_CODECS[candidate])
        except UnicodeEncodeError:
            continue
        return _register_cid(CJK_FONTS[candidate])
    return None


def runs(text: str, face: Typeface, bold: bool = False, italic: bool = False,
         region: str = "") -> list[tuple[str, str]]:
    """Return `text` cut into (font name, text) runs, each drawable with one font, in a document
    whose language's CJK region is `region` ('' for none)."""
    main = face_font(face, bold, italic)
    if main in standard_names() and _plain_latin(text):
        return [(main, text)] if text else []  # most text: one run, without a lookup per character
    return runs_by_character(text, face, bold, italic, region)


def runs_by_character(text: str, face: Typeface, bold: bool = False, italic: bool = False,
                      region: str = "") -> list[tuple[str, str]]:
    """Return the runs of `text`, choosing the font of each character in turn."""
    out: list[tuple[str, str]] = []
    main = face_font(face, bold, italic)
    han = han_script(text, region)
    for ch in text:
        if ch in _INVISIBLE and ch != "\n":
            continue  # zero-width characters take no room and no font has a glyph for them
        font = font_for(ch, face, bold, italic, han) or main
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def missing_glyphs(text: str, face: Typeface, region: str = "") -> list[str]:
    """Return the characters of `text` that no available font can draw, each once, in a
    document whose language's CJK region is `region`."""
    if face_font(face) in standard_names() and _plain_latin(text):
        return []  # the standard fonts draw all of it
    seen: dict[str, None] = {}
    han = han_script(text, region)
    for ch in text:
        if ch not in seen and font_for(ch, face, han=han) is None:
            seen[ch] = None
    return list(seen)


def describe(ch: str) -> str:
    """Return 'U+05D0 HEBREW LETTER ALEF' for a character."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')}"


def _fallback_for(ch: str, bold: bool) -> str | None:
    """Return the first fallback font on this machine that has `ch`, or None."""
    cp = ord(ch)
    for regular, heavy in available_fallbacks():
        name = _register_file(heavy if bold else regular)
        if cp in _ttf(name).face.charToGlyph:
            return name
    return None


@cache
def available_fallbacks() -> tuple[tuple[str, str], ...]:
    """Return (regular, bold) paths of the fallback fonts found on this machine, in order."""
    index = font_index()
    found = []
    for regular, bold in FALLBACK_FILES:
        if regular in index:
            found.append((index[regular], index.get(bold, index[regular])))
    return tuple(found)


@cache
def font_index() -> dict[str, str]:
    """Return the file names of the fonts used here mapped to their paths in the usual font
    folders (BRIEFGEN_FONT_DIRS first)."""
    wanted = {name for pair in FALLBACK_FILES for name in pair} | set(_TWIN_FILES.values())
    wanted |= {name for region in cjk_faces.REGIONS.values()
               for name, _index in (*region.files, *region.bold_files)}
    index: dict[str, str] = {}
    extra = os.environ.get("BRIEFGEN_FONT_DIRS", "")
    for folder in [*filter(None, extra.split(os.pathsep)), *FONT_DIRS]:
        root = Path(folder).expanduser()
        if not root.is_dir():
            continue
        for dirpath, _dirs, files in os.walk(root):
            for name in wanted.intersection(files):
                index.setdefault(name, os.path.join(dirpath, name))
    return index


@cache
def _register_file(path: str, index: int = 0) -> str:
    """Register the TrueType face at `path` (`index` in a collection) once; return its PDF name."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont  # only when a TrueType font is used

    name = "bg-" + Path(path).stem + (f"-{index}" if index else "")
    try:
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    except (TTFError, OSError) as exc:
        print(f"{path}: warning: cannot use this font: {exc}", file=sys.stderr)
        return "Helvetica"
    return name


@cache
def _register_cid(name: str) -> str:
    """Register a CID font once and return its name."""
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # only when CJK text is drawn

    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _ttf(name: str) -> Any:
    """Return the registered TrueType font called `name` (a ReportLab TTFont, untyped)."""
    return pdfmetrics.getFont(name)
