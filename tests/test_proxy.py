"""TikTok traffic goes through the configured proxy (TIKTOK_PROXY, or HTTPS_PROXY from the env)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import urllib3.util.connection
from conftest import build_app

POST_LINK = "https://www.tiktok.com/@emthenutritionist/video/7608826249200356630"


class RefusingProxy(BaseHTTPRequestHandler):
    """A stand-in proxy on loopback: records each CONNECT and refuses it (nothing goes further)."""

    def do_CONNECT(self):
        self.server.targets.append(self.path)
        self.send_response(403)
        self.end_headers()

    def log_message(self, *args):
        """Quiet."""


@pytest.fixture
def proxy():
    """The stand-in proxy's URL and the CONNECT targets it saw."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), RefusingProxy)
    server.targets = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", server.targets
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Refuse any connection that is not to loopback, so a broken proxy setting cannot leak."""
    connect = urllib3.util.connection.create_connection

    def guarded(address, *args, **kwargs):
        assert address[0] in ("127.0.0.1", "localhost", "::1"), f"refused: {address}"
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", guarded)
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


def _statistic(app):
    return app.test_client().get("/api/tiktok/statistic", query_string={"url": POST_LINK})


def test_tiktok_proxy_setting_routes_the_page_fetch(proxy):
    url, targets = proxy
    res = _statistic(build_app({"TIKTOK_PROXY": url}))
    assert res.status_code == 502
    assert res.json["error"] == "upstream_unavailable"
    assert targets == ["www.tiktok.com:443"] * 2  # one retry (UPSTREAM_RETRIES=1)


def test_https_proxy_from_the_environment_is_honoured(proxy, monkeypatch):
    url, targets = proxy
    monkeypatch.setenv("HTTPS_PROXY", url)
    res = _statistic(build_app())
    assert res.json["error"] == "upstream_unavailable"
    assert targets == ["www.tiktok.com:443"] * 2
