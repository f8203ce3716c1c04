"""Render the sample brief's presenter script and save a PNG of its first page as docs/img/script.png.

Usage: python scripts/preview_script.py [--dpi N] [--out PATH]
Needs pdftoppm (poppler-utils) on the PATH.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "briefs" / "film-tech-symposium.yaml"


def script_pdf(brief: Path) -> bytes:
    """Return the presenter's script for `brief` as PDF bytes."""
    from generator.backends.script import ScriptBackend
    from generator.paths import AssetPolicy
    from generator.workflow.prepare import prepare

    prepared = prepare(brief, None, AssetPolicy(root=ROOT))
    buffer = io.BytesIO()
    ScriptBackend().render(prepared.story, prepared.theme, buffer)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Render the preview; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "script.png")
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is not installed (it comes with poppler-utils)", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "script.pdf"
        source.write_bytes(script_pdf(SAMPLE))
        subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", "1", "-l", "1", "-singlefile",
                        str(source), str(Path(folder) / "page")], check=True)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(folder) / "page.png", args.out)
    print(args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
