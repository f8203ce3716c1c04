"""The preview's page and the JSON state its script draws from (script and style: `assets.py`)."""

from __future__ import annotations

import html
import json

from generator.workflow.preview.board import BriefView, SlideInfo
from generator.workflow.preview.pictures import jpeg_size

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - briefgen preview</title>
<link rel="stylesheet" href="/preview.css"></head>
<body data-brief="{index}" class="{classes}">
<header><h1>briefgen preview</h1><nav aria-label="Briefs">{nav}</nav>
<p id="status" role="status">{status}</p></header>
<main>
<section aria-labelledby="slides-h"><h2 id="slides-h">Slides <span id="slide-count">{count}</span></h2>
<ol id="slides">{slides}</ol></section>
<aside>
<section id="problems" class="panel" aria-labelledby="problems-h">
<h2 id="problems-h">Problems <span id="count">{problems}</span></h2>
<ul id="errors">{errors}</ul><ul id="warnings">{warnings}</ul>
<p id="clean"{clean}>No problems.</p><p id="note"{no_note}>{note}</p></section>
<section class="panel" aria-labelledby="handout-h"><h2 id="handout-h">Handout</h2>
<div id="handout">{handout}</div></section>
</aside>
</main>
<script src="/preview.js"></script>
</body></html>
"""
STATUS = {"stale": "Out of date: the brief has errors", "pending": "Drawing the slides\u2026"}


def page(names: list[str], view: BriefView) -> str:
    """Return the HTML page listing every brief by name and showing `view` as it is now.

    The first drawing is in the HTML itself (the page reads without its script); the script
    then keeps it up to date, building the same elements.
    """
    esc = html.escape
    links = []
    for index, name in enumerate(names):
        current = ' aria-current="page"' if index == view.index else ""
        links.append(f'<a href="/?brief={index}"{current}>{esc(name)}</a>')
    nav = "".join(links) if len(names) > 1 else f"<span>{esc(view.path.name)}</span>"
    problems = len(view.errors) + len(view.warnings)
    return PAGE.format(
        title=esc(view.path.name), index=view.index, classes=" ".join(_classes(view)), nav=nav,
        status=_status(view), count=len(view.slides) or "",
        slides="".join(_slide(view, s) for s in view.slides), problems=problems or "",
        errors=_items(view.errors, "error"), warnings=_items(view.warnings, "warning"),
        clean=" hidden" if problems else "", no_note="" if view.renderer_note else " hidden",
        note=esc(view.renderer_note), handout=_img(view, "handout", "The handout"))


def _slide(view: BriefView, s: SlideInfo) -> str:
    """Return one slide's list item: its picture (or outline), number, title and warnings."""
    esc = html.escape
    picture = _img(view, f"slide-{s.number}", f"Slide {s.number}: {s.title}")
    outline = "" if picture else f'<ul class="outline">{_items(s.text, "text")}</ul>'
    return (f'<li class="slide" id="slide-{s.number}">{picture}{outline}<div class="caption">'
            f'<span class="number">{s.number}</span><strong>{esc(s.title)}</strong></div>'
            f'<ul class="slide-warnings">{_items(s.warnings, "warning")}</ul></li>')


def _classes(view: BriefView) -> list[str]:
    """Return the body's classes: `stale` with errors, `pending` while the slides are drawn."""
    if view.stale:
        return ["stale"]
    return ["pending"] if view.slides_pending else []


def _status(view: BriefView) -> str:
    """Return the status line as the script also writes it."""
    if view.stale:
        return STATUS["stale"]
    return STATUS["pending"] if view.slides_pending else f"Up to date \u00b7 build {view.build}"


def _items(texts: list[str], cls: str) -> str:
    """Return `texts` as escaped list items of class `cls`."""
    return "".join(f'<li class="{cls}">{html.escape(t)}</li>' for t in texts)


def _img(view: BriefView, name: str, alt: str) -> str:
    """Return the picture's <img> element with its size, or "" when the view has no such picture."""
    picture = _picture(view, name)
    if picture is None:
        return ""
    return (f'<img src="{picture["src"]}" width="{picture["width"]}" height="{picture["height"]}" '
            f'alt="{html.escape(alt)}">')


def _picture(view: BriefView, name: str) -> dict[str, object] | None:
    """Return a picture's cache-busting URL and pixel size, or None when the view has no such picture.

    The size lets the browser lay the page out before the pictures arrive, so nothing moves
    under the reader when they do.
    """
    data = view.pictures.get(name)
    if data is None:
        return None
    width, height = jpeg_size(data) or (0, 0)
    return {"src": f"/img/{view.index}/{view.build}/{name}.jpg", "width": width, "height": height}


def state(view: BriefView) -> str:
    """Return the JSON the script draws brief `view` from: problems, slides and pictures."""
    return json.dumps({
        "brief": view.index,
        "name": view.path.name,
        "build": view.build,
        "stale": view.stale,
        "pending": view.slides_pending,
        "errors": view.errors,
        "warnings": view.warnings,
        "note": view.renderer_note,
        "handout": _picture(view, "handout"),
        "slides": [{"number": s.number, "title": s.title, "text": s.text, "warnings": s.warnings,
                    "picture": _picture(view, f"slide-{s.number}")} for s in view.slides],
    })
