"""`python -m generator` does what `briefgen` does."""

from generator.cli import run

run()
