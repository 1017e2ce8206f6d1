"""Schema-driven fuzzing: schemathesis calls every operation in-process with TikTok mocked."""

import re

import responses
import schemathesis
from conftest import UNMOCKED, build_app, embed_page, post_url, read_fixture
from hypothesis import HealthCheck, settings
from schemathesis import checks

KNOWN_POST = "7608826249200356630"
PAGES = {
    KNOWN_POST: f"video-page-camillebrown-{KNOWN_POST}.html",
    "7610426235671350549": "photo-page-reflow-iqshift-7610426235671350549.html",
}
POST_PAGE = re.compile(r"https://www\.tiktok\.com/@_/video/(\d+)")
SHORT_LINK = re.compile(r"https://(vm|vt)\.tiktok\.com/.*")
EMBED_PAGE = re.compile(r"https://www\.tiktok\.com/embed/@([^/?]+)")
# CDN hosts only: www.tiktok.com pages must not match here (responses rotates between matches)
CDN = re.compile(
    r"https://(?!www\.)[a-z0-9.-]+\.(tiktokcdn|tiktokcdn-us|tiktokcdn-eu|tiktok)\.com/.*"
)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi("/openapi.json", build_app())


def _post_page(request):
    """The captured page of a known post; TikTok's real "post not found" page for others."""
    post_id = POST_PAGE.match(request.url).group(1)
    return 200, {}, read_fixture(PAGES.get(post_id, "error-video-page-10204-ca74ca.html"))


def _embed_page(request):
    """The captured creator embed of @nasa, served for any handle."""
    username = EMBED_PAGE.match(request.url).group(1)
    return 200, {}, embed_page(read_fixture("embed-user-nasa-2026-09-22.json"), username)


def _cdn_file(request):
    """A few bytes of media for any CDN URL a post lists."""
    kind = "image/jpeg" if "tplv" in request.url or "photomode" in request.url else "video/mp4"
    return 200, {"Content-Type": kind, "Accept-Ranges": "bytes"}, b"\x00" * 64


def mocked_tiktok() -> responses.RequestsMock:
    """TikTok as the fixtures show it: post pages, short links, creator embeds and the CDN."""
    mock = responses.RequestsMock(assert_all_requests_are_fired=False)
    mock.add_callback(responses.GET, POST_PAGE, callback=_post_page)
    mock.add_callback(responses.GET, EMBED_PAGE, callback=_embed_page)
    mock.get(SHORT_LINK, status=301, headers={"Location": post_url(KNOWN_POST)})
    mock.add_callback(responses.GET, CDN, callback=_cdn_file)
    return mock


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_server_error_and_no_answer_off_the_spec(case):
    with mocked_tiktok() as mock:
        case.call_and_validate(checks=CHECKS)
        stray = [c.request.url for c in mock.calls if UNMOCKED in str(c.response)]
    assert not stray, f"unmocked upstream requests: {stray}"
