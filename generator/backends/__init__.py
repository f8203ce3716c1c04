"""Output formats. A plugin needs one import:

    from generator.backends import Backend, Notice, RenderError, Story, Theme, build_time

`Backend` is the protocol a backend class follows, `Story` and `Theme` are what it draws, a
`Notice` is a warning placed at a field of the brief, `RenderError` refuses a story, and
`build_time()` is the timestamp to write into a document so builds are reproducible. Backends
are found through the `briefgen.backends` entry-point group (`registry`). Importing this
package imports no rendering library and not the brief model.
"""

from generator.backends.base import Backend, Notice, RenderError
from generator.reproducible import build_time
from generator.story import Story
from generator.theme.model import Theme

__all__ = ["Backend", "Notice", "RenderError", "Story", "Theme", "build_time"]
