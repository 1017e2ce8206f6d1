"""Our own absolute links: the base every link in an answer starts with."""

from flask import current_app, has_request_context, request

from ..media.links import MEDIA_PATH


def public_base() -> str:
    """`PUBLIC_BASE_URL` when set, else the scheme and host the request came in on."""
    return current_app.config["PUBLIC_BASE_URL"] or request.url_root.rstrip("/")


def media_base() -> str | None:
    """`<base>/api/tiktok/media`, or None when links stay TikTok's (MEDIA_LINKS=direct)."""
    if not has_request_context() or current_app.config["MEDIA_LINKS"] == "direct":
        return None
    return public_base() + MEDIA_PATH
