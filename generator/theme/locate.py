"""Where themes are: the built-in theme files, the project's own in `themes/`, a brand.yml named
by its path, and reading one as a mapping.

A theme is found, in this order: a built-in name; a path (relative to the file that names it, or
typed on the command line); a name of the project's `themes/NAME/_brand.yml` or `themes/NAME.yml`.
Every file but a built-in is confined like any path a brief names (`paths.resolve_asset`: a
regular file inside the project), and is a theme by its name (`.yml`, `.yaml` or a template's
suffix) before it is opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import strict_yaml
from generator.errors import InputError
from generator.paths import AssetPathError, AssetPolicy, resolve_asset
from generator.strict_yaml import SourceMap
from generator.text import closest

BUILTIN = ("default", "cinema", "print")
# PowerPoint templates (the macro-enabled ones are refused when read, with the reason).
TEMPLATE_FILES = (".pptx", ".potx", ".pptm", ".potm")
PROJECT_THEMES = "themes"  # the project's own themes, in the folder a build runs in (or --root)
# The top-level keys of a brand.yml file.
BRAND_KEYS = ("meta", "logo", "color", "typography", "defaults")
# How a folder given as a theme holds its brand.yml, first found wins.
BRAND_FILES = ("_brand.yml", "_brand.yaml", "brand/_brand.yml", "_brand/_brand.yml")


@dataclass(frozen=True)
class ListedTheme:
    """A theme as `briefgen themes` lists it."""

    name: str
    description: str
    project: bool  # one of the project's own, in themes/
    note: str = ""  # why it cannot be used as named, when it cannot


def builtin_dir() -> Path:
    """Return the folder holding the built-in theme files."""
    return Path(__file__).resolve().parent.parent / "themes"


def list_themes() -> list[tuple[str, str]]:
    """Return (name, one-line description) for every built-in theme."""
    return [(name, _description(builtin_dir() / f"{name}.yml")) for name in BUILTIN]


def all_themes(policy: AssetPolicy) -> list[ListedTheme]:
    """Return every theme a brief may name: the built-ins, then the project's own."""
    listed = [ListedTheme(name, description, project=False) for name, description in list_themes()]
    for name, written in project_themes(policy.root):
        listed.append(_listed_project_theme(name, written, policy))
    return listed


def project_themes(root: Path) -> list[tuple[str, str]]:
    """Return (name, path relative to `root`) of each theme in the project's themes/ folder."""
    try:
        entries = sorted(os.listdir(root / PROJECT_THEMES))
    except OSError:  # no themes/ folder (or not a folder): no project themes
        return []
    found: dict[str, str] = {}
    for entry in entries:
        name = entry[: -len(".yml")] if entry.endswith(".yml") else entry
        written = _project_theme_file(root, name)
        if name and not name.startswith((".", "_")) and written and name not in found:
            found[name] = written
    return sorted(found.items())


def find_theme(spec: str | None, base_dir: Path, policy: AssetPolicy | None = None) -> Path:
    """Return the theme file named by `spec`: a built-in name, a file, a folder of _brand.yml,
    or the name of a project theme; raise ValueError (AssetPathError for a path that may not
    or cannot be used) when there is none."""
    policy = policy or AssetPolicy()
    if not spec:
        spec = "default"
    if spec in BUILTIN:
        return builtin_dir() / f"{spec}.yml"
    if not is_theme_name(spec) or os.path.lexists(base_dir / spec):
        return _theme_at_path(spec, base_dir, policy)
    written = _project_theme_file(policy.root, spec)
    if written is None:
        raise ValueError(_unknown(spec, policy.root))
    try:
        resolve_asset(written, policy.root, policy)
    except AssetPathError as exc:
        raise AssetPathError(f"theme '{spec}': {exc}") from None
    return policy.root / written


def hidden_project_theme(spec: str | None, root: Path) -> str | None:
    """Return the path (relative to `root`) of a project theme that the built-in theme `spec`
    hides by having the same name, if there is one."""
    if spec not in BUILTIN:
        return None
    return _project_theme_file(root, spec)


def is_theme_name(spec: str) -> bool:
    """Return True when `spec` is written as a theme's name rather than as a path."""
    return not (any(sep in spec for sep in ("/", "\\", os.sep)) or spec.startswith((".", "~"))
                or spec.lower().endswith((".yml", ".yaml", *TEMPLATE_FILES)))


def is_builtin(path: Path) -> bool:
    """Return whether `path` is one of the built-in theme files."""
    return path.parent == builtin_dir() and path.stem in BUILTIN


def read_theme_file(path: Path) -> tuple[dict[str, Any], SourceMap]:
    """Return the mapping in the theme file at `path` and where each value was written."""
    data, smap = strict_yaml.load(path)
    if not isinstance(data, dict):
        raise InputError([smap.problem((), "a theme is a brand.yml mapping (color:, typography:)")])
    if data and not any(str(key) in BRAND_KEYS or closest(str(key), BRAND_KEYS) for key in data):
        # Some other YAML file (settings, credentials): say so, without echoing what it holds.
        raise InputError([smap.problem((), "not a brand.yml theme: none of its keys is "
                                           f"{', '.join(f'{key}:' for key in BRAND_KEYS)}")])
    return data, smap


def _theme_at_path(spec: str, base_dir: Path, policy: AssetPolicy) -> Path:
    """Return the theme file at the path `spec` (or in the folder it names), confined by `policy`."""
    path = Path(os.path.expanduser(spec)) if spec.startswith("~") else Path(spec)
    path = path if path.is_absolute() else base_dir / path
    written = spec
    if _is_folder(spec, base_dir, policy):
        held = next((name for name in BRAND_FILES if (path / name).is_file()), None)
        if held is None:
            raise ValueError(f"the folder '{spec}' holds no _brand.yml")
        path, written = path / held, f"{spec.rstrip('/')}/{held}"
    try:
        resolve_asset(written, base_dir, policy)
    except AssetPathError as exc:
        raise AssetPathError(f"theme file {exc}") from None
    if not written.lower().endswith((".yml", ".yaml", *TEMPLATE_FILES)):
        # Checked from the name, so a file that is no theme (/etc/passwd) is never opened.
        raise AssetPathError(f"theme file '{written}' is neither a brand.yml file (.yml, .yaml) "
                             "nor a PowerPoint template (.pptx, .potx); rename it if it is one")
    return path


def _is_folder(spec: str, base_dir: Path, policy: AssetPolicy) -> bool:
    """Return True when `spec` names a folder the brief may read from; raise AssetPathError
    when it leads outside the project (checked before anything is looked at there)."""
    path = Path(os.path.expanduser(spec)) if spec.startswith("~") else Path(spec)
    where = (path if path.is_absolute() else base_dir / path).resolve(strict=False)
    if not policy.allow_outside and not where.is_relative_to(policy.root):
        raise AssetPathError(f"theme '{spec}' is outside the project folder {policy.root.name}/; "
                             "move it inside, or pass --allow-outside-files for a trusted brief")
    return where.is_dir()


def _project_theme_file(root: Path, name: str) -> str | None:
    """Return the file (relative to `root`) that the project theme `name` would be read from."""
    for written in (f"{PROJECT_THEMES}/{name}/_brand.yml", f"{PROJECT_THEMES}/{name}.yml"):
        if os.path.lexists(root / written):  # a symlink too: it is refused with its reason
            return written
    return None


def _listed_project_theme(name: str, written: str, policy: AssetPolicy) -> ListedTheme:
    """Return a project theme as listed: its description, or why it cannot be used."""
    if name in BUILTIN:
        return ListedTheme(name, "", project=True, note=f"hidden by the built-in '{name}': "
                           f"rename {written} to use it")
    try:
        description = _description(resolve_asset(written, policy.root, policy))
    except (AssetPathError, InputError) as exc:
        reason = exc.problems[0].message if isinstance(exc, InputError) else str(exc)
        return ListedTheme(name, "", project=True, note=f"cannot be used: {reason}")
    return ListedTheme(name, description, project=True)


def _description(path: Path) -> str:
    """Return the one-line description a theme file gives itself (defaults: briefgen:)."""
    data, _ = read_theme_file(path)
    defaults = data.get("defaults")
    block = defaults.get("briefgen") if isinstance(defaults, dict) else None
    description = block.get("description") if isinstance(block, dict) else None
    return description if isinstance(description, str) else ""


def _unknown(spec: str, root: Path) -> str:
    """Return the words for a theme name that is neither built in nor the project's."""
    own = [name for name, _ in project_themes(root) if name not in BUILTIN]
    meant = closest(spec, [*BUILTIN, *own])
    hint = f" (did you mean '{meant}'?)" if meant else ""
    project = (f"; this project's {PROJECT_THEMES}/: {', '.join(own)}" if own
               else f"; a project keeps its own as {PROJECT_THEMES}/NAME.yml")
    return (f"unknown theme '{spec}'{hint}; installed: {', '.join(BUILTIN)}{project}; "
            "or give the path of a brand.yml file or a .pptx/.potx template")
