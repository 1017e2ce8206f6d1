"""challenge.py: the real captured WAF page is detected and solved within bounds."""

import base64
import hashlib
import json

from tiktok_api.extractors.challenge import (
    find_nonce,
    is_captcha,
    is_waf_challenge,
    solve_challenge,
)

WAF_PAGE = "challenge-page-waf-snaptik-2026-03.html"


def _decode(value: str) -> dict:
    return json.loads(base64.b64decode(value))


def test_real_challenge_page_is_detected(fixture):
    assert is_waf_challenge(fixture(WAF_PAGE))


def test_real_post_page_is_not_a_challenge(fixture):
    page = fixture("video-page-camillebrown-7608826249200356630.html")
    assert not is_waf_challenge(page)
    assert not is_captcha(page)


def test_real_challenge_is_solved(fixture):
    cookies = solve_challenge(fixture(WAF_PAGE), max_iterations=1000)
    assert [c.name for c in cookies] == ["_wafchallengeid"]  # `rs` is empty: no second cookie
    answer = _decode(cookies[0].value)
    assert base64.b64decode(answer["d"]) == b"10"
    prefix, target = base64.b64decode(answer["v"]["a"]), base64.b64decode(answer["v"]["c"])
    assert hashlib.sha256(prefix + b"10").digest() == target
    assert answer["v"]["b"] == 1774847935 and "s" in answer  # unknown keys kept untouched


def test_challenge_out_of_bounds_is_not_solved(fixture):
    assert solve_challenge(fixture(WAF_PAGE), max_iterations=5) is None


def test_second_cookie_is_set_when_the_page_gives_its_value(fixture):
    page = fixture(WAF_PAGE).replace(b'id="rs" class=""', b'id="rs" class="abc123"')
    cookies = solve_challenge(page, max_iterations=100)
    assert [(c.name, c.value) for c in cookies][1] == ("waforiginalreid", "abc123")


def test_garbled_challenge_is_not_solved(fixture):
    page = fixture(WAF_PAGE).replace(b'id="cs" class="eyJ2', b'id="cs" class="!!!!')
    assert solve_challenge(page, max_iterations=100) is None


def test_find_nonce_matches_sha256():
    target = hashlib.sha256(b"seed" + b"4321").digest()
    assert find_nonce(b"seed", target, 10_000) == 4321
    assert find_nonce(b"seed", target, 4320) is None


def test_captcha_markers_are_detected():
    assert is_captcha(b'<html><div id="captcha-verify-container"></div></html>')
