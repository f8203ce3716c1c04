"""Pictures of the real outputs: the handout rasterised by poppler, the deck as LibreOffice draws it."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import threading
from pathlib import Path

from generator.workflow.preview.board import SlideInfo

HANDOUT_DPI = 80
SLIDE_DPI = 60  # a 13.33 in slide is 800 px wide: sharp enough in a column, quick to draw
# JPEG, not PNG: pdftoppm encodes a page in a fifth of the time (0.02 s against 0.11 s for the
# handout), which is most of what stands between a save and the picture; at 90 text stays crisp.
JPEG = ("-jpeg", "-jpegopt", "quality=90")
# The programs that draw the pictures, by the Debian package that installs each.
PACKAGES = {"LibreOffice": "libreoffice-impress", "pdftoppm": "poppler-utils"}
SPARE_EXIT_S = 2.0  # a LibreOffice that converted a deck has ended by then


class Stopped(Exception):
    """The preview is stopping; the drawing in progress was abandoned."""


class Drawer:
    """Runs pdftoppm and LibreOffice in a private folder; `stop()` ends whatever is running.

    LibreOffice is kept started: a `--convert-to` run that finds an instance already running on
    its profile hands the deck over and waits, which takes a third of a cold start (0.5 s against
    1.5 s for the sample on two cores). The instance ends after that one conversion, so the
    next one is started at once, while the author is still typing.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.soffice = shutil.which("soffice") or shutil.which("libreoffice")
        self.pdftoppm = shutil.which("pdftoppm")
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[bytes]] = set()
        self._spare: subprocess.Popen[bytes] | None = None  # a LibreOffice waiting for a deck
        self._stopped = False
        # One profile for the whole preview: the started instance and each conversion share it.
        self._office = [f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}", "--headless",
                        "--norestore", "--nolockcheck"]

    def missing(self) -> list[str]:
        """Return the names of the programs the pictures need that this machine lacks."""
        found = {"LibreOffice": self.soffice, "pdftoppm": self.pdftoppm}
        return [name for name, command in found.items() if command is None]

    def handout(self, pdf: bytes) -> bytes | None:
        """Return the handout's first page as JPEG bytes, or None without poppler."""
        if self.pdftoppm is None:
            return None
        folder = self._fresh("handout")
        source = folder / "handout.pdf"
        source.write_bytes(pdf)
        self._run([self.pdftoppm, *JPEG, "-r", str(HANDOUT_DPI), "-f", "1", "-l", "1", "-singlefile",
                   str(source), str(folder / "page")], timeout=30)
        return (folder / "page.jpg").read_bytes()

    def slides(self, pptx: bytes) -> list[bytes]:
        """Return each slide as LibreOffice draws it, as JPEG bytes in order ([] without it)."""
        if self.soffice is None or self.pdftoppm is None:
            return []
        folder = self._fresh("deck")
        source = folder / "deck.pptx"
        source.write_bytes(pptx)
        self._run([self.soffice, *self._office, "--convert-to", "pdf", "--outdir", str(folder),
                   str(source)], timeout=120)
        pdf = folder / "deck.pdf"
        if not pdf.exists():
            self._end_spare()
            return []
        self._run([self.pdftoppm, *JPEG, "-r", str(SLIDE_DPI), str(pdf), str(folder / "slide")],
                  timeout=60)
        pages = sorted(folder.glob("slide-*.jpg"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [page.read_bytes() for page in pages]

    def stop(self) -> None:
        """End every running child (and LibreOffice's own children) and refuse new ones."""
        with self._lock:
            self._stopped = True
            running = list(self._running)
            spare, self._spare = self._spare, None
        for proc in running + ([spare] if spare else []):
            _end(proc)

    def start_spare(self) -> None:
        """Have a LibreOffice started and waiting for the next deck (call once a drawing is shown)."""
        with self._lock:
            spare = self._spare
        if spare is not None:
            try:
                # It ends just after the conversion it was handed: let it, for a deck handed to
                # an ending instance would wait for nothing. One that keeps serving is kept.
                spare.wait(SPARE_EXIT_S)
            except subprocess.TimeoutExpired:
                return
        with self._lock:
            if self._stopped or self.soffice is None or self.pdftoppm is None:
                return
            # Niced: while it starts, the next save's build and handout come first.
            nice = [found, "-n", "10"] if (found := shutil.which("nice")) else []
            self._spare = subprocess.Popen([*nice, self.soffice, *self._office, "--invisible"],
                                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL, start_new_session=True)

    def _end_spare(self) -> None:
        """End the waiting LibreOffice (after a failed conversion it may be the reason)."""
        with self._lock:
            spare, self._spare = self._spare, None
        if spare is not None:
            _end(spare)

    def _fresh(self, name: str) -> Path:
        """Return an empty folder `name` under the work folder."""
        folder = self.workdir / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder

    def _run(self, command: list[str], timeout: float) -> None:
        """Run `command` in its own process group, so that stopping can end all of it."""
        with self._lock:
            if self._stopped:
                raise Stopped()
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
            self._running.add(proc)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            _end(proc)
        finally:
            with self._lock:
                self._running.discard(proc)
        if self._stopped:
            raise Stopped()


def _end(proc: subprocess.Popen[bytes]) -> None:
    """Kill a child's whole process group (soffice starts soffice.bin) and reap the child."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def renderer_note(missing: list[str], drawn: bool) -> str:
    """Return what the page says when the slides are outlines: why, and what to install."""
    if drawn:
        return ""
    if not missing:
        return "LibreOffice could not draw this deck, so its slides are shown as outlines"
    handout = " and the handout without its picture" if "pdftoppm" in missing else ""
    verb, them = ("is", "it") if len(missing) == 1 else ("are", "them")
    packages = " ".join(PACKAGES[name] for name in missing)
    return (f"{' and '.join(missing)} {verb} not installed, so slides are shown as outlines{handout}; "
            f"install {them} (Debian/Ubuntu: apt-get install {packages}) and restart the preview")


def outline(pptx: bytes) -> list[SlideInfo]:
    """Return each slide's number, title and text lines, read from the deck with python-pptx."""
    from pptx import Presentation

    slides = []
    for number, slide in enumerate(Presentation(io.BytesIO(pptx)).slides, 1):
        texts = [shape.text_frame.text.strip() for shape in slide.shapes
                 if shape.has_text_frame and shape.text_frame.text.strip()]
        title_shape = slide.shapes.title
        title = title_shape.text_frame.text.strip() if title_shape is not None else ""
        if not title and texts:
            title = texts[0]
        body = [t for t in texts if t != title]
        slides.append(SlideInfo(number, title.replace("\n", " ") or f"Slide {number}", body))
    return slides


# Start-of-frame markers, which carry the picture's size (C4, C8 and CC are other segments).
FRAME_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Return a JPEG's (width, height) from its frame header, or None when it has none."""
    at = 2  # after the start-of-image marker
    while at + 9 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if marker in FRAME_MARKERS:
            return int.from_bytes(data[at + 7:at + 9], "big"), int.from_bytes(data[at + 5:at + 7], "big")
        at += 2 + int.from_bytes(data[at + 2:at + 4], "big")
    return None


def attach_warnings(slides: list[SlideInfo], warnings: list[str]) -> None:
    """Attach to each slide the warnings that name its title or its number ("slide N")."""
    for slide in slides:
        title = slide.title.casefold()
        for warning in warnings:
            text = warning.casefold()
            if (len(title) > 3 and title in text) or f"slide {slide.number}" in text:
                slide.warnings.append(warning)
