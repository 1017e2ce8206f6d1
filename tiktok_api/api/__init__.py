"""One blueprint per endpoint, and the helpers their views share."""

from collections.abc import Mapping

from flask import current_app
from marshmallow import Schema, fields

from ..domain.errors import (
    InvalidURL,
    LoginRequired,
    MissingParameter,
    NotAPost,
    PostNotFound,
    PostPrivate,
    RegionBlocked,
    UpstreamBlocked,
    UpstreamBusy,
    UpstreamError,
    UpstreamRateLimited,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from ..service import TikTok

# What any view that reads one post from a pasted link can answer with.
POST_ERRORS = (
    MissingParameter,
    InvalidURL,
    NotAPost,
    PostNotFound,
    PostPrivate,
    LoginRequired,
    RegionBlocked,
    UpstreamError,
    UpstreamUnavailable,
    UpstreamRateLimited,
    UpstreamBlocked,
    UpstreamBusy,
    UpstreamTimeout,
)


class LinkQuerySchema(Schema):
    """The one query parameter of the post endpoints."""

    url = fields.String(
        required=True,
        metadata={
            "description": "A TikTok post link (video or photo), a short link "
            "(vm./vt.tiktok.com, tiktok.com/t/) or share text containing one."
        },
    )


def tiktok() -> TikTok:
    """The app's TikTok reader."""
    return current_app.extensions["tiktok"]


def require_param(args: Mapping[str, str], name: str) -> str:
    """A non-blank query parameter, or a 400 naming it."""
    value = args.get(name, "")
    if not value.strip():
        raise MissingParameter(f"The query parameter '{name}' is required.")
    return value
