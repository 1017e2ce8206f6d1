"""The running server trusts no header: every answer is the envelope, every link is our own."""

import json
import socket

import pytest

from .conftest import assert_envelope_error

VIDEO = "7608826249200356630"
VIDEO_LINK = f"https://www.tiktok.com/@_/video/{VIDEO}"


def raw(server, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are on a fresh connection; the status, headers and body answered."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}
    return int(status_line.split()[1]), headers, body


def request_bytes(target: str = "/healthz", *headers: str, method: str = "GET") -> bytes:
    """One HTTP/1.1 request that closes the connection after the answer."""
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", *headers, "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


REFUSED = [
    ("url over the request-line limit", request_bytes("/api/tiktok/statistic?url=" + "a" * 9000),
     414, "uri_too_long"),
    ("one header over 8 KB", request_bytes("/healthz", "X-Big: " + "b" * 9000),
     431, "headers_too_large"),
    ("more than 100 headers", request_bytes("/healthz", *(f"X-H{i}: v" for i in range(120))),
     431, "headers_too_large"),
    ("a malformed request line", b"GARBAGE\r\n\r\n", 400, "bad_request"),
    ("an invalid method", request_bytes("/healthz", method="G@T"), 400, "bad_request"),
    ("a bad HTTP version", b"GET /healthz HTTP/9.Z\r\nHost: x\r\n\r\n", 400, "bad_request"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "request_", "status", "slug"), REFUSED, ids=[r[0] for r in REFUSED]
)
def test_the_servers_own_refusals_are_the_envelope(server, standin, what, request_, status, slug):
    code, headers, body = raw(server, request_)
    assert code == status
    assert headers["content-type"] == "application/json"
    assert headers["cache-control"] == "no-store"
    answer = json.loads(body)
    assert (answer["code"], answer["error"], answer["status"]) == (status, slug, "failed")
    assert answer["data"] is None and answer["author"] == "e2e" and answer["message"]
    assert answer["docs"] == "/docs"
    assert standin.log() == []


def test_a_url_under_the_limit_still_reaches_the_app(server):
    code, headers, body = raw(server, request_bytes("/api/tiktok/statistic?url=" + "a" * 3000))
    assert code == 400 and json.loads(body)["error"] == "invalid_url"


def test_plain_options_is_204_with_allow(server):
    code, headers, body = raw(server, request_bytes("/api/tiktok/statistic", method="OPTIONS"))
    assert (code, headers["allow"], body) == (204, "GET, HEAD, OPTIONS", b"")


@pytest.mark.parametrize(
    "headers",
    [
        ("X-Forwarded-Host: evil.example",),
        ("X-Forwarded-Proto: javascript:alert(document.domain)//",),
        ("X-Forwarded-Port: 6666",),
        ("X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https", "X-Forwarded-Port: 1"),
    ],
)
def test_forwarded_headers_never_move_our_links(server, headers):
    target = f"/api/tiktok/downloader?url={VIDEO_LINK}"
    code, answer_headers, body = raw(server, request_bytes(target, *headers))
    assert code == 200
    answer = json.loads(body)
    ours = f"http://127.0.0.1/api/tiktok/media/{VIDEO}/"
    media = answer["data"]["media"]
    assert media["no_watermark"] == ours + "video" and media["music"] == ours + "music"
    assert answer["docs"] == "http://127.0.0.1/docs#downloader"
    assert answer_headers["vary"] == "Host"


@pytest.mark.parametrize("host", ["", "<script>", "evil.example/x", "a@b", "x:99999"])
def test_a_host_that_cannot_make_a_link_is_refused(server, standin, host):
    request_ = request_bytes("/api/tiktok/statistic?url=" + VIDEO_LINK).replace(
        b"Host: 127.0.0.1", f"Host: {host}".encode()
    )
    code, headers, body = raw(server, request_)
    answer = json.loads(body)
    assert (code, answer["error"]) == (400, "invalid_host")
    assert answer["docs"] == "/docs#statistic"
    assert standin.log() == []


def test_every_answer_on_the_port_is_json_but_the_pages_for_people(api):
    for path in ("/nowhere", "/api/tiktok/statistic", "/healthz", "/readyz", "/openapi.json"):
        res = api.get(path)
        assert res.headers["Content-Type"].startswith("application/json"), path
    for page in ("/", "/docs"):
        assert api.get(page).headers["Content-Type"].startswith("text/html"), page
    assert_envelope_error(api.get("/nowhere"), 404, "not_found")
