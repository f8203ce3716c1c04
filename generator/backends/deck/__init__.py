"""The PowerPoint briefing deck: slides planned by measurement and drawn with python-pptx."""

from generator.backends.deck.backend import DeckBackend

__all__ = ["DeckBackend"]
