"""The preview's page, script and style, and the JSON state the script draws from."""

from __future__ import annotations

import html
import json

from generator.workflow.preview.board import BriefView

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - briefgen preview</title>
<link rel="stylesheet" href="/preview.css"></head>
<body data-brief="{index}" class="{stale}">
<header><h1>briefgen preview</h1><nav>{nav}</nav></header>
<main>
<p id="status" role="status">{status}</p>
<section id="problems" aria-label="Problems">
<ul id="errors">{errors}</ul><ul id="warnings">{warnings}</ul></section>
<p id="note">{note}</p>
<section aria-label="Slides"><h2>Slides</h2><ol id="slides">{slides}</ol></section>
<section aria-label="Handout"><h2>Handout</h2><div id="handout">{handout}</div></section>
</main>
<script src="/preview.js"></script>
</body></html>
"""

SCRIPT = """'use strict';
const brief = Number(document.body.dataset.brief);
const $ = (id) => document.getElementById(id);

function lines(list, items, cls) {
  list.replaceChildren(...items.map((text) => {
    const li = document.createElement('li'); li.className = cls; li.textContent = text; return li;
  }));
}

function picture(holder, src, alt) {
  let img = holder.querySelector('img');
  if (!src) { if (img) img.remove(); return; }
  if (!img) { img = document.createElement('img'); holder.prepend(img); }
  if (img.getAttribute('src') !== src) img.src = src;  // only a new build reloads a picture
  img.alt = alt;
}

function slide(item, s) {
  let cap = item.querySelector('.caption');
  if (!cap) {
    cap = document.createElement('div'); cap.className = 'caption'; item.append(cap);
  }
  picture(item, s.src, 'Slide ' + s.number + ': ' + s.title);
  const head = document.createElement('strong');
  head.textContent = s.number + '. ' + s.title;
  const parts = [head];
  if (!s.src) {
    const body = document.createElement('ul'); body.className = 'outline';
    lines(body, s.text, 'text'); parts.push(body);
  }
  const warns = document.createElement('ul'); lines(warns, s.warnings, 'warning'); parts.push(warns);
  cap.replaceChildren(...parts);
}

function draw(state) {
  document.body.classList.toggle('stale', state.stale);
  $('status').textContent = state.stale
    ? 'The brief has errors: the pictures below are out of date.'
    : (state.pending ? 'Drawing the slides...' : 'Up to date (build ' + state.build + ').');
  lines($('errors'), state.errors, 'error');
  lines($('warnings'), state.warnings, 'warning');
  $('note').textContent = state.note;
  const list = $('slides');
  state.slides.forEach((s, i) => {
    let item = list.children[i];
    if (!item) { item = document.createElement('li'); item.className = 'slide'; list.append(item); }
    slide(item, s);
  });
  while (list.children.length > state.slides.length) list.lastElementChild.remove();
  picture($('handout'), state.handout, 'The handout');
}

async function refresh() {
  const response = await fetch('/state/' + brief + '.json', {cache: 'no-store'});
  if (response.ok) draw(await response.json());
}

const events = new EventSource('/events');
events.onmessage = (event) => {
  const data = JSON.parse(event.data);
  if (data.briefs.includes(brief)) refresh();
};
refresh();
"""

STYLE = """body { font: 15px/1.4 system-ui, sans-serif; margin: 0; background: #f4f4f4; color: #222; }
header { background: #222; color: #fff; padding: .5em 1em; display: flex; gap: 2em; align-items: baseline; }
header h1 { font-size: 1.1em; margin: 0; }
nav a { color: #cde; margin-right: 1em; } nav a[aria-current] { color: #fff; font-weight: bold; }
main { padding: 1em; max-width: 900px; margin: auto; }
#slides { list-style: none; padding: 0; }
.slide, #handout { background: #fff; margin: 0 0 1.2em; padding: .6em; box-shadow: 0 1px 3px #0003; }
img { display: block; max-width: 100%; height: auto; border: 1px solid #ddd; }
.stale img { opacity: .45; filter: grayscale(1); }
.error { color: #a00; font-family: monospace; white-space: pre-wrap; }
.warning { color: #850; font-family: monospace; white-space: pre-wrap; }
#status { font-weight: bold; } .stale #status { color: #a00; }
.outline { color: #444; }
"""


def page(names: list[str], view: BriefView) -> str:
    """Return the HTML page listing every brief by name and showing `view` as it is now.

    The first drawing is in the HTML itself (the page reads without its script); the script
    then keeps it up to date.
    """
    esc = html.escape
    links = []
    for index, name in enumerate(names):
        current = ' aria-current="page"' if index == view.index else ""
        links.append(f'<a href="/?brief={index}"{current}>{esc(name)}</a>')
    nav = "".join(links) if len(names) > 1 else esc(view.path.name)
    slides = []
    for s in view.slides:
        src = _url(view, f"slide-{s.number}")
        img = f'<img src="{src}" alt="Slide {s.number}: {esc(s.title)}">' if src else ""
        outline = "" if src else f'<ul class="outline">{_items(s.text, "text")}</ul>'
        slides.append(f'<li class="slide">{img}<div class="caption"><strong>{s.number}. '
                      f'{esc(s.title)}</strong>{outline}<ul>{_items(s.warnings, "warning")}</ul>'
                      "</div></li>")
    handout = _url(view, "handout")
    return PAGE.format(title=esc(view.path.name), index=view.index, nav=nav,
                       stale="stale" if view.stale else "", status=_status(view),
                       errors=_items(view.errors, "error"), warnings=_items(view.warnings, "warning"),
                       note=esc(view.renderer_note), slides="".join(slides),
                       handout=f'<img src="{handout}" alt="The handout">' if handout else "")


def _status(view: BriefView) -> str:
    """Return the status line as the script also writes it."""
    if view.stale:
        return "The brief has errors: the pictures below are out of date."
    return "Drawing the slides..." if view.slides_pending else f"Up to date (build {view.build})."


def _items(texts: list[str], cls: str) -> str:
    """Return `texts` as escaped list items of class `cls`."""
    return "".join(f'<li class="{cls}">{html.escape(t)}</li>' for t in texts)


def _url(view: BriefView, name: str) -> str | None:
    """Return a picture's cache-busting URL, or None when the view has no such picture."""
    if name not in view.pictures:
        return None
    return f"/img/{view.index}/{view.build}/{name}.jpg"


def state(view: BriefView) -> str:
    """Return the JSON the script draws brief `view` from: problems, slides and picture URLs."""
    def url(name: str) -> str | None:
        """Return the picture's URL in this view."""
        return _url(view, name)

    return json.dumps({
        "brief": view.index,
        "name": view.path.name,
        "build": view.build,
        "stale": view.stale,
        "pending": view.slides_pending,
        "errors": view.errors,
        "warnings": view.warnings,
        "note": view.renderer_note,
        "handout": url("handout"),
        "slides": [{"number": s.number, "title": s.title, "text": s.text, "warnings": s.warnings,
                    "src": url(f"slide-{s.number}")} for s in view.slides],
    })
