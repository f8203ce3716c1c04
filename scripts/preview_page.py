"""Photograph the sample brief's `briefgen preview` page and save it as docs/img/preview.png.

Usage: python scripts/preview_page.py [--brief PATH] [--size WxH] [--scale F] [--out PATH]
Needs chromium (the page is photographed in it), LibreOffice and poppler on the PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path("briefs") / "film-tech-symposium.yaml"
WAIT_S = 180.0  # LibreOffice's first start on a busy machine


def drawn_preview(brief: Path, work: Path) -> tuple[str, threading.Event, threading.Thread]:
    """Start a preview of `brief` and return (its address, its stop event, its thread) once drawn."""
    from generator.paths import AssetPolicy
    from generator.workflow.build import Options
    from generator.workflow.preview.board import Board
    from generator.workflow.preview.session import serve_preview

    stop = threading.Event()
    ready: dict[str, object] = {}
    thread = threading.Thread(target=serve_preview, args=([brief], Options(work / "out",
                              policy=AssetPolicy(ROOT))), kwargs={
        "open_browser": False, "stop": stop, "quiet": True,
        "ready": lambda url, board: ready.update(url=url, board=board)})
    thread.start()
    deadline = time.monotonic() + WAIT_S
    while True:
        board = ready.get("board")
        if isinstance(board, Board):
            view = board.views[0]
            if view.slides and not view.slides_pending and "handout" in view.pictures:
                return str(ready["url"]), stop, thread
        if time.monotonic() > deadline or not thread.is_alive():
            stop.set()
            thread.join()
            raise SystemExit("the preview did not draw its pictures in time")
        time.sleep(0.1)


def photograph(url: str, size: tuple[int, int], out: Path, work: Path) -> None:
    """Save a PNG of the page at `url` as headless Chromium shows it in a `size` window."""
    command = [shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
               "--no-first-run", "--disable-background-networking", "--hide-scrollbars",
               f"--user-data-dir={work / 'chromium'}", f"--window-size={size[0]},{size[1]}",
               f"--screenshot={out}", url]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def shrink(source: Path, out: Path, scale: float) -> None:
    """Write `source` scaled by `scale` to `out` as an optimised PNG (a 256-colour palette)."""
    from PIL import Image

    with Image.open(source) as image:
        rgb = image.convert("RGB")
        if scale != 1:
            size = (round(rgb.width * scale), round(rgb.height * scale))
            rgb = rgb.resize(size, Image.Resampling.LANCZOS)
        out.parent.mkdir(parents=True, exist_ok=True)
        rgb.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            out, optimize=True)


def main(argv: list[str] | None = None) -> int:
    """Photograph the preview page; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brief", type=Path, default=SAMPLE, help="relative to the project")
    parser.add_argument("--size", default="1280x1220", help="the browser window, in CSS pixels")
    parser.add_argument("--scale", type=float, default=1.0, help="how much to shrink the picture")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "preview.png")
    args = parser.parse_args(argv)
    if shutil.which("chromium") is None:
        print("chromium is not installed (Debian/Ubuntu: apt-get install chromium)", file=sys.stderr)
        return 1
    width, height = (int(n) for n in args.size.split("x"))
    out = args.out.resolve()
    # Relative paths, so that the problems on the page name the brief as a reader's project would.
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        url, stop, thread = drawn_preview(args.brief, work)
        try:
            photograph(url, (width, height), work / "page.png", work)
        finally:
            stop.set()
            thread.join()
        shrink(work / "page.png", out, args.scale)
    print(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
