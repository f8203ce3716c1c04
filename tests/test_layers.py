"""The map is checked: every import inside `generator/` is one that docs/architecture.md allows.

The "may import" column of the map's table of layers is read from the document itself, so the
map and the code cannot drift apart: a lower layer that starts importing a higher one fails
here, and so does a row that names a module that does not exist. The table of libraries says
which packages alone may import the heavy rendering libraries.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
MAP = ROOT / "docs" / "architecture.md"
_TICKED = re.compile(r"`([^`]+)`((?:\s*\(types only\))?)")


@dataclass(frozen=True)
class Import:
    """One import of a module: what it names, where, and whether only for type checking."""

    source: str  # the importing module, 'generator.theme.resolve'
    target: str  # the imported module or name, 'generator.words.overrides'
    line: int
    types_only: bool


@dataclass(frozen=True)
class Row:
    """One row of the table of layers: the modules it covers and what they may import."""

    layer: str
    modules: tuple[str, ...]  # dotted prefixes, 'generator.brief'
    allowed: tuple[str, ...]
    allowed_for_types: tuple[str, ...]


def module_name(path: Path) -> str:
    """Return the dotted module name of a file under generator/."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """Return the ids of every node inside an `if TYPE_CHECKING:` block."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inside.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    return inside


def imports_of(path: Path) -> list[Import]:
    """Return every import of briefgen's own modules in the file, at any depth (lazy ones too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    source = module_name(path)
    types_only = _type_checking_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found += [Import(source, _existing(t), node.lineno, id(node) in types_only) for t in targets
                  if t == "generator" or t.startswith("generator.")]
    return found


def _existing(target: str) -> str:
    """Return the longest prefix of `target` that is a module or package ('generator.story' for
    'generator.story.Picture', 'generator' for 'generator.__version__')."""
    parts = target.split(".")
    while len(parts) > 1:
        path = ROOT.joinpath(*parts)
        if path.with_suffix(".py").is_file() or path.is_dir():
            break
        parts.pop()
    return ".".join(parts)


def library_imports(path: Path) -> list[tuple[str, int]]:
    """Return the top-level third-party package names the file imports, with their lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module.split(".")[0], node.lineno))
    return found


def _dotted(token: str) -> str:
    """Return the module prefix a map token names: `theme/` or `story.py` or `theme.model`."""
    token = token.strip().removesuffix("/").removesuffix(".py")
    return "generator" if token == "__init__" else "generator." + token.replace("/", ".")


def _table(text: str, heading: str) -> list[list[str]]:
    """Return the body rows (cells) of the first Markdown table after `heading`."""
    after = text.split(heading, 1)[1]
    rows = []
    for line in after.splitlines():
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return rows[2:]  # the header and its rule


def read_map(text: str) -> list[Row]:
    """Return the table of layers of the map in `text`."""
    rows = []
    for cells in _table(text, "## The layers"):
        modules = tuple(_dotted(t) for t, _ in _TICKED.findall(cells[0]))
        ticked = _TICKED.findall(cells[2])
        rows.append(Row(cells[0], modules, tuple(_dotted(t) for t, types in ticked if not types),
                        tuple(_dotted(t) for t, types in ticked if types)))
    return rows


def read_libraries(text: str) -> dict[str, tuple[str, ...]]:
    """Return each heavy library's import name and the module prefixes that alone may import it."""
    out = {}
    for cells in _table(text, "### Libraries"):
        names = [t for t, _ in _TICKED.findall(cells[0])]
        out[names[0]] = tuple(_dotted(t) for t, _ in _TICKED.findall(cells[1]))
    return out


def _within(name: str, prefix: str) -> bool:
    """Return True when module `name` is `prefix` or inside it (the package itself holds only
    itself: its modules have rows of their own)."""
    return name == prefix or (prefix != "generator" and name.startswith(prefix + "."))


def row_of(module: str, rows: list[Row]) -> Row | None:
    """Return the row whose modules hold `module` (the most specific one), or None."""
    matches = [(len(m), row) for row in rows for m in row.modules if _within(module, m)]
    return max(matches, key=lambda pair: pair[0])[1] if matches else None


def violations(found: list[Import], rows: list[Row]) -> list[str]:
    """Return one line per import that the map does not allow."""
    out = []
    for imp in found:
        row = row_of(imp.source, rows)
        if row is None:
            out.append(f"{imp.source}: no row of the map covers this module")
            continue
        own = any(_within(imp.target, m) for m in row.modules)
        allowed = row.allowed + (row.allowed_for_types if imp.types_only else ())
        if imp.target != "generator" and not own and not any(_within(imp.target, a) for a in allowed):
            out.append(f"{imp.source}:{imp.line}: imports {imp.target}, which the row "
                       f"{row.layer} of docs/architecture.md does not allow")
    return out


def _all_imports() -> list[Import]:
    """Return every import of briefgen's modules inside generator/."""
    return [imp for path in sorted(PACKAGE.rglob("*.py")) for imp in imports_of(path)]


def test_every_import_is_one_the_map_allows() -> None:
    found = violations(_all_imports(), read_map(MAP.read_text(encoding="utf-8")))
    assert not found, "\n".join(found)


def test_every_module_named_by_the_map_exists() -> None:
    rows = read_map(MAP.read_text(encoding="utf-8"))
    named = {m for row in rows for m in (*row.modules, *row.allowed, *row.allowed_for_types)}
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    missing = sorted(n for n in named if not any(_within(m, n) for m in modules)
                     and not (PACKAGE / n.removeprefix("generator.").replace(".", "/")).is_dir())
    assert not missing, f"the map names modules that do not exist: {missing}"


def test_heavy_libraries_are_imported_only_where_the_map_says() -> None:
    libraries = read_libraries(MAP.read_text(encoding="utf-8"))
    assert {"pptx", "reportlab"} <= set(libraries)
    wrong = [f"{module_name(path)}:{line}: imports {name}"
             for path in sorted(PACKAGE.rglob("*.py")) for name, line in library_imports(path)
             if name in libraries and not any(_within(module_name(path), p) for p in libraries[name])]
    assert not wrong, "\n".join(wrong)


_MINI_MAP = """## The layers

| where | what | may import |
| --- | --- | --- |
| `brief/` | the brief | `errors`, `words` |
| `story.py` | content | `words`, `brief` (types only) |
| `workflow/` | files | `brief`, `story` |
"""


@pytest.mark.parametrize(("source", "target", "types_only", "allowed"), [
    ("generator.brief.load", "generator.errors", False, True),
    ("generator.brief.load", "generator.brief.model", False, True),
    ("generator.brief.load", "generator.workflow.build", False, False),
    ("generator.brief.model", "generator.story", False, False),
    ("generator.story", "generator.brief.model", True, True),
    ("generator.story", "generator.brief.model", False, False),
    ("generator.workflow.build", "generator.story", False, True),
    ("generator.wording", "generator.errors", False, False),
], ids=["listed", "own-package", "higher-layer", "sibling-not-listed", "types-only-allowed",
        "types-only-used-at-runtime", "lower-layer", "module-without-a-row"])
def test_the_check_fails_on_imports_the_map_does_not_allow(source: str, target: str,
                                                            types_only: bool, allowed: bool) -> None:
    found = violations([Import(source, target, 1, types_only)], read_map(_MINI_MAP))
    assert (found == []) is allowed, found
