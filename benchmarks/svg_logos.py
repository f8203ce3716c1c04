"""How long one SVG logo takes to draw: checked, made a ReportLab drawing, measured by its ink,
and rasterised as PowerPoint's PNG fallback (the target is at most 50 ms a logo).

    python benchmarks/svg_logos.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from generator import svg

LOGOS = sorted((Path(__file__).resolve().parent.parent / "tests" / "briefs" / "logos").glob("*.svg"))
ROUNDS = 20


def main() -> None:
    """Print the median and worst time per logo, after one warm-up draw of each."""
    for path in LOGOS:
        data = path.read_bytes()
        svg.png(data, 200)  # imports and caches outside the measurement
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            svg.visible_box(data)
            svg.png(data, 200)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{path.name}: median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms")


if __name__ == "__main__":
    main()
