"""Shared pieces of the /api/tiktok/random tests: the @nasa embed, pages, and the call."""

import json
import re

from conftest import embed_node, embed_page, read_fixture, rehydration_page

EMBED_URL = "https://www.tiktok.com/embed/@nasa"
PROFILE_URL = "https://www.tiktok.com/@nasa"
ANY_POST = re.compile(r"https://www\.tiktok\.com/@_/video/\d{19}")
NASA = "embed-user-nasa-2026-09-22.json"
NASA_PHOTO = "7681723633164717325"
PHOTO_DETAIL = f"photo-detail-trimmed-2scraper-{NASA_PHOTO}.json"
VIDEO_PAGE = "video-page-camillebrown-7608826249200356630.html"
GONE_POST = "error-video-detail-excerpt-10204-missing-2scraper.json"
NOT_FOUND_PROFILE = "error-user-detail-excerpt-10221-2scraper.json"
NASA_IDS = [item["id"] for item in embed_node(read_fixture(NASA))["videoList"]]
NASA_VIDEO_IDS = [i for i in NASA_IDS if i != NASA_PHOTO]


def get_random(client, **params):
    """Call the endpoint for @nasa, with `params` added to the query string."""
    return client.get("/api/tiktok/random", query_string={"username": "nasa"} | params)


def drawn_id(call) -> str:
    """The post id a post-page request asked for."""
    return call.request.url.rsplit("/", 1)[-1]


def nasa_embed(upstream, node=None):
    """Serve @nasa's creator embed page (the captured node unless another is given)."""
    upstream.get(EMBED_URL, body=embed_page(node or read_fixture(NASA), "nasa"))


def photo_page() -> bytes:
    """The desktop page of NASA's photo post (a trimmed capture)."""
    return rehydration_page(read_fixture(PHOTO_DETAIL))


def profile_page(status_code: int) -> bytes:
    """A profile page whose `webapp.user-detail` carries `status_code`.

    Only 10221 was captured; other codes are that excerpt with its statusCode changed.
    """
    excerpt = json.loads(read_fixture(NOT_FOUND_PROFILE))
    excerpt["__DEFAULT_SCOPE__"]["webapp.user-detail"]["statusCode"] = status_code
    return rehydration_page(excerpt)
