"""Pause Python's cyclic garbage collector while the command line imports its libraries.

Importing pydantic, python-pptx and reportlab creates hundreds of thousands of objects, and the
collector scans them again and again as they appear: ~40 ms of a cold build's CPU. The command
line pauses it as it starts; once a process has loaded what it needs, the collector resumes,
with everything loaded so far set aside so that later collections skip it. Library callers
never have it paused, so resuming does nothing for them.
"""

from __future__ import annotations

import gc


def pause() -> None:
    """Stop automatic collection (the command line calls this first)."""
    gc.disable()


def resume() -> None:
    """Collect automatically again, skipping every object that exists now; no-op unless paused."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
