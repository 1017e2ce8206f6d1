"""One JSON log line per request: id, method, route, status, latency, error, upstream work."""

import json
import logging
import sys

import pytest
from conftest import post_url

from tiktok_api.api.logs import REQUEST_LOGGER, JSONFormatter, request_id_from

POST_ID = "7608826249200356630"
USER_URL = f"https://www.tiktok.com/@emthenutritionist/video/{POST_ID}?_r=1&_t=ZS-8secret"


@pytest.fixture
def lines(caplog):
    """The request log lines written so far, parsed as the JSON the formatter prints."""
    caplog.set_level(logging.INFO, logger="tiktok_api")
    formatter = JSONFormatter()

    def read():
        records = [r for r in caplog.records if r.name == REQUEST_LOGGER]
        return [json.loads(formatter.format(r)) for r in records]

    return read


def test_success_line(client, upstream, fixture, lines):
    upstream.get(post_url(POST_ID), body=fixture(f"video-page-camillebrown-{POST_ID}.html"))
    res = client.get("/api/tiktok/stats", query_string={"url": USER_URL})
    assert res.status_code == 200
    (line,) = lines()
    assert line["method"] == "GET"
    assert line["route"] == "/api/tiktok/stats"
    assert line["status"] == 200
    assert line["error"] is None
    assert line["upstream_calls"] == 1 == len(upstream.calls)
    assert line["upstream_ms"] >= 0 and line["latency_ms"] >= line["upstream_ms"]
    assert line["post_id"] == POST_ID
    assert line["request_id"] == res.headers["X-Request-ID"]
    assert line["level"] == "info" and line["msg"] == "request"


def test_line_holds_no_caption_and_no_user_url(client, upstream, fixture, caplog):
    caplog.set_level(logging.INFO, logger="tiktok_api")
    upstream.get(post_url(POST_ID), body=fixture(f"video-page-camillebrown-{POST_ID}.html"))
    res = client.get("/api/tiktok/statistic", query_string={"url": USER_URL})
    assert res.status_code == 200
    text = "\n".join(JSONFormatter().format(r) for r in caplog.records)
    assert POST_ID in text
    assert "emthenutritionist" not in text
    assert "ZS-8secret" not in text
    assert res.json["data"]["title"][:20] not in text


def test_retries_are_counted_as_upstream_calls(client, upstream, fixture, lines):
    upstream.get(post_url(POST_ID), status=503)
    upstream.get(post_url(POST_ID), body=fixture(f"video-page-camillebrown-{POST_ID}.html"))
    assert client.get("/api/tiktok/statistic", query_string={"url": USER_URL}).status_code == 200
    assert lines()[0]["upstream_calls"] == 2 == len(upstream.calls)


def test_error_line_carries_the_slug(client, upstream, lines):
    res = client.get("/api/tiktok/downloader", query_string={"url": "https://example.com/x"})
    assert res.status_code == 400
    (line,) = lines()
    assert (line["status"], line["error"], line["upstream_calls"]) == (400, "invalid_url", 0)
    assert line["post_id"] is None


def test_unrouted_request_has_no_route(client, lines):
    assert client.get("/api/tiktok/statistic/extra/bits").status_code == 404
    (line,) = lines()
    assert (line["route"], line["error"]) == (None, "not_found")


@pytest.mark.parametrize(
    "given", ["abc-123", "0d7f7a2c-8f1e-4b8e-9c1a-5d2b7c9e1f00", "Root=1-67891233-abcdef0123"]
)
def test_sane_request_id_is_taken_in(client, lines, given):
    res = client.get("/healthz", headers={"X-Request-ID": given})
    assert res.headers["X-Request-ID"] == given
    assert lines()[0]["request_id"] == given


@pytest.mark.parametrize(
    "given", ["", "a" * 129, "has space", "tab\tid", "a;b", "<script>", "-leading-dash", "ü-id"]
)
def test_odd_request_id_is_replaced(client, lines, given):
    res = client.get("/healthz", headers={"X-Request-ID": given})
    new = res.headers["X-Request-ID"]
    assert new != given and len(new) == 32 and new.isalnum()
    assert lines()[0]["request_id"] == new


def test_generated_ids_differ():
    assert request_id_from(None) != request_id_from(None)


def test_formatter_writes_one_json_line_with_the_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("tiktok_api.test").makeRecord(
            "tiktok_api.test", logging.ERROR, __file__, 1, "failed %s", ("here",), None
        )
        record.exc_info = sys.exc_info()
    text = JSONFormatter().format(record)
    assert "\n" not in text
    line = json.loads(text)
    assert (line["level"], line["msg"]) == ("error", "failed here")
    assert "ValueError: boom" in line["exc"]


def test_lines_reach_stdout(client, capsys):
    client.get("/healthz", headers={"X-Request-ID": "stdout-check"})
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["route"] for line in out if line.get("request_id") == "stdout-check"] == [
        "/healthz"
    ]
