"""The benchmark script runs end to end (its --quick mode); timings are not asserted here."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

ROWS = ("bare-library floor", "cold build of the sample", "cold build on a PowerPoint template",
        "peak memory of the sample build", "cold build of the sample's handout, tagged",
        "the handout drawn again in one process, tagged", "pull of the sample's deck",
        "cold validate", "cold --help", "batch of 10 briefs",
        "brief with 20 speakers", "brief with 200 speakers", "brief with 400 speakers",
        "watch: save -> both outputs replaced", "watch: save noticed -> rebuilt",
        "preview: save -> new handout picture", "preview: save -> new slide pictures")


def test_quick_benchmark_prints_every_row():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    for row in ROWS:
        assert any(line.startswith(f"| {row}") for line in table), (row, done.stdout)
    assert "nan" not in done.stdout
