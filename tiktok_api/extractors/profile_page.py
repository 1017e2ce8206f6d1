"""The profile page `/@<username>`: only its `webapp.user-detail` status code."""

import orjson

from ..domain.errors import APIError
from ..domain.page_data import REHYDRATION, script_text
from .pages import read_page, with_fresh_jar
from .transport import Transport

USER_SCOPE = "webapp.user-detail"


def profile_url(username: str) -> str:
    """The profile page of a (validated) handle."""
    return f"https://www.tiktok.com/@{username}"


def fetch_user_status(transport: Transport, username: str) -> int | None:
    """TikTok's `statusCode` for the account, or None when the page cannot be read."""
    try:
        page, session = with_fresh_jar(
            transport,
            lambda session: read_page(transport, session, profile_url(username), subject="user"),
        )
    except APIError:
        # The profile page only refines an answer we already have; its failure is not the user's.
        return None
    session.close()
    return user_status(page.body)


def user_status(body: bytes) -> int | None:
    """`__DEFAULT_SCOPE__["webapp.user-detail"].statusCode` of a profile page, if present."""
    text = script_text(body, REHYDRATION)
    if text is None:
        return None
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    scope = data.get("__DEFAULT_SCOPE__") if isinstance(data, dict) else None
    detail = scope.get(USER_SCOPE) if isinstance(scope, dict) else None
    code = detail.get("statusCode") if isinstance(detail, dict) else None
    return code if isinstance(code, int) and not isinstance(code, bool) else None
