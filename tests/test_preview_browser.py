"""`briefgen preview` in a real browser: Chromium driven through chromedriver, following edits live."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import SAMPLE, needs_programs, require_programs
from tests.test_preview import WAIT_S, Running, finish, start

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

TITLE = "title: Film Technology Development and Innovation Symposium"
EDITED = "Symposium on Film Technology, Edited Live"
FIXED = "Symposium on Film Technology, Fixed Again"
# What the page shows, read in one go: pictures only once the browser has decoded them.
# `scroll` may change while `view` stays: when content above the reader grows or shrinks (a
# caption of another line count), the browser's scroll anchoring keeps what the reader sees.
SHOWN = """
const loaded = (img) => img.complete && img.naturalWidth > 0;
const srcs = (selector) => [...document.querySelectorAll(selector)].filter(loaded)
  .map((img) => img.getAttribute('src'));
const handout = document.getElementById('handout');
// The slide under the sticky header, and where it is on the screen: what the reader is looking at.
const top = [...document.querySelectorAll('#slides > li')]
  .find((li) => li.getBoundingClientRect().bottom > 60);
return {
  view: top ? [top.id, Math.round(top.getBoundingClientRect().top)] : null,
  slides: srcs('#slides > li.slide > img'), handout: srcs('#handout > img'),
  text: document.body.innerText, status: document.getElementById('status').textContent,
  stale: document.body.classList.contains('stale'),
  pending: document.body.classList.contains('pending'),
  errors: [...document.querySelectorAll('#errors li')].map((li) => li.textContent),
  label: getComputedStyle(handout, '::after').content,
  filter: [...document.querySelectorAll('#slides img')].map((img) => getComputedStyle(img).filter),
  marker: window.previewMarker || null, scroll: window.scrollY, origin: performance.timeOrigin,
};
"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    """A headless Chromium of its own profile, driven through chromedriver."""
    require_programs("chromium", "chromedriver")
    chromium, driver = str(shutil.which("chromium")), str(shutil.which("chromedriver"))
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-background-networking", "--window-size=1280,900",
                     f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(argument)
    session = webdriver.Chrome(options=options, service=Service(driver))
    session.set_page_load_timeout(WAIT_S)
    session.set_script_timeout(WAIT_S)
    try:
        yield session
    finally:
        session.quit()


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    """A preview of a copy of the sample brief, which the test edits."""
    preview = start(tmp_path / "project")
    yield preview
    finish(preview)


def deck_slides(running: Running) -> int:
    """Return how many slides the deck the preview built has, read back with python-pptx."""
    from pptx import Presentation

    deck = running.brief.parent.parent / "out" / f"{SAMPLE.stem}.pptx"
    return len(Presentation(str(deck)).slides)


def wait_until(browser: WebDriver, what: str, condition: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """Wait (re-reading the page, never reloading it) until `condition` holds; return what it saw."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    seen: dict[str, Any] = {}

    def check(driver: WebDriver) -> bool:
        """Read the page and test it."""
        seen.clear()
        seen.update(driver.execute_script(SHOWN))
        return condition(seen)

    try:
        WebDriverWait(browser, WAIT_S, poll_frequency=0.1).until(check)
    except TimeoutException:
        shown = {k: v for k, v in seen.items() if k != "text"}
        pytest.fail(f"timed out waiting for {what}; the page showed {shown}")
    return dict(seen)


def pictures(count: int, build: int) -> Callable[[dict[str, Any]], bool]:
    """Return a check that `count` slide pictures and one handout picture of `build` are shown."""
    def check(seen: dict[str, Any]) -> bool:
        """True when every picture is of `build` and decoded, and the page is up to date."""
        return not seen["pending"] and not seen["stale"] and seen["handout"] == [
            f"/img/0/{build}/handout.jpg"] and seen["slides"] == [
            f"/img/0/{build}/slide-{n}.jpg" for n in range(1, count + 1)]
    return check


def edit(running: Running, old: str, new: str) -> str:
    """Replace `old` by `new` in the brief on disk, as an editor's save does; return the new text."""
    text = running.brief.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    running.brief.write_text(text, encoding="utf-8")
    return text


@needs_programs("chromium", "chromedriver", "soffice", "pdftoppm")  # slide pictures, not outlines
def test_the_page_follows_edits_errors_and_fixes_without_reloading(browser: WebDriver,
                                                                     running: Running) -> None:
    count = deck_slides(running)
    assert count == 9
    browser.get(running.url)
    first = wait_until(browser, "the first pictures", pictures(count, running.board.views[0].build))
    assert first["status"].startswith("Up to date") and first["errors"] == []

    # Scrolled down and marked: a reload would lose both.
    browser.execute_script("window.previewMarker = 'no reload'; window.scrollTo(0, 400);")
    scrolled = wait_until(browser, "the scroll", lambda seen: seen["scroll"] > 0)
    assert scrolled["view"][0] != "slide-1", scrolled["view"]

    build = running.board.views[0].build
    good = edit(running, TITLE, f"title: {EDITED}")
    edited = wait_until(browser, "the new title and its pictures",
                        lambda seen: EDITED in seen["text"] and pictures(count, seen_build(running))(seen)
                        and seen_build(running) > build)
    assert (edited["marker"], edited["origin"], edited["view"]) == ("no reload", first["origin"],
                                                                  scrolled["view"])
    assert edited["scroll"] > 0

    # An unknown key: the located error, the last good pictures kept but marked out of date.
    lines = good.splitlines()
    lines.insert(2, "bogus_key: 1")
    running.brief.write_text("\n".join(lines) + "\n", encoding="utf-8")
    located = f"{running.brief}:3:1: "
    broken = wait_until(browser, "the unknown key's error",
                        lambda seen: seen["stale"] and any(located in e and "bogus_key" in e
                                                           for e in seen["errors"]))
    assert broken["slides"] == edited["slides"] and broken["handout"] == edited["handout"]
    assert broken["status"].startswith("Out of date")
    assert broken["label"] == '"out of date"' and all("grayscale" in f for f in broken["filter"])

    # Bad YAML: located where the parser gave up.
    running.brief.write_text(good.replace("  short_name: Film", "  short_name: [Film", 1), encoding="utf-8")
    bad = wait_until(browser, "the YAML error",
                     lambda seen: any(f"{running.brief}:10:11: not valid YAML" in e for e in seen["errors"]))
    assert bad["stale"] and bad["slides"] == edited["slides"] and bad["handout"] == edited["handout"]

    # Fixed back to what was last drawn: current again, with the same pictures, nothing redrawn.
    running.brief.write_text(good, encoding="utf-8")
    same = wait_until(browser, "the page to be current again",
                      lambda seen: not seen["stale"] and not seen["errors"])
    assert same["slides"] == edited["slides"] and same["label"] == "none"

    # Fixed with a change: new pictures again.
    build = running.board.views[0].build
    edit(running, f"title: {EDITED}", f"title: {FIXED}")
    fixed = wait_until(browser, "the fixed brief's pictures",
                       lambda seen: FIXED in seen["text"] and seen_build(running) > build
                       and pictures(count, seen_build(running))(seen))
    assert EDITED not in fixed["text"]
    assert (fixed["marker"], fixed["origin"], fixed["view"]) == ("no reload", first["origin"],
                                                               scrolled["view"])


def seen_build(running: Running) -> int:
    """Return the build the preview shows now."""
    return running.board.views[0].build
