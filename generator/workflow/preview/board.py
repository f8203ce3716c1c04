"""The in-memory table of what the preview shows: per brief, its pictures, problems and build."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem


@dataclass
class SlideInfo:
    """One slide as the page lists it: its number, title, outline text and warnings."""

    number: int
    title: str
    text: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class BriefView:
    """Everything the page knows about one brief; pictures are JPEG bytes keyed by fixed names."""

    index: int
    path: Path
    build: int = 0
    pictures: dict[str, bytes] = field(default_factory=dict)
    slides: list[SlideInfo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stale: bool = False  # the pictures are from an older build than the brief on disk
    slides_pending: bool = False
    renderer_note: str = ""  # e.g. how to install LibreOffice when slides are outlines


class Board:
    """Thread-safe table of BriefViews; `version` grows on every change, waking event streams."""

    def __init__(self, paths: list[Path]) -> None:
        self._lock = threading.Condition()
        self.views = [BriefView(i, p) for i, p in enumerate(paths)]
        self.version = 0

    def picture(self, index: int, build: int, name: str) -> bytes | None:
        """Return the named picture of brief `index` if `build` is its current build."""
        with self._lock:
            if not 0 <= index < len(self.views):
                return None
            view = self.views[index]
            if view.build != build:
                return None
            return view.pictures.get(name)

    def snapshot(self, index: int) -> BriefView | None:
        """Return a copy of brief `index`'s view (pictures shared, lists copied), or None."""
        with self._lock:
            if not 0 <= index < len(self.views):
                return None
            v = self.views[index]
            return BriefView(v.index, v.path, v.build, dict(v.pictures), list(v.slides),
                             list(v.warnings), list(v.errors), v.stale, v.slides_pending,
                             v.renderer_note)

    def show_problems(self, index: int, warnings: list[Problem], errors: list[Problem],
                      stale: bool | None = None) -> None:
        """Record a build's problems; with errors (unless `stale` says otherwise: a deck left in
        place is an error of a build that drew everything), keep the last pictures but mark them
        stale."""
        with self._lock:
            view = self.views[index]
            view.warnings = [str(p) for p in warnings]
            view.errors = [str(p) for p in errors]
            view.stale = bool(errors) if stale is None else stale
            self._changed()

    def show_handout(self, index: int, picture: bytes | None) -> None:
        """Publish a new build whose handout picture is `picture`; the slides follow later."""
        with self._lock:
            view = self.views[index]
            view.build += 1
            pictures = {k: v for k, v in view.pictures.items() if k.startswith("slide-")}
            if picture is not None:
                pictures["handout"] = picture
            view.pictures = pictures
            view.slides_pending = True
            self._changed()

    def show_slides(self, index: int, slides: list[SlideInfo], drawn: list[bytes], note: str) -> None:
        """Publish the slides' pictures (or outlines when `drawn` is empty) as a new build."""
        with self._lock:
            view = self.views[index]
            view.build += 1
            pictures = {k: v for k, v in view.pictures.items() if not k.startswith("slide-")}
            pictures.update({f"slide-{n}": jpeg for n, jpeg in enumerate(drawn, 1)})
            view.pictures = pictures
            view.slides = slides
            view.slides_pending = False
            view.renderer_note = note
            self._changed()

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """Block until `version` differs from `seen` or `timeout` passes; return the version."""
        with self._lock:
            self._lock.wait_for(lambda: self.version != seen, timeout)
            return self.version

    def wake(self) -> None:
        """Wake every waiting event stream (used when stopping)."""
        with self._lock:
            self._lock.notify_all()

    def _changed(self) -> None:
        """Count a change and wake the event streams; the caller holds the lock."""
        self.version += 1
        self._lock.notify_all()
