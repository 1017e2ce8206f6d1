"""Pure: a pasted username (`nasa`, `@nasa`) or profile link -> a canonical handle; no I/O."""

import re
from urllib.parse import unquote

from .errors import InvalidURL, InvalidUsername
from .links import split_tiktok_url

# TikTok handles: letters, digits, `_` and `.`, 2-24 characters, never ending with `.`.
_HANDLE = re.compile(r"[A-Za-z0-9_.]{2,24}")
_PROFILE_PATH = re.compile(r"/@([^/]*)/?")
PROFILE_HOSTS = frozenset({"tiktok.com", "www.tiktok.com", "m.tiktok.com"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def parse_username(text: str, max_length: int = 2048) -> str:
    """The handle named by `text`, lower-cased; InvalidUsername for anything else."""
    if len(text) > max_length or _CONTROL.search(text):
        raise InvalidUsername("The username is too long or contains control characters.")
    text = text.strip()
    if "/" in text or "://" in text:
        text = _handle_from_link(text)
    elif text.startswith("@"):
        text = text[1:]
    return validate_handle(text)


def validate_handle(handle: str) -> str:
    """A handle TikTok could have issued, lower-cased (TikTok handles ignore case)."""
    if not _HANDLE.fullmatch(handle) or handle.endswith("."):
        raise InvalidUsername(
            "A TikTok username has 2 to 24 letters, digits, '_' or '.', and does not end with '.'."
        )
    return handle.lower()


def _handle_from_link(link: str) -> str:
    """The handle in a profile link `https://www.tiktok.com/@name` (query and `/` allowed)."""
    try:
        parts = split_tiktok_url(link)
    except InvalidURL as error:
        raise InvalidUsername(f"Not a TikTok profile link: {error}") from None
    if (parts.hostname or "").lower() not in PROFILE_HOSTS:
        raise InvalidUsername("Not a TikTok profile link.")
    match = _PROFILE_PATH.fullmatch(unquote(parts.path))
    if not match:
        raise InvalidUsername("A TikTok profile link looks like https://www.tiktok.com/@name.")
    return match.group(1)
