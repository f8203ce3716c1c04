"""Render README previews of the sample deck: docs/img/deck-1.png .. deck-4.png.

Needs LibreOffice (soffice) and pdftoppm. Run from anywhere: python scripts/preview_deck.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.backends.deck.backend import DeckBackend  # noqa: E402
from generator.paths import AssetPolicy  # noqa: E402
from generator.workflow.prepare import prepare  # noqa: E402

SAMPLE = ROOT / "briefs" / "film-tech-symposium.yaml"
OUT = ROOT / "docs" / "img"
# Which slides to show, by kind: the cover, at a glance, the first speaker, priorities.
SHOWN = ("cover", "glance", "speaker", "priorities")
WIDTH_PX = 960


def slide_numbers(story) -> list[int]:
    """Return the 1-based slide number of the first section of each shown kind."""
    kinds = [s.kind for s in story.sections]
    return [kinds.index(kind) + 1 for kind in SHOWN if kind in kinds]


def main() -> int:
    """Write the preview PNGs; return the exit status."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        print("preview_deck: needs LibreOffice (soffice) and pdftoppm", file=sys.stderr)
        return 1
    p = prepare(SAMPLE, None, AssetPolicy(root=ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        deck = folder / "sample.pptx"
        buf = io.BytesIO()
        DeckBackend().render(p.story, p.theme, buf)
        deck.write_bytes(buf.getvalue())
        subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
                       check=True, capture_output=True)
        OUT.mkdir(parents=True, exist_ok=True)
        for shown, number in enumerate(slide_numbers(p.story), 1):
            target = OUT / f"deck-{shown}"
            subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", str(number), "-l", str(number),
                            "-scale-to-x", str(WIDTH_PX), "-scale-to-y", "-1", str(folder / "sample.pdf"),
                            str(target)], check=True)
            print(f"wrote {target.relative_to(ROOT)}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
