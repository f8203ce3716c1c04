"""Measure briefgen against its budget: `python benchmarks/run.py [--quick] [--runs N]`.

Each figure is the median of several runs of a fresh process, so imports are paid every time,
as they are when someone saves a brief and the tool starts cold. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "briefs" / "film-tech-symposium.yaml"
BRIEFGEN = [sys.executable, "-m", "generator"]


def timed(args: list[str], cwd: Path, allowed: tuple[int, ...] = (0,)) -> tuple[float, int, float]:
    """Run a command; return its wall time in seconds, its peak memory in MB, and the CPU
    seconds it and the processes it waited for used."""
    start = time.perf_counter()
    child = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    err = child.stderr.read().decode()
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) not in allowed:
        raise SystemExit(f"{' '.join(args)} failed:\n{err}")
    return elapsed, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def median_of(runs: int, args: list[str], cwd: Path, allowed: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Return the median time and the largest peak memory over `runs` runs."""
    samples = [timed(args, cwd, allowed) for _ in range(runs)]
    return statistics.median(t for t, _, _ in samples), max(m for _, m, _ in samples)


def peak_mb(args: list[str], cwd: Path) -> int:
    """Return the largest resident memory, in MB, of `args` and every process it forks
    (whatever its exit status: the 200-speaker build is expected to fail)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], "
             "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", probe, *args], cwd=cwd, capture_output=True,
                          text=True)
    return int(done.stdout.strip() or 0) // 1024


def paired(runs: int, first: list[str], second: list[str], cwd: Path) -> tuple[float, float, float, float]:
    """Return the median wall and CPU times of two commands run alternately:
    (first wall, second wall, first CPU, second CPU)."""
    a, b = [], []
    for _ in range(max(runs, 3)):
        a.append(timed(first, cwd))
        b.append(timed(second, cwd))
    return (statistics.median(t for t, _, _ in a), statistics.median(t for t, _, _ in b),
            statistics.median(c for _, _, c in a), statistics.median(c for _, _, c in b))


def speaker_brief(count: int, index: int = 0) -> str:
    """Return the YAML of a generated brief with `count` speakers."""
    speakers = [{"name": f"Speaker {i} of brief {index}", "title": "Director",
                 "organization": "China Film Administration", "topic": "Film technology",
                 "points": [f"Point {j}: technology changes the creative process." for j in range(3)]}
                for i in range(count)]
    brief = {"version": 1, "event": {"title": f"Generated symposium {index}",
                                     "summary": "A generated brief for benchmarks. " * 3},
             "hosts": ["China Film Administration"], "speakers": speakers,
             "priorities": [{"title": f"Priority {k}", "detail": "Why it matters."} for k in range(4)],
             "takeaways": ["Something to remember."] * 4}
    return yaml.safe_dump(brief, sort_keys=False)


# What the edit guard adds to a build, in a fresh process: importing it, reading the record,
# hashing the deck on disk and each output written. What the build imports anyway comes first.
GUARD_PROBE = """
import sys, time
from pathlib import Path
import generator.workflow.outputs, generator.workflow.records, generator.errors
start = time.perf_counter()
from generator.workflow.guard import DeckGuard
from generator.workflow.records import BuildRecord, bytes_digest
out, stem = Path(sys.argv[1]), sys.argv[2]
guard = DeckGuard(BuildRecord(out, stem), force=False)
assert guard.check(out / (stem + ".pptx")).kind == "ours"
for name in (".pptx", ".pdf"):
    bytes_digest((out / (stem + name)).read_bytes())
print(time.perf_counter() - start)
"""


def guard_cost(out: Path, runs: int) -> float:
    """Return the median seconds the edit guard adds to a build of the sample into `out`."""
    probe = [sys.executable, "-c", GUARD_PROBE, str(out), SAMPLE.stem]
    return statistics.median(float(subprocess.run(probe, check=True, capture_output=True,
                                                  text=True).stdout)
                             for _ in range(max(runs, 5)))


# An editor's change to the built sample: the first takeaway typed over (python-pptx, once).
EDIT_PROBE = """
import sys
from pptx import Presentation
deck = Presentation(sys.argv[1])
for shape in deck.slides[len(deck.slides) - 2].shapes:
    if shape.name.startswith("Key takeaways | briefgen:") and shape.has_text_frame:
        run = shape.text_frame.paragraphs[0].runs[0]
        run.text = run.text + " (revised)"
        break
deck.save(sys.argv[1])
"""


def bench_pull(work: Path, runs: int) -> float:
    """Return the median seconds of `briefgen pull --dry-run` on the sample's deck with one
    field edited (a copy of the sample, so its brief is never written)."""
    folder = work / "pull"
    folder.mkdir()
    brief = folder / SAMPLE.name
    brief.write_bytes(SAMPLE.read_bytes())
    shutil.copytree(SAMPLE.parent / "sources", folder / "sources")  # its quotes' source text
    subprocess.run([*BRIEFGEN, "build", str(brief), "-o", str(folder / "o"), "-f", "pptx", "-q"],
                   cwd=folder, check=True)
    deck = folder / "o" / f"{SAMPLE.stem}.pptx"
    subprocess.run([sys.executable, "-c", EDIT_PROBE, str(deck)], check=True)
    seconds, _ = median_of(runs, [*BRIEFGEN, "pull", str(deck), "--dry-run"], folder)
    return seconds


# The sample's handout drawn in one process, tagged as built, then with tagging switched off
# (no structure marked while drawing, no pikepdf pass): what PDF/UA tagging costs.
TAGGING_PROBE = """
import io, statistics, sys, time
from generator.workflow.prepare import prepare
from generator.backends.handout import HandoutBackend, backend
from generator.pdftags import marks
prep = prepare(sys.argv[1])
def median(count):
    times = []
    for _ in range(count):
        start = time.perf_counter()
        HandoutBackend().render(prep.story, prep.theme, io.BytesIO())
        times.append(time.perf_counter() - start)
    return statistics.median(times)
count = int(sys.argv[2])
median(3)
tagged = median(count)
backend.finish = lambda data, *args, **kwargs: data
marks.tagger_of = lambda canv: None
median(3)
print(tagged, median(count))
"""


# A cold `build -f pdf` with tagging switched off before anything is imported: pikepdf is never
# loaded, nothing is marked, no pass is made. Run beside the real build, it gives what tagging
# costs the handout's cold build, where pikepdf is imported while the brief is checked.
UNTAGGED_BUILD = """
import sys, types
sys.modules["pikepdf"] = types.ModuleType("pikepdf")
from generator.pdftags import finish, marks
finish.finish = lambda data, *args, **kwargs: data
marks.tagger_of = lambda canv: None
from generator.cli import main
main(sys.argv[1:])
"""


def tagging_cost(runs: int) -> tuple[float, float]:
    """Return the median seconds of drawing the sample's handout, tagged and untagged."""
    probe = [sys.executable, "-c", TAGGING_PROBE, str(SAMPLE), str(max(10, 4 * runs))]
    tagged, untagged = subprocess.run(probe, check=True, capture_output=True, text=True).stdout.split()
    return float(tagged), float(untagged)


def bench_watch(work: Path, runs: int) -> tuple[float, float]:
    """Return median seconds from a save to both outputs replaced, and from the watcher
    noticing the save to the rebuild's end (as `briefgen watch` reports it)."""
    brief = work / "watched.yaml"
    brief.write_text(SAMPLE.read_text())
    out = work / "watch-out"
    child = subprocess.Popen([*BRIEFGEN, "watch", str(brief), "-o", str(out)], cwd=work,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    reported: list[float] = []
    try:
        while "watching" not in child.stderr.readline():
            pass

        def read_reports() -> None:
            for line in child.stderr:
                if line.startswith("rebuilt in "):
                    reported.append(float(line.split()[2]))
        threading.Thread(target=read_reports, daemon=True).start()
        samples = []
        targets = [out / "watched.pptx", out / "watched.pdf"]
        for n in range(runs):
            before = [t.stat().st_mtime_ns for t in targets]
            time.sleep(0.3)
            start = time.perf_counter()
            brief.write_text(SAMPLE.read_text().replace("Pingyao,", f"Pingyao ({n}),"))
            while any(t.stat().st_mtime_ns == b for t, b in zip(targets, before, strict=True)):
                if time.perf_counter() - start > 10:
                    raise SystemExit("watch did not rebuild within 10 s")
                time.sleep(0.005)
            samples.append(time.perf_counter() - start)
        time.sleep(0.2)
        return statistics.median(samples), statistics.median(reported or [float("nan")])
    finally:
        child.terminate()
        child.wait()


def bench_preview(work: Path, runs: int, pause: float = 2.0) -> tuple[float, float] | None:
    """Return median seconds from a save during `briefgen preview` to the page's new handout
    picture, and to its new slide pictures (None without LibreOffice, which draws the slides,
    or poppler, which turns them and the handout into pictures).
    Each save comes `pause` seconds after the page showed the last one's slides."""
    import json
    import urllib.request

    if (shutil.which("soffice") or shutil.which("libreoffice")) is None or shutil.which("pdftoppm") is None:
        return None
    brief = work / "previewed.yaml"
    brief.write_text(SAMPLE.read_text())
    child = subprocess.Popen([*BRIEFGEN, "preview", str(brief), "--no-browser", "-q", "-o",
                              str(work / "preview-out")], cwd=work, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        while not line.startswith("preview at "):
            line = child.stderr.readline()
            if not line:
                raise SystemExit("briefgen preview stopped before serving")
        threading.Thread(target=child.stderr.read, daemon=True).start()  # never let it block
        url = line.split()[2] + "state/0.json"

        def state() -> dict:
            with urllib.request.urlopen(url, timeout=10) as response:
                return json.loads(response.read())

        def pictures(now: dict) -> tuple[str | None, list[str | None]]:
            handout = now["handout"]["src"] if now["handout"] else None
            return handout, [s["picture"]["src"] if s["picture"] else None for s in now["slides"]]

        def drawn(now: dict) -> bool:
            return not now["pending"] and bool(now["slides"]) and all(pictures(now)[1])

        handouts, slides = [], []
        for n in range(-1, runs):  # the first save is not timed: LibreOffice's first start
            start = time.perf_counter()
            while not drawn(before := state()):
                if time.perf_counter() - start > 120:
                    raise SystemExit("the preview did not draw its slides within 120 s")
                time.sleep(0.05)
            old_handout, old_slides = pictures(before)
            time.sleep(pause)
            start = time.perf_counter()
            brief.write_text(SAMPLE.read_text().replace("Pingyao,", f"Pingyao ({n}),"))
            handout = None
            while True:
                now, elapsed = state(), time.perf_counter() - start
                new_handout, new_slides = pictures(now)
                if handout is None and new_handout not in (None, old_handout):
                    handout = elapsed
                if handout is not None and drawn(now) and new_slides != old_slides:
                    break
                if elapsed > 60:
                    raise SystemExit("the preview did not redraw within 60 s")
                time.sleep(0.01)
            if n >= 0:
                handouts.append(handout)
                slides.append(elapsed)
        return statistics.median(handouts), statistics.median(slides)
    finally:
        child.terminate()
        child.wait()


def main() -> None:
    """Run every benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one run each, a batch of 10 (smoke test)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    batch_size = 10 if args.quick else 100
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ.setdefault("XDG_CACHE_HOME", str(work / "cache"))
        # Measured as installed: pip compiles a wheel's modules to bytecode, so the briefgen
        # being timed has its bytecode too (an environment may forbid writing it).
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        compileall.compile_dir(str(ROOT / "generator"), quiet=1)
        # Floor and build runs alternate, so a busy moment on the machine hits both alike.
        floor_cmd = [sys.executable, str(ROOT / "benchmarks" / "floor.py"), str(work)]
        build_cmd = [*BRIEFGEN, "build", str(SAMPLE), "-o", str(work / "o"), "--force", "-q"]
        floor, build, floor_cpu, build_cpu = paired(runs, floor_cmd, build_cmd, work)
        rows.append(("bare-library floor (8-slide deck + 1-page PDF)", f"{floor:.3f} s", ""))
        rows.append(("cold build of the sample, pptx + pdf", f"{build:.3f} s",
                     f"{build / floor:.2f} x floor (budget 1.4 x)"))
        rows.append(("CPU time of that build, all processes", f"{build_cpu:.3f} s",
                     f"{build_cpu / floor_cpu:.2f} x the floor's {floor_cpu:.3f} s, spread on the cores"))
        guard = guard_cost(work / "o", runs)
        rows.append(("edit guard in that build (record, deck and outputs hashed)",
                     f"{guard * 1000:.1f} ms", f"{guard / build:.1%} of the cold build (budget 5 %)"))
        template = work / "template.pptx"
        subprocess.run([sys.executable, "-c", f"import pptx; pptx.Presentation().save({str(template)!r})"],
                       check=True)
        plain, on_template, _, _ = paired(runs, build_cmd, [*build_cmd, "-t", str(template)], work)
        rows.append(("cold build on a PowerPoint template (python-pptx's)", f"{on_template:.3f} s",
                     f"{on_template / plain:.2f} x the built-in theme's {plain:.3f} s (budget 1.5 x)"))
        build_mem = peak_mb(build_cmd, work)
        rows.append(("peak memory of the sample build", f"{build_mem} MB",
                     "largest process of the build; budget 80 MB"))
        unchanged, _ = median_of(runs, [*BRIEFGEN, "build", str(SAMPLE), "-o", str(work / "o"), "-q"],
                                 work)
        rows.append(("build with nothing changed (skipped)", f"{unchanged:.3f} s",
                     "reads and checks the brief, writes nothing"))
        for label, cmd in (("cold validate", ["validate", str(SAMPLE)]), ("cold --help", ["--help"])):
            seconds, _ = median_of(runs, [*BRIEFGEN, *cmd], work)
            rows.append((label, f"{seconds:.3f} s", "imports neither pptx nor reportlab"))
        handout = ["build", str(SAMPLE), "-o", str(work / "h"), "-f", "pdf", "--force", "-q"]
        cold_tagged, cold_untagged, _, _ = paired(
            runs, [*BRIEFGEN, *handout], [sys.executable, "-c", UNTAGGED_BUILD, *handout], work)
        rows.append(("cold build of the sample's handout, tagged (PDF/UA-1)",
                     f"{cold_tagged:.3f} s", f"{cold_tagged / cold_untagged - 1:+.1%} on untagged "
                     f"{cold_untagged:.3f} s (budget 10 %)"))
        tagged, untagged = tagging_cost(runs)
        rows.append(("the handout drawn again in one process, tagged", f"{tagged * 1000:.1f} ms",
                     f"{tagged / untagged - 1:+.1%} on untagged {untagged * 1000:.1f} ms "
                     "(as watch and the preview draw it)"))
        pulled = bench_pull(work, max(3, runs))
        rows.append(("pull of the sample's deck, one field edited (--dry-run)", f"{pulled:.3f} s",
                     "budget 0.5 s; imports neither pptx nor reportlab"))
        rows.append(_batch(work, batch_size, runs))
        for count in (20, 200, 400):
            path = work / f"speakers{count}.yaml"
            path.write_text(speaker_brief(count))
            # 200 and 400 speakers do not fit a one-page handout as they are: it condenses
            # (names in columns, then counted), the costliest path of the fitting search.
            args = [*BRIEFGEN, "build", str(path), "-o", str(work / "o"), "--force", "-q"]
            seconds, _ = median_of(max(1, runs // 2), args, work)
            mem = peak_mb(args, work)
            rows.append((f"brief with {count} speakers", f"{seconds:.3f} s", f"peak {mem} MB"))
        saved, noticed = bench_watch(work, max(3, runs))
        rows.append(("watch: save -> both outputs replaced", f"{saved:.3f} s",
                     "includes the watcher's 40 ms quiet period"))
        rows.append(("watch: save noticed -> rebuilt", f"{noticed:.3f} s", "budget 0.15 s"))
        drawn = bench_preview(work, max(3, runs))
        handout, slides = (f"{s:.3f} s" for s in drawn) if drawn else ("no LibreOffice or poppler",) * 2
        rows.append(("preview: save -> new handout picture", handout, "budget 0.5 s"))
        rows.append(("preview: save -> new slide pictures", slides,
                     "LibreOffice draws the deck; saves 2 s apart; budget 3 s"))
    print_table(rows)


def _batch(work: Path, size: int, runs: int) -> tuple[str, str, str]:
    folder = work / "batch"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "briefs").mkdir(parents=True)
    for i in range(size):
        (folder / "briefs" / f"b{i:03}.yaml").write_text(speaker_brief(3, i))
    seconds, _ = median_of(max(1, runs // 2), [*BRIEFGEN, "build", "--force", "-q"], folder)
    return (f"batch of {size} briefs, pptx + pdf ({os.cpu_count()} cores)", f"{seconds:.2f} s",
            "budget 4 s for 100 on 2 cores")


def print_table(rows: list[tuple[str, str, str]]) -> None:
    """Print the results as a Markdown table with the machine they were measured on."""
    print(f"Measured on {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()} {time.strftime('%Y-%m-%d')}\n")
    print("| measure | result | note |")
    print("| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
