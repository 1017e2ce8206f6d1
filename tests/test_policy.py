"""CORS on /api/*, security headers everywhere, no debug mode whatever the settings."""

import pytest
from conftest import build_app, post_url

from tiktok_api.api.policy import API_CSP

ORIGIN = {"Origin": "https://app.example"}
PREFLIGHT = ORIGIN | {
    "Access-Control-Request-Method": "GET",
    "Access-Control-Request-Headers": "X-Request-ID",
}
POST_ID = "7608826249200356630"


@pytest.mark.parametrize(
    "path", ["/api/tiktok/statistic", "/api/tiktok/stats", "/api/tiktok/slides", "/api/nope"]
)
def test_api_answers_allow_any_origin_even_on_errors(client, path):
    res = client.get(path, headers=ORIGIN)
    assert res.status_code == (404 if path == "/api/nope" else 400)
    assert res.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Request-ID" in res.headers["Access-Control-Expose-Headers"]


def test_api_success_allows_any_origin(client, upstream, fixture):
    upstream.get(post_url(POST_ID), body=fixture(f"video-page-camillebrown-{POST_ID}.html"))
    res = client.get("/api/tiktok/downloader", query_string={"url": post_url(POST_ID)})
    assert res.status_code == 200
    assert res.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/api/tiktok/statistic", "/api/tiktokslide/downloader"])
def test_preflight_is_answered_without_calling_the_view(client, upstream, path):
    res = client.options(path, headers=PREFLIGHT)
    assert res.status_code == 204
    assert res.data == b""
    assert res.headers["Access-Control-Allow-Origin"] == "*"
    assert res.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "X-Request-ID" in res.headers["Access-Control-Allow-Headers"]
    assert res.headers["Access-Control-Max-Age"] == "86400"
    assert len(upstream.calls) == 0


def test_preflight_to_an_unknown_api_path_is_a_404(client):
    res = client.options("/api/tiktok/nothing", headers=PREFLIGHT)
    assert res.status_code == 404
    assert "Access-Control-Allow-Methods" not in res.headers


@pytest.mark.parametrize("path", ["/healthz", "/docs", "/openapi.json"])
def test_no_cors_outside_api(client, path):
    res = client.get(path, headers=ORIGIN)
    assert res.status_code == 200
    assert "Access-Control-Allow-Origin" not in res.headers


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/healthz", 200),
        ("GET", "/api/tiktok/statistic", 400),
        ("GET", "/nowhere", 404),
        ("POST", "/api/tiktok/statistic", 405),
        ("OPTIONS", "/api/tiktok/slides", 204),
        ("GET", "/openapi.json", 200),
    ],
)
def test_security_headers_on_every_answer(client, method, path, status):
    headers = PREFLIGHT if method == "OPTIONS" else {}
    res = client.open(path, method=method, headers=headers)
    assert res.status_code == status
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert res.headers["Referrer-Policy"] == "no-referrer"
    assert res.headers["X-Frame-Options"] == "DENY"
    assert res.headers["Content-Security-Policy"] == API_CSP


def test_debug_mode_cannot_be_switched_on(monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = build_app({"DEBUG": True})
    assert app.debug is False
    app.debug = True
    assert app.debug is False
    assert app.config["DEBUG"] is False


def test_unexpected_error_is_an_envelope_without_traceback(monkeypatch, caplog):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = build_app({"DEBUG": True})

    def explode(self, text):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("tiktok_api.service.TikTok.post", explode)
    res = app.test_client().get("/api/tiktok/statistic", query_string={"url": "x"})
    assert res.status_code == 500
    assert res.json["error"] == "internal_error"
    assert b"secret internals" not in res.data
    assert b"Traceback" not in res.data
    assert any("secret internals" in (r.exc_text or "") for r in caplog.records)


@pytest.mark.parametrize("path", ["/api/tiktok/statistic", "/healthz", "/docs"])
def test_plain_options_is_204_with_allow_and_no_body(client, upstream, path):
    res = client.options(path)
    assert res.status_code == 204
    assert res.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert res.data == b"" and "Content-Type" not in res.headers
    assert "Access-Control-Allow-Methods" not in res.headers
    assert len(upstream.calls) == 0


def test_options_to_an_unknown_path_is_the_404_envelope(client):
    res = client.options("/nowhere")
    assert (res.status_code, res.json["error"]) == (404, "not_found")


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_other_methods_are_the_405_envelope(client, method):
    res = client.open("/api/tiktok/statistic", method=method)
    assert (res.status_code, res.json["error"]) == (405, "method_not_allowed")
    assert set(res.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
