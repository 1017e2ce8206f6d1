"""The stand-in behaves as TikTok is documented to: cookies, media, Range, bot check, hosts."""

import json
import re
from urllib.parse import urlsplit

import pytest
import requests

from tiktok_api.extractors.challenge import solve_challenge

from .standin.catalogue import FRONTITY
from .standin.cdn import MEDIA_SIZE

pytestmark = pytest.mark.e2e

VIDEO = "7608826249200356630"
PAGE = f"https://www.tiktok.com/@_/video/{VIDEO}"


@pytest.fixture
def media(api):
    """The video and sound links the service hands out for a desktop post."""
    return api.get("/api/tiktok/downloader", url=PAGE).json()["data"]["source"]["media"]


def test_page_sets_chain_token_and_ttwid(browser):
    res = browser.get(PAGE, timeout=5)
    assert res.status_code == 200
    cookies = {cookie.name: cookie for cookie in browser.cookies}
    assert set(cookies) == {"tt_chain_token", "ttwid"}
    assert cookies["tt_chain_token"].domain == ".tiktok.com"
    assert cookies["tt_chain_token"].secure


def test_chain_token_media_needs_the_page_cookie(browser, media):
    url = media["no_watermark"]
    assert "tk=tt_chain_token" in url
    assert browser.get(url, timeout=5).status_code == 403
    browser.get(PAGE, timeout=5)
    res = browser.get(url, headers={"Range": "bytes=0-1023"}, timeout=5)
    assert res.status_code == 206
    assert res.headers["Content-Range"] == f"bytes 0-1023/{MEDIA_SIZE}"
    assert res.headers["Content-Type"] == "video/mp4"
    assert len(res.content) == 1024
    whole = browser.get(url, timeout=5)
    assert whole.status_code == 200
    assert whole.content[:1024] == res.content
    tail = browser.get(url, headers={"Range": "bytes=-100"}, timeout=5)
    assert (tail.status_code, tail.content) == (206, whole.content[-100:])
    res = browser.get(url, headers={"Range": f"bytes={MEDIA_SIZE}-"}, timeout=5)
    assert res.status_code == 416
    assert res.headers["Content-Range"] == f"bytes */{MEDIA_SIZE}"


def test_a_forged_chain_token_is_refused(browser, media):
    browser.cookies.set("tt_chain_token", "forged", domain=".tiktok.com")
    assert browser.get(media["no_watermark"], timeout=5).status_code == 403


def test_media_without_chain_token_is_served_from_cdn_hosts(browser, media):
    res = browser.get(media["music"], headers={"Range": "bytes=10-19"}, timeout=5)
    assert res.status_code == 206
    assert res.headers["Content-Type"] == "audio/mpeg"


def test_bot_check_until_the_right_cookie(browser, standin):
    standin.inject(f"post:{VIDEO}", "challenge")
    page = browser.get(PAGE, timeout=5)
    assert b"_wafchallengeid" in page.content and "Set-Cookie" not in page.headers
    browser.cookies.set("_wafchallengeid", "e30", domain=".tiktok.com")
    assert b"_wafchallengeid" in browser.get(PAGE, timeout=5).content
    (answer,) = solve_challenge(page.content, 1000)
    browser.cookies.set(answer.name, answer.value, domain=".tiktok.com")
    assert b"__UNIVERSAL_DATA_FOR_REHYDRATION__" in browser.get(PAGE, timeout=5).content


def test_short_links(browser):
    res = browser.get("https://vt.tiktok.com/ZSnothing1/", allow_redirects=False, timeout=5)
    assert (res.status_code, res.headers["Location"]) == (301, "https://www.tiktok.com/?_r=1")


def test_profile_and_embed_pages(browser, standin):
    assert b'"uniqueId":"alcaldiasa"' in browser.get("https://www.tiktok.com/@alcaldiasa").content
    missing = browser.get("https://www.tiktok.com/@nobody-here", timeout=5)
    assert b'"statusCode":10221' in missing.content
    embed = browser.get("https://www.tiktok.com/embed/@nasa", timeout=5)
    script = re.search(rf'<script id="{FRONTITY}" [^>]*>(.*?)</script>'.encode(), embed.content)
    node = json.loads(script.group(1))["source"]["data"]["/embed/@nasa"]
    assert node["userInfo"]["uniqueId"] == "nasa"
    assert len(node["videoList"]) == 11
    assert browser.get("https://www.tiktok.com/embed/@nobody-here", timeout=5).status_code == 400
    standin.inject("embed:nasa", "status", status=429, retry_after="7")
    res = browser.get("https://www.tiktok.com/embed/@nasa", timeout=5)
    assert (res.status_code, res.headers["Retry-After"]) == (429, "7")
    assert [r["path"] for r in standin.requests()][-1] == "/embed/@nasa"


def test_foreign_hosts_are_refused_and_flagged(browser, standin):
    with pytest.raises(requests.exceptions.ProxyError):
        browser.get("https://example.org/", timeout=5)
    assert browser.get("http://169.254.169.254/latest/", timeout=5).status_code == 403
    flagged = {(entry["method"], entry["host"]) for entry in standin.foreign()}
    assert flagged == {("CONNECT", "example.org"), ("GET", "169.254.169.254")}
    standin.reset()  # deliberate: keep the per-test "no foreign host" check for the service


def test_media_size_is_set_per_file_and_streamed(browser, standin, media):
    url, other = media["no_watermark"], media["music"]
    size = 3 * 1024 * 1024 + 11
    standin.serve_size(url, size)
    browser.get(PAGE, timeout=5)
    whole = browser.get(url, timeout=5)
    assert (whole.headers["Content-Length"], len(whole.content)) == (str(size), size)
    assert whole.content[:MEDIA_SIZE] != whole.content[MEDIA_SIZE : 2 * MEDIA_SIZE]
    middle = browser.get(url, headers={"Range": "bytes=2000000-2099999"}, timeout=5)
    assert middle.content == whole.content[2000000:2100000]
    assert len(browser.get(other, timeout=5).content) == MEDIA_SIZE
    standin.reset()
    assert len(browser.get(url, timeout=5).content) == MEDIA_SIZE


def test_fault_with_times_lapses(browser, standin, media):
    url = media["music"]
    standin.inject(f"media:{urlsplit(url).hostname}", "status", status=403, times=2)
    statuses = [browser.get(url, timeout=5).status_code for _ in range(3)]
    assert statuses == [403, 403, 200]
