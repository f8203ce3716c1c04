"""Fonts and text measurement shared by the backends, so the deck and the handout agree on widths."""
