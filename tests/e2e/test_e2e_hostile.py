"""Hostile input: every value is answered 400 in the envelope and nothing is sent upstream."""

import pytest

from tiktok_api import create_app

from .conftest import assert_envelope_error

pytestmark = pytest.mark.e2e

P = "7608826249200356630"
FULLWIDTH_ID = P.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
ARABIC_ID = P.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
HOSTILE_URLS = [
    # other hosts and look-alikes
    f"https://evil.example/@a/video/{P}",
    f"https://www.tiktok.com.evil.example/@a/video/{P}",
    f"https://tiktok.com.evil.example/@a/video/{P}",
    f"tiktok.com.evil.example/@a/video/{P}",
    f"https://wwwtiktok.com/@a/video/{P}",
    f"https://evil-tiktok.com/@a/video/{P}",
    f"https://www.tiktok.co/@a/video/{P}",
    f"https://www.tiktok.com./@a/video/{P}",
    f"https://www.tiktоk.com/@a/video/{P}",  # Cyrillic о
    f"https://xn--tiktk-rce.com/@a/video/{P}",
    "https://vm.tiktok.com.evil.example/ZSabcdefg/",
    # userinfo tricks
    f"https://www.tiktok.com@evil.example/@a/video/{P}",
    f"https://www.tiktok.com:443@evil.example/@a/video/{P}",
    f"https://evil.example@www.tiktok.com/@a/video/{P}",
    f"https://www.tiktok.com%40evil.example/@a/video/{P}",
    f"https://www.tiktok.com\\@evil.example/@a/video/{P}",
    f"https://evil.example#@www.tiktok.com/@a/video/{P}",
    f"https://evil.example?@www.tiktok.com/@a/video/{P}",
    f"www.tiktok.com:x@evil.example/@a/video/{P}",
    # IP literals in every notation
    "http://169.254.169.254/latest/meta-data/",
    "http://2852039166/latest/meta-data/",
    "http://0xa9fea9fe/latest/meta-data/",
    "http://0251.0376.0251.0376/latest/meta-data/",
    "http://0xA9.0xFE.0xA9.0xFE/",
    "http://169.254.43518/",
    "http://127.1/",
    "http://0/",
    f"https://127.0.0.1/@a/video/{P}",
    "http://localhost/",
    "http://[::1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    # odd ports
    f"https://www.tiktok.com:8443/@a/video/{P}",
    f"https://www.tiktok.com:22/@a/video/{P}",
    f"https://www.tiktok.com:99999/@a/video/{P}",
    f"https://www.tiktok.com:-1/@a/video/{P}",
    "https://vm.tiktok.com:6379/ZSabcdefg/",
    # schemes
    "file:///etc/passwd",
    f"file://www.tiktok.com/@a/video/{P}",
    "javascript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    f"ftp://www.tiktok.com/@a/video/{P}",
    "gopher://127.0.0.1:6379/_FLUSHALL",
    "dict://127.0.0.1:11211/stats",
    f"ws://www.tiktok.com/@a/video/{P}",
    "jar:http://evil.example!/",
    # encodings
    f"https%3A%2F%2Fwww.tiktok.com%2F%40a%2Fvideo%2F{P}",
    f"https://www.tiktok%2ecom/@a/video/{P}",
    f"https://%77%77%77.tiktok.com/@a/video/{P}",
    f"https://www.tiktok.com/@a/video/{P}%2F..%2F..%2Fadmin",
    f"https://www.tiktok.com/@a/video/{P}%0d%0aX-Injected:%201",
    f"https://www.tiktok.com/@a/video/{FULLWIDTH_ID}",
    f"https://www.tiktok.com/@a/video/{ARABIC_ID}",
    f"https://www.tiktok.com/@a/video/{P}\u202e",
    # NUL and control characters
    f"https://www.tiktok.com/@a/video/{P}\x00",
    f"https://www.tiktok.com/\x00@a/video/{P}",
    f"https://www.tiktok.com/@a/video/{P}\x1b[31m",
    f"https://www.tiktok.com/@a/video/{P}\x7f",
    f"https://www.tiktok.com/@a/video/{P}\x1f",
    f"\x0bhttps://www.tiktok.com/@a/video/{P}",
    f"https://www.tiktok.com/@a/video/{P}\x1c<script>",
    # over-long values
    f"https://www.tiktok.com/@{'a' * 3000}/video/{P}",
    f"https://vm.tiktok.com/{'Z' * 40}/",
    f"https://www.tiktok.com/@a/video/{P}{'0' * 40}",
    # path traversal
    "https://www.tiktok.com/../../../../etc/passwd",
    f"https://www.tiktok.com/@a/video/{P}/../../../../etc/passwd",
    "https://vm.tiktok.com/../../admin/",
    "https://www.tiktok.com/t/..%2f..%2fadmin/",
    "https://www.tiktok.com/@a/video/..%2F..%2F..%2Fetc%2Fpasswd",
    "../../../../etc/passwd",
    # impossible ids
    "https://www.tiktok.com/@a/video/0000000000000000000",
    "https://www.tiktok.com/@a/video/9999999999999999999",
    # share texts holding only foreign links
    f"Look at this! https://evil.example/@a/video/{P} so funny",
    f"Check it out: https://www.tiktok.com.evil.example/@a/video/{P} #fyp",
    "watch https://vm.tiktok.com.evil.example/ZSabcdefg/ and http://169.254.169.254/",
    f"tiktok fans: https://evil.example/?next=https://www.tiktok.com/@a/video/{P}",
    # blank
    "   ",
]
HOSTILE_USERNAMES = [
    "../admin",
    "nasa/../../etc/passwd",
    "nasa/video/1",
    "nasa?x=1",
    "nasa#x",
    "na sa",
    "nasa\x00",
    "nasa\r\nX-Injected: 1",
    "\x1b[31mnasa",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "a" * 300,
    "https://evil.example/@nasa",
    "http://169.254.169.254/",
    "nasa@evil.example",
    "nasa%00",
    "%2e%2e%2fadmin",
    "nаsa",  # Cyrillic а
    "😀",
    "nasa\\..\\admin",
    "file:///etc/passwd",
    "nasa;rm -rf /",
    "nasa:8080",
    "   ",
]
URL_ROUTES = [
    "/api/tiktok/statistic",
    "/api/tiktok/statistics",
    "/api/tiktok/stats",
    "/api/tiktok/downloader",
    "/api/tiktok/slides",
    "/api/tiktok/images",
    "/api/tiktokslide/downloader",
]
RANDOM_ROUTE = "/api/tiktok/random"
RANDOM_EXISTS = any(rule.rule == RANDOM_ROUTE for rule in create_app().url_map.iter_rules())


def test_corpus_is_large_enough():
    assert len(set(HOSTILE_URLS)) >= 40
    assert len(set(HOSTILE_USERNAMES)) >= 20


@pytest.mark.parametrize("value", HOSTILE_URLS, ids=lambda v: ascii(v)[:60])
def test_hostile_url_is_refused_without_a_call(api, standin, value):
    for route in URL_ROUTES:
        res = api.get(route, url=value)
        assert_envelope_error(res, 400, res.json().get("error"))
        assert res.json()["error"] in ("invalid_url", "missing_parameter")
    assert standin.log() == []


@pytest.mark.parametrize("value", HOSTILE_USERNAMES, ids=lambda v: ascii(v)[:60])
def test_hostile_username_is_refused_without_a_call(api, standin, value):
    res = api.get(RANDOM_ROUTE, username=value)
    if RANDOM_EXISTS:
        assert_envelope_error(res, 400, res.json().get("error"))
    else:
        assert_envelope_error(res, 404, "not_found")
    assert standin.log() == []


def test_value_past_gunicorns_request_line_limit_is_refused(api, standin):
    """Beyond 4094 bytes of request line gunicorn itself answers 414; the app never runs."""
    res = api.get("/api/tiktok/statistic", url=f"https://www.tiktok.com/@{'a' * 9000}/video/{P}")
    assert res.status_code == 414
    assert standin.log() == []
