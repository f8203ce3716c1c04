"""The presenter's script: every slide's number, title and speaker notes in large type (ReportLab)."""

from generator.backends.script.backend import ScriptBackend

__all__ = ["ScriptBackend"]
