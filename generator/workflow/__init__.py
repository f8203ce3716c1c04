"""Brief + theme + backends -> files: prepare, render, write atomically, skip what is unchanged;
batches and watch mode. Importing this package imports nothing heavy."""
