"""The envelope on success and on every error, including routes that do not exist."""

import pytest
from conftest import build_app

from tiktok_api.openapi.apidoc import Doc, documented

ENVELOPE = {"author", "code", "data", "docs", "server_time", "status"}


def test_missing_url_parameter(client, upstream):
    res = client.get("/api/tiktok/statistic")
    assert res.status_code == 400
    assert set(res.json) == ENVELOPE | {"error", "message"}
    assert (res.json["error"], res.json["code"], res.json["status"]) == (
        "missing_parameter",
        400,
        "failed",
    )
    assert "url" in res.json["message"] and not upstream.calls


@pytest.mark.parametrize(
    "path", ["/api/tiktok/statistic", "/api/tiktok/downloader", "/api/tiktok/slides"]
)
def test_blank_url_is_missing(client, upstream, path):
    res = client.get(path, query_string={"url": "   "})
    assert res.json["error"] == "missing_parameter" and not upstream.calls


def test_invalid_url_makes_no_request(client, upstream):
    res = client.get(
        "/api/tiktok/downloader",
        query_string={"url": "https://tiktok.com.evil.example/@a/video/7608826249200356630"},
    )
    assert (res.status_code, res.json["error"]) == (400, "invalid_url")
    assert res.json["docs"].endswith("/docs#downloader") and not upstream.calls


def test_unknown_route_is_404_envelope(client):
    res = client.get("/api/tiktok/nothing")
    assert res.status_code == 404 and res.is_json
    assert (res.json["error"], res.json["code"], res.json["data"]) == ("not_found", 404, None)


def test_wrong_method_is_405_envelope(client):
    res = client.post("/api/tiktok/statistic")
    assert res.status_code == 405 and res.json["error"] == "method_not_allowed"
    assert "GET" in res.headers["Allow"] and res.content_type == "application/json"


def test_unexpected_error_is_500_without_traceback(caplog):
    app = build_app({"API_AUTHOR": "me"})

    @app.get("/boom")
    @documented(Doc(summary="Fails on purpose.", raw=True, media_types=("application/json",)))
    def boom():
        raise RuntimeError("secret detail")

    res = app.test_client().get("/boom")
    assert res.status_code == 500 and res.json["error"] == "internal_error"
    assert "secret detail" not in res.get_data(as_text=True) and res.json["author"] == "me"
    assert "secret detail" in caplog.text


def test_docs_url_from_config(upstream):
    app = build_app({"DOCS_URL": "https://api.example.org/docs"})
    res = app.test_client().get("/api/tiktok/slides")
    assert res.json["docs"] == "https://api.example.org/docs#slides"


def test_server_time_is_an_http_date(client):
    stamp = client.get("/api/tiktok/statistic").json["server_time"]
    assert stamp.endswith(" GMT") and len(stamp) == len("Wed, 25 Nov 2026 08:00:00 GMT")


def test_over_long_url_parameter(client, upstream):
    res = client.get(
        "/api/tiktok/statistic", query_string={"url": "https://www.tiktok.com/" + "a" * 5000}
    )
    assert res.json["error"] == "invalid_url" and not upstream.calls


def test_server_time_follows_the_clock(client, monkeypatch):
    monkeypatch.setattr("tiktok_api.api.envelope.time.time", lambda: 1_795_000_000.4)
    first = client.get("/api/tiktok/statistic").json["server_time"]
    monkeypatch.setattr("tiktok_api.api.envelope.time.time", lambda: 1_795_000_001.9)
    second = client.get("/api/tiktok/statistic").json["server_time"]
    assert (first, second) == ("Wed, 18 Nov 2026 11:06:40 GMT", "Wed, 18 Nov 2026 11:06:41 GMT")
