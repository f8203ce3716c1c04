"""Render README previews of decks: docs/img/deck-1.png .. deck-6.png.

The sample deck's cover, glance, first speaker and priorities (deck-1 .. deck-4, in its own
theme), then a brief with little to say (tests/briefs/two-priorities.yaml, default theme):
its priorities and its takeaways (deck-5, deck-6), set as statements.

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
from generator.story import Story  # noqa: E402
from generator.workflow.prepare import prepare  # noqa: E402

# (brief, theme or None for the brief's own, the kinds of slide shown: the first of each)
PREVIEWS = (
    (ROOT / "briefs" / "film-tech-symposium.yaml", None, ("cover", "glance", "speaker", "priorities")),
    (ROOT / "tests" / "briefs" / "two-priorities.yaml", "default", ("priorities", "takeaways")),
)
OUT = ROOT / "docs" / "img"
WIDTH_PX = 960


def slide_numbers(story: Story, kinds: tuple[str, ...]) -> list[int]:
    """Return the 1-based slide number of the first section of each shown kind."""
    shown = [s.kind.value for s in story.sections]
    return [shown.index(kind) + 1 for kind in kinds if kind in shown]


def main() -> int:
    """Write the preview PNGs; return the exit status."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        print("preview_deck: needs LibreOffice (soffice) and pdftoppm", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    written = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n, (brief, theme, kinds) in enumerate(PREVIEWS):
            p = prepare(brief, theme, AssetPolicy(root=ROOT))
            deck = folder / f"deck{n}.pptx"
            buf = io.BytesIO()
            DeckBackend().render(p.story, p.theme, buf)
            deck.write_bytes(buf.getvalue())
            subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}",
                            "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
                           check=True, capture_output=True)
            for number in slide_numbers(p.story, kinds):
                written += 1
                target = OUT / f"deck-{written}"
                subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", str(number), "-l",
                                str(number), "-scale-to-x", str(WIDTH_PX), "-scale-to-y", "-1",
                                str(deck.with_suffix(".pdf")), str(target)], check=True)
                print(f"wrote {target.relative_to(ROOT)}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
