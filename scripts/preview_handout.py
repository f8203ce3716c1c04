"""Render the sample brief's handout and save a PNG of it as docs/img/handout.png.

Usage: python scripts/preview_handout.py [--theme NAME] [--dpi N] [--out PATH]
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


def handout_pdf(brief: Path, theme: str | None) -> bytes:
    """Return the handout for `brief` as PDF bytes."""
    from generator.backends.handout.backend import HandoutBackend
    from generator.paths import AssetPolicy
    from generator.workflow.prepare import prepare

    prepared = prepare(brief, theme, AssetPolicy(root=ROOT))
    buffer = io.BytesIO()
    HandoutBackend().render(prepared.story, prepared.theme, buffer)
    return buffer.getvalue()


def to_png(pdf: bytes, out: Path, dpi: int) -> None:
    """Write the first page of `pdf` to `out` as a PNG at `dpi`."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "handout.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(source),
                        str(Path(folder) / "page")], check=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(folder) / "page.png", out)


def main(argv: list[str] | None = None) -> int:
    """Render the preview; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", default=None, help="theme name or path (default: the brief's own)")
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "handout.png")
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is not installed (it comes with poppler-utils)", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    to_png(handout_pdf(SAMPLE, args.theme), args.out, args.dpi)
    print(args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
