"""Fetch a creator's embed page `/embed/@<username>` and return its raw account and post list."""

from ..domain.embed_data import EmbedRefused, RawCreator, find_creator
from ..domain.errors import UpstreamBlocked, UpstreamError
from ..domain.page_data import BadData, NoData
from .challenge import is_captcha
from .pages import read_page, with_fresh_jar
from .transport import Transport

# TikTok answers 400 for a private account and for a handle that does not exist alike.
REFUSED_STATUS = 400


def embed_url(username: str) -> str:
    """The creator embed page of a (validated) handle."""
    return f"https://www.tiktok.com/embed/@{username}"


def fetch_creator(transport: Transport, username: str) -> RawCreator:
    """The account and its newest posts; EmbedRefused when TikTok will not show them."""
    page, session = with_fresh_jar(
        transport,
        lambda session: read_page(
            transport, session, embed_url(username), accept={REFUSED_STATUS}, subject="user"
        ),
    )
    session.close()
    if page.status == REFUSED_STATUS:
        raise EmbedRefused()
    try:
        return find_creator(page.body, username)
    except NoData:
        if is_captcha(page.body):
            raise UpstreamBlocked("TikTok asked for a captcha.") from None
        raise UpstreamError("TikTok's embed page carried no account data.") from None
    except BadData:
        raise UpstreamError("TikTok's embed page data could not be parsed.") from None
