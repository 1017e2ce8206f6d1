"""Read one TikTok page: redirects inside TikTok, the bot check solved once, 403 retried."""

from collections.abc import Callable, Collection
from typing import TypeVar

import requests

from ..domain.errors import UpstreamBlocked
from ..domain.statuses import Subject, raise_for_http_status
from ..metrics import UPSTREAM
from .challenge import is_waf_challenge, solve_challenge
from .transport import NextHop, Page, Transport, check_upstream_url

COOKIE_DOMAIN = ".tiktok.com"
T = TypeVar("T")


class Forbidden(Exception):
    """TikTok answered 403: worth one more try with a fresh cookie jar."""


def with_fresh_jar(
    transport: Transport, read: Callable[[requests.Session], T]
) -> tuple[T, requests.Session]:
    """`read(session)` with a new cookie jar; a 403 gets one more try with another new jar."""
    for attempt in range(2):
        session = transport.new_session()
        try:
            return read(session), session
        except Forbidden:
            session.close()
            if attempt:
                raise UpstreamBlocked("TikTok refused the request (HTTP 403).") from None
    raise AssertionError("unreachable")  # pragma: no cover


def read_page(
    transport: Transport,
    session: requests.Session,
    url: str,
    next_hop: NextHop = check_upstream_url,
    accept: Collection[int] = (),
    subject: Subject = "post",
) -> Page:
    """The page at `url`, solving the bot check once when it shows instead of the page."""
    page = get_page(transport, session, url, next_hop, accept, subject)
    if not is_waf_challenge(page.body):
        return page
    cookies = solve_challenge(page.body, transport.config["CHALLENGE_MAX_ITERATIONS"])
    if not cookies:
        raise UpstreamBlocked("TikTok's bot check could not be solved.")
    for cookie in cookies:
        session.cookies.set(cookie.name, cookie.value, domain=COOKIE_DOMAIN, path="/")
    page = get_page(transport, session, url, next_hop, accept, subject)
    if is_waf_challenge(page.body):
        raise UpstreamBlocked("TikTok's bot check did not accept our answer.")
    UPSTREAM.labels("page" if subject == "post" else subject, "wall_solved").inc()
    return page


def get_page(
    transport: Transport,
    session: requests.Session,
    url: str,
    next_hop: NextHop = check_upstream_url,
    accept: Collection[int] = (),
    subject: Subject = "post",
) -> Page:
    """GET a page through TikTok's redirects; an unusable status becomes the error it means for
    a `subject` page, except the statuses in `accept`, which are returned to the caller."""
    page = transport.get_page(session, url, next_hop)
    if page.status not in accept:
        _check_status(page, transport.config["UPSTREAM_RETRY_AFTER"], subject)
    return page


def _check_status(page: Page, default_wait: int, subject: Subject) -> None:
    """A 403 is retried once with a fresh jar; other statuses map to errors."""
    if page.status == 403:
        raise Forbidden()
    raise_for_http_status(page.status, page.headers, default_wait, subject)
