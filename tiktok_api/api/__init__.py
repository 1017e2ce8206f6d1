"""One blueprint per endpoint, and the helpers their views share."""

from collections.abc import Mapping

from flask import current_app

from ..errors import MissingParameter
from ..service import TikTok


def tiktok() -> TikTok:
    """The app's TikTok reader."""
    return current_app.extensions["tiktok"]


def require_param(args: Mapping[str, str], name: str) -> str:
    """A non-blank query parameter, or a 400 naming it."""
    value = args.get(name, "")
    if not value.strip():
        raise MissingParameter(f"The query parameter '{name}' is required.")
    return value
