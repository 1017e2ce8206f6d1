"""Fetch a post's page (solving the bot check when it shows) and return its raw data."""

from urllib.parse import urlsplit

import requests

from ..domain.errors import LoginRequired, NoPostData, PostNotFound, UpstreamBlocked
from ..domain.links import post_page_url
from ..domain.page_data import BadData, NoData, RawPost, find_post
from ..domain.statuses import raise_for_status_code
from .challenge import is_captcha
from .pages import read_page, with_fresh_jar
from .transport import Transport, check_upstream_url


def fetch_post(transport: Transport, post_id: str) -> tuple[RawPost, requests.Session]:
    """The post's raw data and the session (cookie jar) that read it."""
    return with_fresh_jar(transport, lambda session: _read_post(transport, session, post_id))


def _read_post(transport: Transport, session: requests.Session, post_id: str) -> RawPost:
    """One attempt: the page (bot check solved if it shows), then the data in the page."""
    page = read_page(transport, session, post_page_url(post_id), _next_hop)
    return _post_data(page.body, post_id)


def _next_hop(target: str) -> str:
    """Where a redirect from a post page may go: login and the home page end the walk."""
    check_upstream_url(target)
    path = urlsplit(target).path.rstrip("/")
    if path == "/login":
        raise LoginRequired()
    if path == "":
        raise PostNotFound()
    return target


def _post_data(body: bytes, post_id: str) -> RawPost:
    """The raw post from the page, with TikTok's `statusCode` turned into our errors."""
    if not body.strip():
        raise UpstreamBlocked("TikTok answered with an empty page.")
    try:
        raw = find_post(body, post_id)
    except NoData:
        if is_captcha(body):
            raise UpstreamBlocked("TikTok asked for a captcha.") from None
        raise NoPostData() from None
    except BadData:
        raise NoPostData("TikTok's page data could not be parsed.") from None
    raise_for_status_code(raw.status_code, raw.status_message)
    if not raw.item:
        raise NoPostData()
    return raw
