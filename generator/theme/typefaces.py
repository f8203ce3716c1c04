"""Typefaces of a theme: the family named in the deck, font files, and the metrics to fit with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.paths import AssetPathError, AssetPolicy, resolve_asset
from generator.strict_yaml import Loc, SourceMap
from generator.theme.font_files import FontFileError, check_truetype
from generator.theme.model import Typeface

# Families whose widths match a standard PDF face exactly (metric-compatible designs), so the
# deck is fitted with the widths PowerPoint and LibreOffice will use.
METRIC_TWINS = {
    "arial": "Helvetica", "helvetica": "Helvetica", "helvetica neue": "Helvetica",
    "liberation sans": "Helvetica", "arimo": "Helvetica", "nimbus sans": "Helvetica",
    "times new roman": "Times", "times": "Times", "liberation serif": "Times",
    "tinos": "Times", "nimbus roman": "Times",
    "courier new": "Courier", "courier": "Courier", "liberation mono": "Courier",
    "cousine": "Courier",
}


def typefaces(merged: dict[str, Any], own: dict[str, Any], path: Path, smap: SourceMap,
              policy: AssetPolicy, problems: list[Problem]) -> tuple[Typeface, Typeface]:
    """Return the (heading, body) typefaces of a merged theme, checking any font files.

    Families may come from the default theme (`merged`); font files only from the theme's own
    file (`own`, at `path`), since their paths are relative to it.
    """
    typo = merged.get("typography", {}) if isinstance(merged.get("typography"), dict) else {}
    files = _font_files(own, path, smap, policy, problems)
    body_family = _family(typo.get("base")) or "Arial"
    heading_family = _family(typo.get("headings")) or body_family
    loc = {"base": ("typography", "base"), "headings": ("typography", "headings")}
    body = _typeface(body_family, files, smap, loc["base"], problems)
    heading = _typeface(heading_family, files, smap, loc["headings"], problems)
    return heading, body


def _family(entry: object) -> str | None:
    """Return the family a brand.yml `typography` entry names, if it names one."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict):
        family = entry.get("family")
        return family if isinstance(family, str) else None
    return None


def _typeface(family: str, files: dict[str, dict[str, Path]], smap: SourceMap, loc: tuple[str, ...],
              problems: list[Problem]) -> Typeface:
    """Return the typeface for `family`: its font files, else a metric twin, else Helvetica."""
    styles = files.get(family.lower())
    if styles and styles.get("regular"):
        return Typeface(family, styles["regular"], styles.get("bold"), styles.get("italic"),
                        metrics="file")
    twin = METRIC_TWINS.get(family.lower())
    if twin:
        return Typeface(family, metrics=twin)
    problems.append(smap.problem(loc, (
        f"{'.'.join(loc)}: no metrics for the font '{family}'; the deck names it, but fitting "
        "and the handout use Helvetica. Add its .ttf files under typography.fonts "
        "(source: file) to use it everywhere"), "warning"))
    return Typeface(family, metrics="Helvetica")


def _font_files(own: dict[str, Any], path: Path, smap: SourceMap, policy: AssetPolicy,
                problems: list[Problem]) -> dict[str, dict[str, Path]]:
    """Return {family: {regular|bold|italic: path}} from the theme's `source: file` fonts."""
    typo = own.get("typography")
    fonts = typo.get("fonts") if isinstance(typo, dict) else None
    found: dict[str, dict[str, Path]] = {}
    if not isinstance(fonts, list):
        return found
    for i, font in enumerate(fonts):
        if not isinstance(font, dict) or font.get("source", "file") != "file":
            continue
        family = str(font.get("family", ""))
        entries = font.get("files", [])
        for j, entry in enumerate(entries if isinstance(entries, list) else [entries]):
            written, style = _file_entry(entry)
            loc: Loc = ("typography", "fonts", i, "files", j)
            if not written:
                continue
            if not written.lower().endswith(".ttf"):
                problems.append(smap.problem(loc, f"typography.fonts[{i}].files[{j}]: only "
                                                  "TrueType (.ttf) files can be embedded"))
                continue
            notes: list[str] = []
            try:
                file = resolve_asset(written, path.parent, policy, notes)
                check_truetype(file)
            except AssetPathError as exc:
                problems.append(smap.problem(loc, f"typography.fonts[{i}].files[{j}]: {exc}"))
                continue
            except FontFileError as exc:
                problems.append(smap.problem(loc, f"typography.fonts[{i}].files[{j}]: '{written}' {exc}"))
                continue
            for note in notes:
                problems.append(smap.problem(loc, f"typography.fonts[{i}].files[{j}]: {note}",
                                             "warning"))
            found.setdefault(family.lower(), {}).setdefault(style, file)
    return found


def _file_entry(entry: object) -> tuple[str | None, str]:
    """Return (path, 'regular'|'bold'|'italic') from a brand.yml font file entry."""
    if isinstance(entry, str):
        return entry, "regular"
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
        return None, "regular"
    weight = str(entry.get("weight", "400"))
    style = str(entry.get("style", "normal"))
    if style == "italic":
        return entry["path"], "italic"
    heavy = weight in ("bold", "semibold", "extrabold", "black") or (
        weight.isdigit() and int(weight) >= 600)
    return entry["path"], "bold" if heavy else "regular"
