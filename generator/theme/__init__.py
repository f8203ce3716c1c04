"""Themes: brand.yml files resolved over the built-in default into one `Theme`.

`model` (the resolved theme backends receive) is plain dataclasses; resolving (`resolve`) reads
YAML, validates with pydantic and brand_yml, and checks colours, fonts and logos: `locate` finds
the file, `settings`, `palette`, `typefaces` and `logo` resolve one part each.
"""
