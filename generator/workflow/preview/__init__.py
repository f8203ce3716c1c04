"""`briefgen preview`: a live page on 127.0.0.1 showing the real slides and handout of each brief.

`session.serve_preview` is the entry point; nothing here is imported until the command runs.
"""
