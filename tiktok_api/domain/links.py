"""Pure: a pasted link (or share text) -> a post id or a short link to resolve; no I/O."""

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit

from .errors import InvalidURL, NotAPost

# Hosts a pasted post link may name; anything else (look-alikes included) is refused.
POST_HOSTS = frozenset(
    {
        "tiktok.com",
        "www.tiktok.com",
        "m.tiktok.com",
        "t.tiktok.com",
        "vm.tiktok.com",
        "vt.tiktok.com",
        "lite.tiktok.com",
        "tiktokv.com",
        "www.tiktokv.com",
    }
)
SHORT_HOSTS = frozenset({"vm.tiktok.com", "vt.tiktok.com"})
TIKTOK_EPOCH = 1472688000  # 2016-09-01: no post id is older than this

_ID = r"([0-9]{19})"  # ASCII only: \d also matches fullwidth and other digits
_POST_PATHS = [
    re.compile(rf"^/@[^/]*/(?:video|photo)/{_ID}/?$"),
    re.compile(rf"^/v/{_ID}\.html$"),
    re.compile(rf"^/embed/(?:v2/)?{_ID}/?$"),
    re.compile(rf"^/player/v1/{_ID}/?$"),
    re.compile(rf"^(?:/i18n)?/share/video/{_ID}/?$"),
]
_SHORT_CODE = re.compile(r"^/(t/)?([A-Za-z0-9_-]{5,32})/?$")
# TikTok pages that are not posts, and what each is (the 422 names it).
_NOT_POSTS = [
    (re.compile(r"^/@[^/]+/live/?$"), "a LIVE"),
    (re.compile(r"^/(?:share/)?live(?:/.*)?$"), "a LIVE"),
    (re.compile(r"^/@[^/]+/(?:collection|playlist)/[^/]+/?$"), "a collection"),
    (re.compile(r"^/sticker/.+$"), "an effect"),
    (re.compile(r"^/share/user/[0-9]+/?$"), "a profile"),
    (re.compile(r"^/h5/share/usr/[0-9]+\.html$"), "a profile"),
    (re.compile(r"^/@[^/]+/?$"), "a profile"),
    (re.compile(r"^/music/.+$"), "a sound"),
    (re.compile(r"^/tag/.+$"), "a hashtag"),
    (re.compile(r"^/discover/.+$"), "a topic page"),
]
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# In a share text only tab, CR and LF may separate words; split() and strip() take more as blanks.
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EDGE_PUNCTUATION = "()[]<>{}\"'.,;:!?“”‘’«»"


@dataclass(frozen=True, slots=True)
class PostLink:
    """A link that names its post id."""

    post_id: str


@dataclass(frozen=True, slots=True)
class ShortLink:
    """A short link (vm./vt./t/) whose post id is only known after one redirect hop."""

    url: str


# The same link is pasted again and again: a hit then costs a lookup, not the parse (a link
# refused is not kept; one kept is a frozen value, the same for every caller).
@lru_cache(maxsize=4096)
def parse_link(text: str, max_length: int = 2048) -> PostLink | ShortLink:
    """The first TikTok post link in `text` (a bare link or a whole share text)."""
    if _TEXT_CONTROL.search(text):
        raise InvalidURL("The url parameter contains control characters.")
    text = text.strip()
    if not text:
        raise InvalidURL("The url parameter is empty.")
    if len(text) > max_length:
        raise InvalidURL(f"The url parameter is longer than {max_length} characters.")
    tokens = text.split()
    if len(tokens) == 1:
        return parse_url(tokens[0])
    for token in tokens:
        token = token.strip(_EDGE_PUNCTUATION)
        if "tiktok" in token.lower():
            try:
                return parse_url(token)
            except InvalidURL:
                continue
    raise InvalidURL("No TikTok post link was found in the text.")


def parse_url(url: str) -> PostLink | ShortLink:
    """One URL -> a post reference; refuses every host that is not TikTok's."""
    parts = split_tiktok_url(url)
    path = unquote(parts.path) or "/"
    return _match_path((parts.hostname or "").lower(), path, parts.query)


def split_tiktok_url(url: str) -> SplitResult:
    """The parts of a link to a TikTok host (scheme optional); anything else is InvalidURL."""
    if _CONTROL.search(url):
        raise InvalidURL("The link contains control characters.")
    if "://" not in url:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) and not url.lower().startswith(
            ("tiktok.com", "www.", "m.", "vm.", "vt.", "t.", "lite.")
        ):
            raise InvalidURL("Only http and https links are accepted.")
        url = "https://" + url.lstrip("/")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise InvalidURL("The link is malformed.") from error
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidURL("Only http and https links are accepted.")
    if "@" in parts.netloc or port is not None or "%" in parts.netloc or "\\" in url:
        raise InvalidURL("The link names a host that is not TikTok's.")
    if (parts.hostname or "").lower() not in POST_HOSTS:
        raise InvalidURL("The link names a host that is not TikTok's.")
    return parts


def _match_path(host: str, path: str, query: str) -> PostLink | ShortLink:
    """Map the path of a TikTok link to a post id or a short code."""
    for pattern in _POST_PATHS:
        match = pattern.match(path)
        if match:
            return PostLink(validate_post_id(match.group(1)))
    short = _SHORT_CODE.match(path)
    if short and (host in SHORT_HOSTS or (short.group(1) and host != "t.tiktok.com")):
        return ShortLink(_short_url(host, short.group(1), short.group(2)))
    item_id = _id_from_query(query)
    if item_id:
        return PostLink(validate_post_id(item_id))
    for pattern, what in _NOT_POSTS:
        if pattern.match(path):
            raise NotAPost(f"This TikTok link points to {what}, not to a post.")
    raise InvalidURL("This TikTok link does not name a post.")


def _short_url(host: str, t_prefix: str | None, code: str) -> str:
    """The canonical form of a short link, always https."""
    if t_prefix:
        host = "lite.tiktok.com" if host == "lite.tiktok.com" else "www.tiktok.com"
        return f"https://{host}/t/{code}/"
    return f"https://{host}/{code}/"


def _id_from_query(query: str) -> str | None:
    """A post id carried in the query string: a redirect's item_id or share_item_id, or the
    old share form's `/trending?shareId=<id>`."""
    params = parse_qs(query)
    for key in ("item_id", "share_item_id", "shareId"):
        for value in params.get(key, []):
            if re.fullmatch(r"[0-9]{19}", value):
                return value
    return None


def validate_post_id(post_id: str, now: float | None = None) -> str:
    """A 19-digit id whose embedded timestamp lies between TikTok's launch and tomorrow."""
    if not re.fullmatch(r"[0-9]{19}", post_id):
        raise InvalidURL("A TikTok post id has 19 digits.")
    minted = int(post_id) >> 32
    if not TIKTOK_EPOCH <= minted <= (now or time.time()) + 86400:
        raise InvalidURL("This is not a valid TikTok post id.")
    return post_id


def post_page_url(post_id: str) -> str:
    """The desktop page that carries a post's data (also for photo posts)."""
    return f"https://www.tiktok.com/@_/video/{post_id}"
