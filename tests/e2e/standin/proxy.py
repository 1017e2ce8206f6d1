"""The intercepting proxy: CONNECT tunnels to TikTok hosts are opened with our own certificates
and answered by the site; any other host is refused and flagged in the log."""

import ssl
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .certs import Certificates
from .hosts import is_tiktok
from .replies import Reply, html
from .site import Request, Site
from .state import State

REFUSED = b"<html><body>Refused: not a TikTok host</body></html>"


def parse_cookies(header: str | None) -> dict[str, str]:
    """The name=value pairs of a Cookie header (values kept verbatim)."""
    cookies = {}
    for pair in (header or "").split(";"):
        name, sep, value = pair.strip().partition("=")
        if sep:
            cookies[name] = value
    return cookies


class ProxyServer(ThreadingHTTPServer):
    """A threaded proxy holding the site, the shared state and the certificates."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address, site: Site, state: State, certs: Certificates) -> None:
        super().__init__(address, ProxyHandler)
        self.site, self.state, self.certs = site, state, certs

    def handle_error(self, request, client_address) -> None:
        """Connections that break off are part of the tests (timeouts, caps): stay quiet."""


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, silent logging and a reply writer for every kind of answer."""

    protocol_version = "HTTP/1.1"
    server_version = "Tengine"
    sys_version = ""
    timeout = 30
    server: ProxyServer

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        """The stand-in keeps its own log (the state); nothing on stderr."""

    def handle(self) -> None:
        """Serve requests until the client goes; a broken connection just ends the loop."""
        try:
            super().handle()
        except (OSError, ssl.SSLError):
            self.close_connection = True

    def serve(self, scheme: str, host: str, target: str, foreign: bool = False) -> None:
        """Log the request, then answer it as TikTok (or refuse it when the host is foreign)."""
        cookies = parse_cookies(self.headers.get("Cookie"))
        foreign = foreign or not is_tiktok(host)
        self.server.state.record(
            kind="request", scheme=scheme, host=host, method=self.command, path=target,
            cookies=cookies, range=self.headers.get("Range"), foreign=foreign,
        )  # fmt: skip
        if foreign:
            self.send_reply(html(REFUSED, 403))
            return
        request = Request(scheme, host, self.command, target, self.headers, cookies)
        self.send_reply(self.server.site.respond(request))

    def send_reply(self, reply: Reply) -> None:
        """Write a reply: whole, streamed, hung up on, or cut off."""
        if reply.reset or reply.hang:
            time.sleep(reply.hang)
            self.close_connection = True
            return
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        chunked = reply.chunks is not None and reply.length is None
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            length = len(reply.body) if reply.chunks is None else reply.length
            self.send_header("Content-Length", str(length))
        self.end_headers()
        if self.command == "HEAD":
            return
        try:
            self._write_body(reply, chunked)
        except OSError:
            self.close_connection = True

    def _write_body(self, reply: Reply, chunked: bool) -> None:
        """The body, in chunked framing when no length was declared."""
        if reply.chunks is None:
            self.wfile.write(reply.body)
            return
        for chunk in reply.chunks:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            self.wfile.flush()
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


class TunnelHandler(_Handler):
    """Requests inside an intercepted TLS tunnel; the tunnel's host is the authority."""

    tunnel_host = ""

    def do_GET(self) -> None:
        self.serve("https", self.tunnel_host, self.path)

    do_HEAD = do_POST = do_GET


class ProxyHandler(_Handler):
    """The proxy's front door: CONNECT for https, absolute-form requests for plain http."""

    def do_CONNECT(self) -> None:
        host, _, port = self.path.rpartition(":")
        host = host.strip("[]").lower()
        foreign = not is_tiktok(host) or port != "443"
        self.server.state.record(kind="connect", host=host, port=port, method="CONNECT",
                                 foreign=foreign)  # fmt: skip
        if foreign:
            self.send_reply(html(REFUSED, 403))
            self.close_connection = True
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        try:
            tls = self.server.certs.context(host).wrap_socket(self.connection, server_side=True)
        except (OSError, ssl.SSLError):
            return
        tunnel = type("Tunnel", (TunnelHandler,), {"tunnel_host": host})
        tunnel(tls, self.client_address, self.server)
        tls.close()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        try:
            port = parts.port
        except ValueError:
            port = -1
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        foreign = parts.scheme != "http" or port not in (None, 80)
        self.serve("http", (parts.hostname or "").lower(), target, foreign=foreign)

    do_HEAD = do_POST = do_GET
