"""The one-page PDF handout: the story condensed onto one sheet and drawn with ReportLab."""

from generator.backends.handout.backend import HandoutBackend

__all__ = ["HandoutBackend"]
