"""The brief: its pydantic model, the strict loader that keeps line numbers, its schema, the starter.

Nothing here knows about themes or backends; a loaded brief is turned into a story by `story.py`.
"""
