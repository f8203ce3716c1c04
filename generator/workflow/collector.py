"""Pause Python's cyclic garbage collector while the command line imports its libraries.

Importing pydantic, python-pptx and reportlab creates hundreds of thousands of objects, and the
collector scans them again and again as they appear: ~40 ms of a cold build's CPU. The command
line pauses it as it starts; once a process has loaded what it needs, the collector resumes,
with everything loaded so far set aside so that later collections skip it. Library callers
never have it paused, so resuming does nothing for them.
"""

from __future__ import annotations

import gc

_paused = False  # by pause(), as opposed to by whoever hosts the library


def pause() -> None:
    """Stop automatic collection (the command line calls this first)."""
    global _paused
    _paused = gc.isenabled()
    gc.disable()


def resume() -> None:
    """Collect automatically again, skipping every object that exists now; a no-op unless
    pause() stopped it (a host that turned collection off itself keeps it off)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
