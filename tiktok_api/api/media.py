"""GET/HEAD /api/tiktok/media/<post_id>/<kind>: a post's files under links that do not expire."""

from flask import Blueprint, current_app, request
from werkzeug.exceptions import NotFound

from ..media.kinds import FILE_KINDS, ZIP_KIND, slide_kind
from ..media.stream import MediaProxy

bp = Blueprint("media", __name__)


def media() -> MediaProxy:
    """The app's media proxy."""
    return current_app.extensions["media"]


@bp.get("/api/tiktok/media/<post_id>/<kind>")
def media_file(post_id: str, kind: str):
    """The video, watermarked video, music, cover, author avatar or a zip of every slide."""
    if kind not in FILE_KINDS and kind != ZIP_KIND:
        raise NotFound()
    return media().respond(post_id, kind, request)


@bp.get("/api/tiktok/media/<post_id>/image/<int:number>")
def media_slide(post_id: str, number: int):
    """Slide `number` (from 1) of a photo post."""
    return media().respond(post_id, slide_kind(number), request)
