"""Embeddable Chinese, Japanese and Korean faces on this machine, by region.

ReportLab embeds (a subset of) TrueType outlines only; the common Noto CJK files are CFF
OpenType, which it cannot read. So each region lists TrueType families known to draw its own
glyph forms, found through fontconfig (`fc-list`), or by file name in the usual font folders
where fontconfig is absent. Each region's face is looked up and parsed once per process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

# A font file and the face's index inside it (TrueType collections hold several).
FontFile = tuple[str, int]
# fontconfig's weights: 80 regular, 100 medium, 200 bold.
_BOLD_WEIGHT = 180


@dataclass(frozen=True)
class Region:
    """A CJK writing region: the families that draw its glyph forms, best first."""

    tag: str
    name: str  # said in warnings: 'Simplified Chinese'
    families: tuple[str, ...]
    files: tuple[FontFile, ...]  # known file names, for machines without fontconfig
    bold_files: tuple[FontFile, ...]
    package: str  # the Debian package that installs the first family


REGIONS: dict[str, Region] = {
    "zh-Hans": Region("zh-Hans", "Simplified Chinese",
                      ("Droid Sans Fallback", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
                       "AR PL UMing CN", "AR PL UKai CN"),
                      (("DroidSansFallbackFull.ttf", 0), ("DroidSansFallback.ttf", 0),
                       ("wqy-zenhei.ttc", 0)), (), "fonts-droid-fallback"),
    # The Taiwan forms first (AR PL, fonts-arphic-uming); WenQuanYi draws every Big5 character.
    "zh-Hant": Region("zh-Hant", "Traditional Chinese",
                      ("AR PL UMing TW", "AR PL UKai TW", "WenQuanYi Zen Hei",
                       "WenQuanYi Micro Hei", "Droid Sans Fallback"),
                      (("wqy-zenhei.ttc", 0), ("DroidSansFallbackFull.ttf", 0)), (),
                      "fonts-wqy-zenhei"),
    "ja": Region("ja", "Japanese",
                 ("IPAexGothic", "IPAGothic", "IPAPGothic", "TakaoPGothic", "VL PGothic"),
                 (("ipaexg.ttf", 0), ("ipag.ttf", 0)), (), "fonts-ipaexfont"),
    "ko": Region("ko", "Korean", ("NanumGothic", "NanumBarunGothic", "UnDotum", "Baekmuk Gulim"),
                 (("NanumGothic.ttf", 0), ("NanumBarunGothic.ttf", 0)),
                 (("NanumGothicBold.ttf", 0), ("NanumBarunGothicBold.ttf", 0)), "fonts-nanum"),
}


@dataclass(frozen=True)
class Face:
    """One TrueType face fontconfig knows: its file, index, first family name and weight."""

    path: str
    index: int
    family: str
    weight: int


def face_file(tag: str, bold: bool = False) -> FontFile | None:
    """Return the file (and index) of the region's embeddable face, bold where there is one."""
    region = REGIONS[tag]
    return _from_fontconfig(region, bold) or _from_folders(region, bold)


def _from_fontconfig(region: Region, bold: bool) -> FontFile | None:
    """Return the region's best face among those fontconfig lists, or None."""
    faces = fontconfig_faces()
    for family in region.families:
        found = sorted((f for f in faces if f.family == family), key=lambda f: (f.weight, f.path))
        if not found:
            continue
        heavy = [f for f in found if f.weight >= _BOLD_WEIGHT]
        regular = [f for f in found if f.weight < _BOLD_WEIGHT] or found
        chosen = heavy[0] if bold and heavy else regular[0]
        return chosen.path, chosen.index
    return None


def _from_folders(region: Region, bold: bool) -> FontFile | None:
    """Return the first of the region's known files found in the font folders, or None."""
    from generator.typeset.fonts import font_index

    index = font_index()
    for name, sub in (*region.bold_files, *region.files) if bold else region.files:
        if name in index:
            return os.path.realpath(index[name]), sub
    return None


@cache
def fontconfig_faces() -> tuple[Face, ...]:
    """Return the TrueType-outline faces fontconfig knows, once per process; none without it."""
    exe = shutil.which("fc-list")
    if exe is None:
        return ()
    try:
        listed = subprocess.run(
            [exe, "--format", "%{file}\t%{index}\t%{family[0]}\t%{weight}\n", ":fontformat=TrueType"],
            capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    faces: dict[tuple[str, int], Face] = {}
    for line in listed.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or not parts[1].isdigit():
            continue
        path = os.path.realpath(parts[0])  # one name for a file however it is linked
        weight = int(parts[3]) if parts[3].isdigit() else 80
        faces.setdefault((path, int(parts[1])), Face(path, int(parts[1]), parts[2], weight))
    return tuple(sorted(faces.values(), key=lambda f: (f.path, f.index)))


def region_of(script: str, han: str) -> str:
    """Return the region tag for a character of `script` ('zh', 'ja', 'ko') in text whose Han
    characters are `han` ('zh-Hans', 'zh-Hant', 'ja' or 'ko')."""
    return han if script == "zh" else script


def han_region(text: str, scripts: set[str | None], document: str = "") -> str:
    """Return the region whose forms the Han characters of `text` take: Japanese beside kana,
    Korean beside hangul, else the document's (its language's) region; in a document of no
    CJK language, Traditional Chinese when more of its characters are only in Big5 than only
    in GB 2312, else Simplified Chinese."""
    if "ja" in scripts:
        return "ja"
    if "ko" in scripts:
        return "ko"
    if document:
        return document
    simplified = traditional = 0
    for ch in set(text):
        if ord(ch) < 0x3400:
            continue
        gb, big5 = _encodes(ch, "gb2312"), _encodes(ch, "big5")
        simplified += gb and not big5
        traditional += big5 and not gb
    return "zh-Hant" if traditional > simplified else "zh-Hans"


def _encodes(ch: str, codec: str) -> bool:
    """Return whether `ch` is in the character set `codec` encodes."""
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True
