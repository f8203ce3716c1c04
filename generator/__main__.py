"""`python -m generator` does what `briefgen` does."""

from .cli import run

run()
