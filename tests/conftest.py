"""Shared fixtures: the app, its test client, the mocked upstream and fixture files."""

import json
import os
import random
import re
from collections.abc import Callable
from pathlib import Path

# prometheus-client picks where its series live when first imported: never the shell's folder.
os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)

import pytest
import responses
from contract import check_response
from flask.testing import FlaskClient

from tiktok_api import create_app
from tiktok_api.config import setting_names
from tiktok_api.service import TikTok

FIXTURES = Path(__file__).parent / "fixtures"
TEST_CONFIG = {
    "API_AUTHOR": "tests",
    "UPSTREAM_RETRIES": 1,
    "UPSTREAM_BACKOFF": 0.0,
    "UPSTREAM_CONNECT_TIMEOUT": 2.0,
    "UPSTREAM_READ_TIMEOUT": 2.0,
}
UNMOCKED = "Connection refused by Responses"
EMBED_V2 = re.compile(r"https://www\.tiktok\.com/embed/v2/[0-9]{19}")
OEMBED = re.compile(r"https://www\.tiktok\.com/oembed\?url=.*")
# Variables requests reads on its own: a proxy or CA bundle in the shell must not reach the tests.
REQUESTS_VARIABLES = (
    "HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
)  # fmt: skip


def pytest_configure(config) -> None:
    """Tests pass whatever the shell holds: the service's variables are cleared for the whole run
    (before collection, so module-level apps and the servers the end-to-end tests start see none
    of them); each test sets the configuration it depends on."""
    for name in (*setting_names(), *REQUESTS_VARIABLES):
        os.environ.pop(name, None)
        os.environ.pop(name.lower(), None)


def build_app(overrides: dict | None = None):
    """The app with the test settings and `overrides`."""
    return create_app(TEST_CONFIG | (overrides or {}))


def fallback_calls(upstream) -> list[str]:
    """The requests to the walled page's fallbacks, in order: "embed" (/embed/v2/) or "oembed"."""
    urls = [call.request.url for call in upstream.calls]
    return [
        "embed" if EMBED_V2.match(url) else "oembed"
        for url in urls
        if EMBED_V2.match(url) or OEMBED.match(url)
    ]


def page_calls(upstream) -> list:
    """The mocked requests that were not to a walled page's fallbacks."""
    return [
        c
        for c in upstream.calls
        if not (EMBED_V2.match(c.request.url) or OEMBED.match(c.request.url))
    ]


def post_url(post_id: str) -> str:
    """The page the extractor fetches for a post."""
    return f"https://www.tiktok.com/@_/video/{post_id}"


def read_fixture(name: str) -> bytes:
    """The bytes of a fixture file."""
    return (FIXTURES / name).read_bytes()


def rehydration_page(scope_json: bytes | dict) -> bytes:
    """A page carrying a captured rehydration object in its data script, as TikTok serves it."""
    data = json.loads(scope_json) if isinstance(scope_json, bytes) else scope_json
    if "__DEFAULT_SCOPE__" not in data:
        data = {"__DEFAULT_SCOPE__": data}
    # `<` escaped, as any JSON inside a <script> must be: a caption cannot end the script early.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return (
        '<!DOCTYPE html><html><head><script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" '
        f'type="application/json">{text}</script></head><body></body></html>'
    ).encode()


def embed_node(captured: bytes | dict) -> dict:
    """The creator data node of a captured embed payload (whatever route key it was saved under)."""
    data = json.loads(captured) if isinstance(captured, bytes) else captured
    nodes = data["source"]["data"].values() if "source" in data else [data]
    return next(node for node in nodes if "videoList" in node)


def embed_page(captured: bytes | dict, username: str) -> bytes:
    """A creator embed page `/embed/@<username>` as TikTok serves it, around a captured node.

    The captures keep only the data node (re-keyed `/embed/fixture` by whoever saved them); TikTok
    keys it by the page's own path and puts a `strategy` sibling first (shape per SOURCES.md §9).
    """
    state = {
        "source": {
            "data": {
                "strategy": {"page_context": {"biz_name": "Embed"}},
                f"/embed/@{username}": embed_node(captured),
            }
        }
    }
    text = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    return (
        '<!DOCTYPE html><html><head><script id="__FRONTITY_CONNECT_STATE__" '
        f'type="application/json">{text}</script></head><body></body></html>'
    ).encode()


def use_clock(app, start: float) -> list[float]:
    """Give the app's TikTok reader (and its cache) a clock the test moves: `now[0] += 61`."""
    now = [start]
    reader = TikTok(app.config, rng=app.extensions["tiktok"].rng, clock=lambda: now[0])
    app.extensions["tiktok"] = reader
    app.extensions["media"].source.tiktok = reader
    return now


@pytest.fixture
def fixture():
    """fixture(name) -> bytes of tests/fixtures/<name>."""
    return read_fixture


@pytest.fixture
def make_app() -> Callable:
    """make_app({...}) -> an app with the test settings and these overrides."""
    return build_app


@pytest.fixture
def app():
    """The app with test settings."""
    return build_app()


@pytest.fixture
def tiktok(app):
    """The app's TikTok reader, drawing random posts with a seeded generator."""
    reader = app.extensions["tiktok"]
    reader.rng = random.Random(20260922)
    return reader


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def upstream():
    """Mocked TikTok: every request must match a registered response. The sources a walled
    page falls back on answer "nothing" (404, oEmbed's 400) unless a test upserts its own."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(EMBED_V2, status=404, body=b"<html><body>Page not available</body></html>")
        mock.get(OEMBED, status=400, json={"code": 400, "message": "Something went wrong"})
        yield mock
        unmatched = [c.request.url for c in mock.calls if UNMOCKED in str(c.response)]
        assert not unmatched, f"unmocked upstream requests: {unmatched}"


@pytest.fixture(autouse=True)
def contract(monkeypatch):
    """Every answer a test client receives must match the app's own OpenAPI description."""
    original_open = FlaskClient.open

    def open_and_check(self, *args, **kwargs):
        response = original_open(self, *args, **kwargs)
        check_response(self.application, response.request.method, response.request.path, response)
        return response

    monkeypatch.setattr(FlaskClient, "open", open_and_check)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A real redis-server for the whole run (skipped where missing, unless REQUIRE_REDIS=1)."""
    from redis_server import RedisServer, binary_or_skip

    server = RedisServer(binary_or_skip(), tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server) -> str:
    """The running Redis, emptied for this test."""
    redis_server.flush()
    return redis_server.url
