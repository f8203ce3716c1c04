"""Where themes are: the built-in theme files, a user's brand.yml, and reading one as a mapping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator import strict_yaml
from generator.errors import InputError
from generator.strict_yaml import SourceMap

BUILTIN = ("default", "cinema", "print")
# PowerPoint templates (the macro-enabled ones are refused when read, with the reason).
TEMPLATE_FILES = (".pptx", ".potx", ".pptm", ".potm")


def builtin_dir() -> Path:
    """Return the folder holding the built-in theme files."""
    return Path(__file__).resolve().parent.parent / "themes"


def list_themes() -> list[tuple[str, str]]:
    """Return (name, one-line description) for every built-in theme."""
    out = []
    for name in BUILTIN:
        data, _ = read_theme_file(builtin_dir() / f"{name}.yml")
        out.append((name, data.get("defaults", {}).get("briefgen", {}).get("description", "")))
    return out


def find_theme(spec: str | None, base_dir: Path) -> Path:
    """Return the theme file named by `spec`: a built-in name, a file, or a folder of _brand.yml."""
    if not spec:
        spec = "default"
    if spec in BUILTIN:
        return builtin_dir() / f"{spec}.yml"
    path = Path(spec) if Path(spec).is_absolute() else base_dir / spec
    if path.is_dir():
        for name in ("_brand.yml", "_brand.yaml", "brand/_brand.yml", "_brand/_brand.yml"):
            if (path / name).is_file():
                return path / name
        raise ValueError(f"the folder '{spec}' holds no _brand.yml")
    if path.is_file():
        return path
    if "/" in spec or spec.lower().endswith((".yml", ".yaml", *TEMPLATE_FILES)):
        raise ValueError(f"theme file '{spec}' does not exist")
    raise ValueError(f"unknown theme '{spec}'; installed: {', '.join(BUILTIN)}, "
                     "or give the path of a brand.yml file or a .pptx/.potx template")


def is_builtin(path: Path) -> bool:
    """Return whether `path` is one of the built-in theme files."""
    return path.parent == builtin_dir() and path.stem in BUILTIN


def read_theme_file(path: Path) -> tuple[dict[str, Any], SourceMap]:
    """Return the mapping in the theme file at `path` and where each value was written."""
    data, smap = strict_yaml.load(path)
    if not isinstance(data, dict):
        raise InputError([smap.problem((), "a theme is a brand.yml mapping (color:, typography:)")])
    return data, smap
