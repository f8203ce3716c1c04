"""Build the same briefs in every theme at another commit and in this checkout, and compare the
files byte for byte.

A change that only moves code (a refactoring) must leave every output as it was. This builds the
sample, the stress, the minimal, the Chinese and the Arabic briefs in each built-in theme and on
the example template, in every format, once in a temporary worktree of BASE (default: HEAD) and
once here, with the same Python and SOURCE_DATE_EPOCH, and prints one line per file that differs.
Exit status 0 when every file is identical.
Run from anywhere: python scripts/compare_outputs.py [BASE]
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = ("briefs/film-tech-symposium.yaml", "tests/briefs/stress.yaml", "tests/briefs/minimal.yaml",
          "tests/briefs/chinese.yaml", "tests/briefs/arabic.yaml")
THEMES = ("default", "cinema", "print", "docs/examples/corporate-template.potx")
FORMATS = ("pptx", "pdf", "md", "script")


def build_all(tree: Path, out: Path) -> None:
    """Build every brief in every theme from the checkout `tree` into folders under `out`."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(tree)}
    for theme in THEMES:
        folder = out / Path(theme).stem
        command = [sys.executable, "-m", "generator", "build", *BRIEFS, "--force", "-o", str(folder),
                   "-t", theme, *(arg for name in FORMATS for arg in ("-f", name))]
        done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{tree.name}: building in {theme} failed:\n{done.stdout}{done.stderr}")


def differences(before: Path, after: Path) -> tuple[list[str], int]:
    """Return the relative names of files that differ or exist on one side only, and the count
    of files compared."""
    names = {p.relative_to(before) for p in before.rglob("*") if p.is_file() and p.suffix != ".json"}
    names |= {p.relative_to(after) for p in after.rglob("*") if p.is_file() and p.suffix != ".json"}
    changed = [str(name) for name in sorted(names)
               if not ((before / name).is_file() and (after / name).is_file()
                       and filecmp.cmp(before / name, after / name, shallow=False))]
    return changed, len(names)


def main() -> int:
    """Build at BASE and here, compare, and print what differs."""
    base = sys.argv[1] if len(sys.argv) > 1 else "HEAD"
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        subprocess.run(["git", "worktree", "add", "--detach", str(work / "base"), base], cwd=ROOT,
                       check=True, capture_output=True)
        try:
            build_all(work / "base", work / "before")
            build_all(ROOT, work / "after")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(work / "base")], cwd=ROOT,
                           capture_output=True)
        changed, compared = differences(work / "before", work / "after")
    for name in changed:
        print(f"differs: {name}")
    print(f"{compared - len(changed)} of {compared} files identical to {base}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
