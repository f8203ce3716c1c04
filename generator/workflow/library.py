"""Accept a brief as a path, YAML text or a mapping, for callers of the library API."""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import InputError, Problem
from generator.paths import AssetPolicy


def prepare_any(brief, theme: str | None, root) -> object:
    """Return a Prepared brief from a path, a YAML string or a mapping."""
    from generator import strict_yaml
    from generator.brief.load import validate_data
    from generator.workflow.prepare import prepare, prepare_loaded

    policy = AssetPolicy(Path(root or Path.cwd()).resolve())
    if isinstance(brief, os.PathLike) or (isinstance(brief, str) and "\n" not in brief
                                          and brief.endswith((".yaml", ".yml"))):
        return prepare(Path(brief), theme, policy)
    if isinstance(brief, str):
        data, smap = strict_yaml.parse(brief, Path("<brief>"))
        return prepare_loaded(validate_data(data, smap), theme, policy)
    if isinstance(brief, dict):
        data, smap = strict_yaml.parse(_as_yaml(brief), Path("<brief>"))
        return prepare_loaded(validate_data(data, smap), theme, policy)
    raise InputError([Problem("<brief>", 0, 0, f"cannot read a brief from {type(brief).__name__}")])


def _as_yaml(mapping: dict) -> str:
    """Return a mapping as YAML text, so it passes the same strict checks as a file."""
    import yaml

    return yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False)
