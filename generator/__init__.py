"""The briefgen package."""
