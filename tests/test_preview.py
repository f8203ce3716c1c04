"""`briefgen preview`: the live page, its pictures, its refusals, its updates and its stopping."""

from __future__ import annotations

import _thread
import http.client
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.paths import AssetPolicy
from generator.workflow.build import Options
from generator.workflow.preview import pictures
from generator.workflow.preview.board import Board, SlideInfo
from generator.workflow.preview.server import allowed_hosts
from generator.workflow.preview.session import serve_preview
from tests.conftest import ROOT, SAMPLE, needs_programs, soffice

JPEG = b"\xff\xd8\xff"
WAIT_S = 90.0  # generous: LibreOffice on a busy two-core machine
# Without poppler the preview shows no pictures at all; without LibreOffice, no slide pictures
# (outlines instead). The tests check what the page shows either way.
HANDOUT_PICTURE = shutil.which("pdftoppm") is not None
SLIDE_PICTURES = HANDOUT_PICTURE and soffice() is not None


@dataclass
class Running:
    """A preview serving in a thread, with its brief, board and address."""

    brief: Path
    url: str
    port: int
    board: Board
    stop: threading.Event
    thread: threading.Thread

    def get(self, path: str) -> bytes:
        """Return the body of GET `path` (urllib raises on anything but 2xx)."""
        with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=10) as response:
            return bytes(response.read())

    def state(self) -> dict[str, object]:
        """Return the page's JSON state of brief 0."""
        return dict(json.loads(self.get("/state/0.json")))


def wait_for(condition: Callable[[], object], what: str) -> None:
    """Wait until `condition()` is true, or fail naming `what`."""
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def drawn(running: Running) -> bool:
    """Return True when brief 0 shows its slides and (with poppler) its handout, not out of date."""
    view = running.board.views[0]
    return bool(view.slides) and not view.slides_pending and not view.stale \
        and ("handout" in view.pictures or not HANDOUT_PICTURE)


def start(folder: Path) -> Running:
    """Copy the sample brief into `folder` and start a preview of it in a thread, drawn once;
    a preview that fails to get there is stopped before the failure is raised."""
    (folder / "briefs").mkdir(parents=True, exist_ok=True)
    brief = folder / "briefs" / SAMPLE.name
    shutil.copyfile(SAMPLE, brief)
    options = Options(folder / "out", policy=AssetPolicy(folder.resolve()))
    stop = threading.Event()
    ready: dict[str, object] = {}
    thread = threading.Thread(target=serve_preview, args=([brief], options), kwargs={
        "open_browser": False, "stop": stop, "quiet": True,
        "ready": lambda url, board: ready.update(url=url, board=board)}, daemon=True)
    thread.start()
    try:
        wait_for(lambda: "url" in ready, "the server")
        url = str(ready["url"])
        running = Running(brief, url, int(url.rsplit(":", 1)[1].strip("/")), ready["board"],  # type: ignore[arg-type]
                          stop, thread)
        wait_for(lambda: drawn(running), "the first pictures")
    except BaseException:
        stop.set()
        thread.join(60)
        raise
    return running


def finish(running: Running) -> None:
    """Stop a preview and wait for it."""
    running.stop.set()
    running.thread.join(60)
    assert not running.thread.is_alive()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """A preview that tests only read from."""
    running = start(tmp_path_factory.mktemp("preview"))
    yield running
    finish(running)


@pytest.fixture
def own(tmp_path: Path) -> Iterator[Running]:
    """A preview a test may edit the brief of."""
    running = start(tmp_path)
    yield running
    finish(running)


def raw(port: int, path: str, host: str | None) -> int:
    """Return the status of GET `path` sent exactly as given, with Host `host` (None: no Host)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


# -- the page and its pictures --------------------------------------------------------------------

def test_page_lists_the_brief_and_loads_its_script(shared: Running) -> None:
    page = shared.get("/").decode()
    assert SAMPLE.name in page and '<script src="/preview.js">' in page
    assert b"EventSource('/events')" in shared.get("/preview.js")
    assert shared.get("/preview.css")


def test_every_slide_and_the_handout_are_pictures(shared: Running) -> None:
    state = shared.state()
    slides = state["slides"]
    assert isinstance(slides, list) and len(slides) == 9
    assert [s["number"] for s in slides] == list(range(1, 10))
    for slide in slides:
        if SLIDE_PICTURES:
            picture = slide["picture"]
            assert shared.get(picture["src"]).startswith(JPEG)
            assert (picture["width"], picture["height"]) == size(shared.get(picture["src"]))
        else:
            assert slide["picture"] is None
    handout = state["handout"]
    if HANDOUT_PICTURE:
        assert isinstance(handout, dict) and shared.get(handout["src"]).startswith(JPEG)
        assert (handout["width"], handout["height"]) == size(shared.get(handout["src"]))
    else:
        assert handout is None and "apt-get install" in str(state["note"])
    assert state["errors"] == [] and state["stale"] is False


def size(jpeg: bytes) -> tuple[int, int]:
    """Return a picture's pixel size as Pillow reads it."""
    from PIL import Image

    with Image.open(io.BytesIO(jpeg)) as image:
        return image.size


@needs_programs("pdftoppm")
def test_a_picture_of_an_old_build_is_gone(shared: Running) -> None:
    build = shared.board.views[0].build
    assert raw(shared.port, f"/img/0/{build - 1}/handout.jpg", f"127.0.0.1:{shared.port}") == 404
    assert raw(shared.port, f"/img/0/{build}/handout.jpg", f"127.0.0.1:{shared.port}") == 200


# -- refusals -------------------------------------------------------------------------------------

HOSTS = [
    ("evil", lambda port: "evil.example", 421),
    ("evil-with-port", lambda port: f"evil.example:{port}", 421),
    ("other-port", lambda port: f"127.0.0.1:{port + 1}", 421),
    ("localhost-other-port", lambda port: f"localhost:{port + 1}", 421),
    ("no-port", lambda port: "127.0.0.1", 421),
    ("missing", lambda port: None, 421),
    ("loopback", lambda port: f"127.0.0.1:{port}", 200),
    ("localhost", lambda port: f"localhost:{port}", 200),
    ("localhost-upper", lambda port: f"LOCALHOST:{port}", 200),
]


@pytest.mark.parametrize(("make_host", "status"), [h[1:] for h in HOSTS], ids=[h[0] for h in HOSTS])
def test_host_header(shared: Running, make_host: Callable[[int], str | None], status: int) -> None:
    assert raw(shared.port, "/", make_host(shared.port)) == status


PATHS = [
    ("dotdot", "/../../etc/passwd"),
    ("img-dotdot", "/img/../x"),
    ("encoded-dotdot", "/%2e%2e/%2e%2e/etc/passwd"),
    ("encoded-slash", "/img/0/1/..%2f..%2fbriefs%2ffilm-tech-symposium.yaml"),
    ("encoded-in-image", "/img/0/%2e%2e/slide-1.jpg"),
    ("double-slash", "//etc/passwd"),
    ("after-a-route", "/preview.js/../../etc/passwd"),
    ("brief-file", "/briefs/film-tech-symposium.yaml"),
    ("output-file", "/out/film-tech-symposium.pdf"),
    ("listing-img", "/img/"),
    ("listing-brief", "/img/0/"),
    ("bad-picture-name", "/img/0/1/deck.pptx"),
    ("no-such-brief", "/img/7/1/handout.jpg"),
    ("no-such-state", "/state/3.json"),
    ("brief-query-path", "/?brief=../../x"),
    ("index-html", "/index.html"),
    ("backslash", "/img\\..\\..\\etc\\passwd"),
    ("absolute-url", "http://127.0.0.1/etc/passwd"),
]
FILE_EVENTS = {"open", "os.listdir", "os.scandir", "os.chdir", "pathlib.Path.glob"}
_audit: dict[str, list[tuple[str, str]] | None] = {"seen": None}


def _hook(event: str, args: tuple[object, ...]) -> None:
    """Record file-system events raised in request threads while a test listens."""
    seen = _audit["seen"]
    if seen is not None and event in FILE_EVENTS \
            and "process_request" in threading.current_thread().name:
        seen.append((event, repr(args[:1])))


sys.addaudithook(_hook)


@pytest.mark.parametrize("path", [p[1] for p in PATHS], ids=[p[0] for p in PATHS])
def test_other_paths_are_404_without_touching_files(shared: Running, path: str) -> None:
    _audit["seen"] = []
    try:
        assert raw(shared.port, path, f"127.0.0.1:{shared.port}") == 404
        seen = _audit["seen"]
    finally:
        _audit["seen"] = None
    assert seen == []


ALLOWED = [
    ("loopback-only", "127.0.0.1", ["127.0.0.1:8000", "localhost:8000"],
     [f"{socket.gethostname().lower()}:8000", "127.0.0.1:8001", "evil.example:8000"]),
    ("all-addresses", "0.0.0.0", ["127.0.0.1:8000", f"{socket.gethostname().lower()}:8000"],
     ["evil.example:8000", "0.0.0.0:8001"]),
]


@pytest.mark.parametrize(("bound", "yes", "no"), [a[1:] for a in ALLOWED], ids=[a[0] for a in ALLOWED])
def test_allowed_hosts(bound: str, yes: list[str], no: list[str]) -> None:
    allowed = allowed_hosts(bound, 8000)
    assert set(yes) <= allowed and not set(no) & allowed


def listening(port: int) -> set[str]:
    """Return the local addresses of the sockets listening on TCP `port` (Linux's /proc tables)."""
    found = set()
    for family, name in ((socket.AF_INET, "tcp"), (socket.AF_INET6, "tcp6")):
        table = Path("/proc/net") / name
        if not table.exists():
            continue
        for row in table.read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
                raw_bytes = bytes.fromhex(address)  # 32-bit words, each in host (little-endian) order
                words = b"".join(raw_bytes[i:i + 4][::-1] for i in range(0, len(raw_bytes), 4))
                found.add(socket.inet_ntop(family, words))
    return found


def outward_address() -> str | None:
    """Return this machine's address on its way out (no packet is sent), or None offline."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address: only picks the route
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


def test_it_listens_on_loopback_only(shared: Running) -> None:
    if not Path("/proc/net/tcp").exists():
        pytest.skip("no /proc/net/tcp to read the listening sockets from")
    assert listening(shared.port) == {"127.0.0.1"}
    address = outward_address()
    if address is not None:  # reached through the machine's own outward address: refused
        with pytest.raises(OSError):
            socket.create_connection((address, shared.port), timeout=5).close()


WARNINGS = [
    ("by-title", "b.yaml:4:3: warning: the title 'At a glance' was shortened", [2]),
    ("by-number", "b.yaml:9:1: warning: slide 3 is crowded", [3]),
    ("unrelated", "b.yaml:1:1: warning: photo is small", []),
]


@pytest.mark.parametrize(("warning", "slides"), [w[1:] for w in WARNINGS], ids=[w[0] for w in WARNINGS])
def test_warnings_go_to_their_slides(warning: str, slides: list[int]) -> None:
    infos = [SlideInfo(1, "Cover title"), SlideInfo(2, "At a glance"), SlideInfo(3, "Lu Liang")]
    pictures.attach_warnings(infos, [warning])
    assert [s.number for s in infos if s.warnings] == slides


# -- updates --------------------------------------------------------------------------------------

def test_an_edit_pushes_an_event_and_new_pictures(own: Running) -> None:
    build = own.board.views[0].build
    connection = http.client.HTTPConnection("127.0.0.1", own.port, timeout=WAIT_S)
    connection.request("GET", "/events")
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    assert response.fp.readline() == b"retry: 1000\n"
    text = own.brief.read_text(encoding="utf-8")
    own.brief.write_text(text.replace("summary: >-", "summary: >-\n    Edited.", 1), encoding="utf-8")
    line = b""
    while not line.startswith(b"data:"):
        line = response.fp.readline()
    connection.close()
    assert 0 in json.loads(line[5:])["briefs"]
    wait_for(lambda: own.board.views[0].build > build and drawn(own), "the new pictures")
    if HANDOUT_PICTURE:
        assert own.get(own.state()["handout"]["src"]).startswith(JPEG)  # type: ignore[index]


def test_an_error_keeps_the_last_pictures_until_fixed(own: Running) -> None:
    good = own.brief.read_text(encoding="utf-8")
    lines = good.splitlines()
    lines.insert(2, "bogus_key: 1")
    own.brief.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wait_for(lambda: own.board.views[0].stale, "the error")
    state = own.state()
    assert any(f"{own.brief}:3:1:" in e for e in state["errors"]), state["errors"]  # type: ignore[attr-defined]
    if HANDOUT_PICTURE:  # the last good one
        assert own.get(state["handout"]["src"]).startswith(JPEG)  # type: ignore[index]
    assert all(s["picture"] for s in state["slides"]) or not SLIDE_PICTURES  # type: ignore[attr-defined]
    own.brief.write_text(good.replace("summary: >-", "summary: >-\n    Fixed.", 1), encoding="utf-8")
    wait_for(lambda: drawn(own), "the fixed pictures")
    assert own.state()["errors"] == []


def test_without_libreoffice_slides_are_outlines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = pictures.Drawer.__init__

    def without_libreoffice(drawer: pictures.Drawer, workdir: Path) -> None:
        """Find the programs as usual, then lose LibreOffice."""
        found(drawer, workdir)
        drawer.soffice = None

    monkeypatch.setattr(pictures.Drawer, "__init__", without_libreoffice)
    running = start(tmp_path)
    try:
        state = running.state()
        assert "apt-get install libreoffice-impress" in str(state["note"])
        slides = state["slides"]
        assert isinstance(slides, list) and all(s["picture"] is None and s["title"] for s in slides)
        assert "Film Technology" in slides[0]["title"]
    finally:
        finish(running)


# -- stopping -------------------------------------------------------------------------------------

@pytest.mark.parametrize("way", ["stop-event", "ctrl-c"])
def test_stopping_ends_everything(tmp_path: Path, way: str) -> None:
    before = set(threading.enumerate())  # the shared preview's threads may still be running
    office = preview_processes()  # and its LibreOffice, started for the next save
    if way == "stop-event":
        running = start(tmp_path)
        port = running.port
        finish(running)
    else:
        port = _serve_and_interrupt(tmp_path)
    assert not [t for t in set(threading.enumerate()) - before if t.name.startswith("preview-")]
    assert set(preview_processes()) <= set(office), preview_processes()
    try:  # nothing left unreaped: the children still here are the shared preview's, running
        assert os.waitpid(-1, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        pass  # no children at all
    with socket.socket() as probe:  # the port is free again
        probe.bind(("127.0.0.1", port))


LEFT_RUNNING = """
import sys, threading
from pathlib import Path
from generator.paths import AssetPolicy
from generator.workflow.build import Options
from generator.workflow.preview.session import serve_preview

folder = Path(sys.argv[1])
options = Options(folder / "out", policy=AssetPolicy(folder))
boards = []
threading.Thread(target=serve_preview, args=([folder / "briefs" / sys.argv[2]], options), daemon=True,
                 kwargs={"open_browser": False, "quiet": True,
                         "ready": lambda url, board: boards.append(board)}).start()
while not (boards and boards[0].views[0].slides and not boards[0].views[0].slides_pending):
    threading.Event().wait(0.05)
print("drawn", flush=True)
"""  # then returns, the preview still serving


def test_a_preview_left_running_does_not_keep_the_interpreter_alive(tmp_path: Path) -> None:
    office = preview_processes()
    (tmp_path / "briefs").mkdir()
    shutil.copyfile(SAMPLE, tmp_path / "briefs" / SAMPLE.name)
    try:
        done = subprocess.run([sys.executable, "-c", LEFT_RUNNING, str(tmp_path), SAMPLE.name],
                              capture_output=True, text=True, cwd=ROOT, timeout=WAIT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the interpreter was still running {WAIT_S:.0f} s after its code returned")
    assert (done.returncode, done.stdout) == (0, "drawn\n"), done.stderr
    assert set(preview_processes()) <= set(office), preview_processes()  # its LibreOffice ended


NOTES = [
    ("drawn", [], True, None),
    ("no-libreoffice", ["LibreOffice"], False, "apt-get install libreoffice-impress)"),
    ("no-poppler", ["pdftoppm"], False, "apt-get install poppler-utils)"),
    ("neither", ["LibreOffice", "pdftoppm"], False, "apt-get install libreoffice-impress poppler-utils)"),
    ("conversion-failed", [], False, "could not draw"),
]


@pytest.mark.parametrize(("missing", "drawn", "said"), [n[1:] for n in NOTES], ids=[n[0] for n in NOTES])
def test_the_note_names_every_package_to_install(missing: list[str], drawn: bool, said: str | None) -> None:
    note = pictures.renderer_note(missing, drawn)
    assert (note == "") if said is None else (said in note)


def preview_processes() -> dict[int, str]:
    """Return the processes (LibreOffice and its helpers) working in a preview's folder."""
    found = {}
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # it ended meanwhile
        if "briefgen-preview-" in text:
            found[int(cmdline.parent.name)] = text
    return found


def _serve_and_interrupt(folder: Path) -> int:
    """Serve in this (main) thread and deliver Ctrl-C once the first pictures are drawn."""
    (folder / "briefs").mkdir()
    brief = folder / "briefs" / SAMPLE.name
    shutil.copyfile(SAMPLE, brief)
    seen: dict[str, object] = {}

    def interrupt_when_drawn(url: str, board: Board) -> None:
        """Wait in a helper thread for the pictures, then interrupt the main thread."""
        def later() -> None:
            deadline = time.monotonic() + WAIT_S
            while not (board.views[0].slides and not board.views[0].slides_pending):
                if time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            _thread.interrupt_main()
        seen["port"] = int(url.rsplit(":", 1)[1].strip("/"))
        threading.Thread(target=later).start()

    serve_preview([brief], Options(folder / "out", policy=AssetPolicy(folder.resolve())),
                  open_browser=False, quiet=True, ready=interrupt_when_drawn)
    return int(seen["port"])  # type: ignore[call-overload]


# -- a real browser -------------------------------------------------------------------------------

@needs_programs("chromium")
def test_chromium_shows_the_slide_images(shared: Running, tmp_path: Path) -> None:
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--no-first-run", f"--user-data-dir={tmp_path}",
               "--dump-dom", shared.url]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout
    build = shared.board.views[0].build
    expected = 9 if SLIDE_PICTURES else 0
    assert dom.count(f'src="/img/0/{build}/slide-') == expected, dom[-2000:]
    assert (f'src="/img/0/{build}/handout.jpg"' in dom) is HANDOUT_PICTURE


@needs_programs("soffice", "pdftoppm")
def test_a_waiting_libreoffice_draws_the_slides_a_fresh_one_draws(tmp_path: Path) -> None:
    """The kept LibreOffice (the trick) and one started for the deck give the same pictures."""
    from PIL import Image, ImageChops

    from generator.backends.deck.backend import DeckBackend
    from tests.conftest import MINIMAL, prepared

    prep = prepared(MINIMAL)
    deck = io.BytesIO()
    DeckBackend().render(prep.story, prep.theme, deck)
    drawn = []
    for name, warm in (("fresh", False), ("warm", True)):
        drawer = pictures.Drawer(tmp_path / name)
        try:
            if warm:
                drawer.start_spare()
                time.sleep(3)  # let it finish starting, so the deck is handed over to it
            drawn.append(drawer.slides(deck.getvalue()))
        finally:
            drawer.stop()
    fresh, warm_pictures = drawn
    assert len(fresh) == len(warm_pictures) >= 2
    for a, b in zip(fresh, warm_pictures, strict=True):
        first, second = Image.open(io.BytesIO(a)).convert("L"), Image.open(io.BytesIO(b)).convert("L")
        assert first.size == second.size
        assert ImageChops.difference(first, second).getbbox() is None or max(
            ImageChops.difference(first, second).getdata()) < 40  # JPEG noise at most
