"""The sources that may answer when a post's page cannot be read: its embed player page
`/embed/v2/<id>` and oEmbed. Each answers None when it has nothing (never an error)."""

from typing import Any
from urllib.parse import quote

import orjson

from ..domain.embed_data import find_embed_post
from ..domain.errors import APIError
from ..domain.links import post_page_url
from ..domain.page_data import BadData, NoData
from .pages import read_page
from .transport import Transport, cookie_header


def embed_post_url(post_id: str) -> str:
    """The embed player page of a (validated) post id."""
    return f"https://www.tiktok.com/embed/v2/{post_id}"


def oembed_url(post_id: str) -> str:
    """TikTok's oEmbed endpoint for a (validated) post id."""
    return "https://www.tiktok.com/oembed?url=" + quote(post_page_url(post_id), safe="")


def fetch_embed_post(transport: Transport, post_id: str) -> tuple[dict[str, Any], str] | None:
    """The embed page's `videoData` and the page's cookies; None when it has no post."""
    session = transport.new_session()
    try:
        page = read_page(transport, session, embed_post_url(post_id))
        return find_embed_post(page.body, post_id), cookie_header(session.cookies)
    except (APIError, NoData, BadData):
        return None
    finally:
        session.close()


def fetch_oembed(transport: Transport, post_id: str) -> dict[str, Any] | None:
    """The oEmbed body for the post; None unless TikTok answers 200 with a JSON object."""
    with transport.new_session() as session:
        try:
            page = transport.get(session, oembed_url(post_id), Accept="application/json")
        except APIError:
            return None
    if page.status != 200:
        return None
    try:
        data = orjson.loads(page.body)
    except orjson.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None
