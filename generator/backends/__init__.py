"""Output formats: the backend protocol and the registry that finds installed backends."""

from generator.backends.base import Backend, Notice, RenderError
from generator.backends.registry import available, get_backend

__all__ = ["Backend", "Notice", "RenderError", "available", "get_backend"]
