"""The preview's HTTP server: its page, script, style, state, event stream and pictures, nothing else.

No part of a URL ever reaches the file system: every answer comes from a fixed route or the
in-memory Board, and a Host header that is not this server's is refused (DNS rebinding). A
request is read within a whole-request deadline (a client sending a byte a second is cut off,
and none delays stopping), and the listen queue holds a burst of simultaneous connections.
"""

from __future__ import annotations

import io
import json
import re
import socket
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from generator.workflow.preview import assets, page
from generator.workflow.preview.board import Board

IMAGE = re.compile(r"/img/(\d{1,6})/(\d{1,9})/(handout|slide-\d{1,4})\.jpg")
STATE = re.compile(r"/state/(\d{1,6})\.json")
CHOSEN = re.compile(r"(?:brief=(\d{1,6}))?")
HEARTBEAT_S = 15.0  # a comment line this often lets the stream notice a closed tab
IDLE_S = 2.0  # the longest a connection may stay silent, before or within a request
REQUEST_S = 5.0  # the longest reading one request (its line and headers) may take in all
BACKLOG = 1024  # connections the system queues before this server accepts them
CLOSE_S = 1.0  # the longest closing waits for the requests in progress
POLL_S = 0.25  # how often a waiting stream checks whether the preview is stopping
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class PreviewServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that knows its Board, the Host names it answers to, and `stop`."""

    # Request threads never keep the interpreter alive, yet server_close() joins every one of
    # them, event streams included (the standard library joins only threads that are not
    # daemons: this server keeps its own list).
    daemon_threads = True
    request_queue_size = BACKLOG

    def __init__(self, host: str, port: int, board: Board, stop: threading.Event) -> None:
        super().__init__((host, port), Handler)
        self.board = board
        self.stop = stop
        self.allowed_hosts = allowed_hosts(host, self.server_address[1])
        self._requests: list[threading.Thread] = []
        self._requests_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        """Answer in a daemon thread of its own, kept to be joined when the server closes."""
        thread = threading.Thread(target=self.process_request_thread,
                                  args=(request, client_address), daemon=True)
        with self._requests_lock:
            self._requests = [t for t in self._requests if t.is_alive()]
            self._requests.append(thread)
        thread.start()

    def server_close(self) -> None:
        """Close the port, then wait for the requests (they notice `stop` within POLL_S), at
        most CLOSE_S in all."""
        super().server_close()
        deadline = time.monotonic() + CLOSE_S
        with self._requests_lock:
            requests, self._requests = self._requests, []
        for thread in requests:
            thread.join(max(0.0, deadline - time.monotonic()))

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore a client that went away; report anything else as the standard library does."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)

    @property
    def port(self) -> int:
        """Return the port actually bound (a free one when 0 was asked for)."""
        return int(self.server_address[1])


def allowed_hosts(bound: str, port: int) -> frozenset[str]:
    """Return the Host header values this server answers: loopback names, or the machine's own."""
    names = {"127.0.0.1", "localhost", "[::1]"}
    if bound not in ("127.0.0.1", "localhost"):
        names.add(bound if ":" not in bound else f"[{bound}]")
        hostname = socket.gethostname()
        names.update({hostname, socket.getfqdn()})
        try:
            for info in socket.getaddrinfo(hostname, None):
                address = str(info[4][0])
                names.add(f"[{address}]" if ":" in address else address)
        except OSError:
            pass  # a machine whose own name does not resolve still answers to its address
    return frozenset(f"{name.lower()}:{port}" for name in names)


class Handler(BaseHTTPRequestHandler):
    """Answers GET and HEAD from fixed routes; everything else is 404 (or 421 for a foreign Host)."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"
    # An idle keep-alive connection holds a thread that stopping joins: let it go soon.
    timeout = IDLE_S

    def setup(self) -> None:
        """Read the request through a reader that keeps its deadline and notices stopping."""
        super().setup()
        self.rfile.close()  # the plain reader setup() made, replaced before it read anything
        self.reader = DeadlineReader(self.connection, self.server.stop)
        self.rfile = io.BufferedReader(self.reader)

    def handle_one_request(self) -> None:
        """Answer one request, read within REQUEST_S of starting to wait for it."""
        self.reader.deadline = time.monotonic() + REQUEST_S
        super().handle_one_request()

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        """Answer one GET."""
        if not self._host_ok():
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"wrong Host\n", "text/plain")
            return
        path, _, query = self.path.partition("?")
        if path == "/events":
            self._events()
            return
        self._send(*self._route(path, query))

    def do_HEAD(self) -> None:  # noqa: N802
        """Answer HEAD like GET, without the event stream."""
        self.do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the terminal for build results: requests are not logged."""

    def _host_ok(self) -> bool:
        """Return True when the Host header names this server (not a rebound DNS name)."""
        host = self.headers.get("Host")
        return host is not None and host.strip().lower() in self.server.allowed_hosts

    def _route(self, path: str, query: str) -> tuple[HTTPStatus, bytes, str]:
        """Return (status, body, content type) for a fixed route or a picture in the Board."""
        board = self.server.board
        if path == "/":
            chosen = CHOSEN.fullmatch(query)
            view = board.snapshot(int(chosen.group(1) or 0)) if chosen else None
            if view is None:
                return _not_found()
            names = [v.path.name for v in board.views]
            return HTTPStatus.OK, page.page(names, view).encode(), "text/html; charset=utf-8"
        if path == "/preview.js":
            return HTTPStatus.OK, assets.SCRIPT.encode(), "text/javascript; charset=utf-8"
        if path == "/preview.css":
            return HTTPStatus.OK, assets.STYLE.encode(), "text/css; charset=utf-8"
        if match := STATE.fullmatch(path):
            view = board.snapshot(int(match.group(1)))
            if view is None:
                return _not_found()
            return HTTPStatus.OK, page.state(view).encode(), "application/json"
        if match := IMAGE.fullmatch(path):
            picture = board.picture(int(match.group(1)), int(match.group(2)), match.group(3))
            if picture is None:
                return _not_found()
            return HTTPStatus.OK, picture, "image/jpeg"
        return _not_found()

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        """Send a complete answer with the security headers."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _events(self) -> None:
        """Stream a server-sent event naming the briefs that changed, until the tab or we go."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        board, stop = self.server.board, self.server.stop
        seen = board.version
        builds = [v.build for v in map(board.snapshot, range(len(board.views))) if v]
        quiet = 0.0
        try:
            self.wfile.write(b"retry: 1000\n\n")
            self.wfile.flush()
            while not stop.is_set():
                version = board.wait_for_change(seen, POLL_S)
                if version == seen:
                    quiet += POLL_S
                    if quiet >= HEARTBEAT_S:
                        self.wfile.write(b": ping\n\n")
                        self.wfile.flush()
                        quiet = 0.0
                    continue
                seen, quiet = version, 0.0
                now = [v.build if v else -1 for v in map(board.snapshot, range(len(board.views)))]
                changed = list(range(len(now))) if len(builds) != len(now) else [
                    i for i, (a, b) in enumerate(zip(builds, now, strict=True)) if a != b]
                builds = now
                # Problems change without a new build; name every brief then (cheap to refresh).
                data = json.dumps({"version": version, "briefs": changed or list(range(len(now)))})
                self.wfile.write(f"data: {data}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed


class DeadlineReader(io.RawIOBase):
    """A socket's incoming bytes, refused (TimeoutError) once the request's deadline has passed,
    after IDLE_S of silence, or as soon as the server stops, whatever the client sends."""

    def __init__(self, connection: socket.socket, stop: threading.Event) -> None:
        super().__init__()
        self.connection = connection
        self.stop = stop
        self.deadline = time.monotonic() + REQUEST_S

    def readable(self) -> bool:
        """Return True: this is a reader."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill `buffer` with what arrives, waiting in short slices so stopping is seen at once."""
        silent_until = time.monotonic() + IDLE_S
        while True:
            now = time.monotonic()
            if self.stop.is_set() or now >= min(self.deadline, silent_until):
                raise TimeoutError("the request took too long, or the preview is stopping")
            self.connection.settimeout(min(POLL_S, self.deadline - now, silent_until - now))
            try:
                return self.connection.recv_into(buffer)
            except TimeoutError:
                continue
            finally:
                self.connection.settimeout(IDLE_S)  # answers are written within IDLE_S


def _not_found() -> tuple[HTTPStatus, bytes, str]:
    """Return the one answer for every path that is not a route."""
    return HTTPStatus.NOT_FOUND, b"not found\n", "text/plain"
