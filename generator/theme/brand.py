"""Check a user's theme against the brand.yml specification, remembering files already checked.

Importing `brand_yml` costs about a fifth of a second, more than a whole rebuild should; a
theme file whose exact bytes passed before is not checked again.
"""

from __future__ import annotations

import copy
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import Problem
from generator.strict_yaml import SourceMap

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails


def cache_dir() -> Path:
    """Return the folder where briefgen remembers themes that passed the brand.yml check."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefgen" / "brand-ok"


def check_brand(path: Path, data: dict[str, Any], smap: SourceMap) -> list[Problem]:
    """Return located problems brand.yml finds in the theme file at `path` (none when valid)."""
    text = path.read_bytes()
    marker = cache_dir() / hashlib.sha256(text).hexdigest()
    if marker.exists():
        return []
    problems = _validate(path, data, smap)
    if not problems:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # a read-only home only costs the check again next time
    return problems


def _validate(path: Path, data: dict[str, Any], smap: SourceMap) -> list[Problem]:
    """Return the problems brand_yml finds in `data`, each placed where `smap` says."""
    from brand_yml import Brand
    from pydantic import ValidationError

    # brand_yml rewrites the mappings it validates; give it a copy so the theme keeps its own
    plain = copy.deepcopy({k: v for k, v in data.items() if k != "defaults"})
    try:
        Brand.model_validate(plain, context={"path": path})
    except ValidationError as exc:
        return _one_per_place([_problem(err, smap) for err in _preferred(exc.errors())])
    except (ValueError, TypeError) as exc:
        return [smap.problem((), f"not a valid brand.yml file: {exc}")]
    return []


def _preferred(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Return errors with the least telling branches of a union last, so the best one is kept."""
    weak = ("extra_forbidden", "url_parsing", "url_type", "missing")
    return sorted(errors, key=lambda err: err["type"] in weak)


def _one_per_place(problems: list[Problem]) -> list[Problem]:
    """Return one problem per line and column: a union's other branches only add noise."""
    seen: dict[tuple[int, int], Problem] = {}
    for problem in problems:
        seen.setdefault((problem.line, problem.col), problem)
    return list(seen.values())


def _problem(err: ErrorDetails, smap: SourceMap) -> Problem:
    """Return the located Problem for one brand_yml error, in brand_yml's words."""
    # pydantic adds union branch names such as 'function-after[...]' or class names to locs
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p[:1].isupper())))
    dotted = ".".join(str(p) for p in loc)
    return smap.problem(loc, f"{dotted}: {err['msg'].removeprefix('Value error, ')} (brand.yml)")
