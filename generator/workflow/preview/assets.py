"""The preview page's script and style sheet, served from fixed routes (the page allows no inline code)."""

from __future__ import annotations

# The script redraws from /state/N.json whenever /events names this brief. It changes only
# what changed: a picture element keeps its node (and so the scroll position) and reloads only
# when its build number, hence its address, is new.
SCRIPT = """'use strict';
const brief = Number(document.body.dataset.brief);
const $ = (id) => document.getElementById(id);
const STATUS = {
  stale: 'Out of date: the brief has errors',
  pending: 'Drawing the slides\\u2026',
};

function lines(list, items, cls) {
  list.replaceChildren(...items.map((text) => {
    const li = document.createElement('li'); li.className = cls; li.textContent = text; return li;
  }));
}

function picture(holder, pic, alt) {
  let img = holder.querySelector('img');
  if (!pic) { if (img) img.remove(); return; }
  if (!img) { img = document.createElement('img'); holder.prepend(img); }
  if (img.getAttribute('src') !== pic.src) {  // only a new build reloads a picture
    img.width = pic.width; img.height = pic.height; img.src = pic.src;
  }
  img.alt = alt;
}

function slide(item, s) {
  item.id = 'slide-' + s.number;
  picture(item, s.picture, 'Slide ' + s.number + ': ' + s.title);
  let outline = item.querySelector('.outline');
  if (s.picture) { if (outline) outline.remove(); } else {
    if (!outline) {
      outline = document.createElement('ul'); outline.className = 'outline'; item.prepend(outline);
    }
    lines(outline, s.text, 'text');
  }
  let cap = item.querySelector('.caption');
  if (!cap) { cap = document.createElement('div'); cap.className = 'caption'; item.append(cap); }
  const number = document.createElement('span'); number.className = 'number';
  number.textContent = s.number;
  const title = document.createElement('strong'); title.textContent = s.title;
  cap.replaceChildren(number, title);
  let warns = item.querySelector('.slide-warnings');
  if (!warns) {
    warns = document.createElement('ul'); warns.className = 'slide-warnings'; item.append(warns);
  }
  lines(warns, s.warnings, 'warning');
}

function draw(state) {
  document.body.classList.toggle('stale', state.stale);
  document.body.classList.toggle('pending', state.pending && !state.stale);
  $('status').textContent = STATUS[state.stale ? 'stale' : (state.pending ? 'pending' : '')]
    || 'Up to date \\u00b7 build ' + state.build;
  lines($('errors'), state.errors, 'error');
  lines($('warnings'), state.warnings, 'warning');
  $('clean').hidden = state.errors.length + state.warnings.length > 0;
  $('count').textContent = state.errors.length + state.warnings.length || '';
  $('note').textContent = state.note;
  $('note').hidden = !state.note;
  const list = $('slides');
  state.slides.forEach((s, i) => {
    let item = list.children[i];
    if (!item) { item = document.createElement('li'); item.className = 'slide'; list.append(item); }
    slide(item, s);
  });
  while (list.children.length > state.slides.length) list.lastElementChild.remove();
  $('slide-count').textContent = state.slides.length || '';
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

STYLE = """:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #eef1f4;
  --ok: #1a7f37; --busy: #9a6700; --bad: #cf222e; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0;
  background: var(--bg); color: var(--ink); }
header { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .4em 1.4em;
  align-items: center; padding: .55em 1.2em; background: #1f2328; color: #fff; }
header h1 { font-size: 1em; font-weight: 600; margin: 0; }
nav { display: flex; flex-wrap: wrap; gap: .3em; }
nav a, nav span { color: #c9d1d9; padding: .15em .6em; border-radius: 4px; text-decoration: none; }
nav a:hover { color: #fff; text-decoration: underline; }
nav a[aria-current], nav span { background: #ffffff24; color: #fff; }
#status { margin: 0 0 0 auto; padding: .15em .8em; border-radius: 999px; background: var(--ok);
  font-size: .9em; font-weight: 600; }
.pending #status { background: var(--busy); }
.stale #status { background: var(--bad); }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(300px, 32%); gap: 1.2em;
  align-items: start; max-width: 1800px; margin: 0 auto; padding: 1.2em; }
h2 { display: flex; gap: .5em; align-items: baseline; margin: 0 0 .6em; color: var(--muted);
  font-size: .8em; letter-spacing: .06em; text-transform: uppercase; }
h2 span { color: var(--ink); font-variant-numeric: tabular-nums; }
#slides { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1em;
  list-style: none; margin: 0; padding: 0; }
.slide, .panel { position: relative; background: #fff; border: 1px solid var(--line);
  border-radius: 6px; padding: .5em; }
.slide:target { outline: 3px solid #0969da; }
img { display: block; width: 100%; height: auto; border-radius: 3px; }
#handout { position: relative; }
#handout img { border: 1px solid var(--line); }
.caption { display: flex; gap: .6em; align-items: baseline; padding: .45em .2em .1em; }
.number { min-width: 1.6em; color: var(--muted); font-variant-numeric: tabular-nums; text-align: right; }
.caption strong { font-weight: 600; overflow-wrap: anywhere; }
.outline { margin: 0; padding: .8em 1em .8em 2em; min-height: 8em; background: #f6f8fa;
  border-radius: 3px; color: #444; }
ul.slide-warnings, #errors, #warnings { list-style: none; margin: 0; padding: 0; }
.slide-warnings .warning { margin: .3em .2em 0; }
aside { position: sticky; top: 3.6em; display: grid; gap: 1.2em; }
#problems ul li { padding: .3em 0; border-top: 1px solid var(--line); }
#problems ul li:first-child { border-top: 0; }
.error, .warning { font: .9em/1.4 ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre-wrap;
  overflow-wrap: anywhere; }
.error { color: var(--bad); } .warning { color: var(--busy); }
#clean { margin: 0; color: var(--ok); }
#note { margin: .4em 0 0; color: var(--muted); }
.stale .slide img, .stale #handout img { opacity: .45; filter: grayscale(1); }
.stale .slide::after, .stale #handout::after { content: "out of date"; position: absolute;
  top: .5em; left: .5em; padding: .1em .6em; border-radius: 3px; background: var(--bad); color: #fff;
  font-size: .8em; font-weight: 600; }
[hidden] { display: none !important; }
@media (max-width: 860px) {
  main { grid-template-columns: minmax(0, 1fr); }
  aside { display: contents; }
  #problems { order: -1; }
}
"""
