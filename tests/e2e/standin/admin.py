"""The control endpoint tests use (loopback, its own port): read the log, inject faults, reset."""

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .catalogue import short_code
from .cdn import file_key
from .state import State


class AdminServer(ThreadingHTTPServer):
    """The admin server, holding the state it controls."""

    daemon_threads = True

    def __init__(self, address, state: State) -> None:
        super().__init__(address, AdminHandler)
        self.state = state


class AdminHandler(BaseHTTPRequestHandler):
    """GET /log, /health, /short-code/<id>; POST /reset, /faults, /media-sizes {url: bytes},
    /clones {template, count, caption?} (answers the new ids), /latency {seconds} (before each
    page)."""

    server: AdminServer

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        """Quiet."""

    def _json(self, status: int, data) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/log":
            self._json(200, self.server.state.log())
        elif self.path == "/health":
            self._json(200, {"ok": True})
        elif self.path.startswith("/short-code/"):
            self._json(200, {"code": short_code(self.path.rsplit("/", 1)[1])})
        else:
            self._json(404, {"error": "no such admin route"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        data = json.loads(self.rfile.read(length) or b"{}")
        if self.path == "/reset":
            self.server.state.reset()
            self._json(200, {"ok": True})
        elif self.path == "/faults":
            self.server.state.set_faults(data)
            self._json(200, {"ok": True})
        elif self.path == "/media-sizes":
            self.server.state.set_media_sizes({file_key(url): size for url, size in data.items()})
            self._json(200, {"ok": True})
        elif self.path == "/clones":
            clones = self.server.state.add_clones(
                data["template"], int(data["count"]), data.get("caption")
            )
            self._json(200, clones)
        elif self.path == "/latency":
            self.server.state.latency = float(data["seconds"])
            self._json(200, {"ok": True})
        else:
            self._json(404, {"error": "no such admin route"})
