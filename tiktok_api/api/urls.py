"""Our own absolute links: the one place the base of every link we hand out is built."""

import re

from flask import current_app, g, has_request_context, request
from werkzeug.exceptions import SecurityError

from ..domain.errors import InvalidHost
from ..media.links import MEDIA_PATH

SCHEMES = ("http", "https")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# A DNS name (or IPv4 address), or a bracketed IPv6 address; then an optional port.
_HOST = re.compile(rf"(?:(?:{_LABEL}\.)*{_LABEL}\.?|\[[0-9A-Fa-f:.]{{2,45}}\])(?::([0-9]{{1,5}}))?")


def check_request_base() -> None:
    """Refuse a request whose scheme or host could not make a sound link (before any view);
    the sound base is kept for the links the answer will carry."""
    g.request_base = request_base()


def request_base() -> str:
    """`scheme://host[:port]` of the request, only when both are sound; else InvalidHost."""
    scheme = request.scheme
    if scheme not in SCHEMES:
        raise InvalidHost("The forwarded scheme must be http or https.")
    try:
        host = request.host
    except SecurityError:  # a Host outside TRUSTED_HOSTS
        raise InvalidHost("This host is not one this service answers for.") from None
    match = _HOST.fullmatch(host)
    if not match or (match.group(1) and not 1 <= int(match.group(1)) <= 65535):
        raise InvalidHost("The Host header is not a valid host[:port].")
    return f"{scheme}://{host}"


def public_base() -> str:
    """`PUBLIC_BASE_URL` when set (it wins over every header), else the request's own base
    (worked out once per request)."""
    configured = current_app.config["PUBLIC_BASE_URL"]
    if configured:
        return configured
    g.base_from_request = True
    base = g.get("request_base")
    if base is None:
        base = g.request_base = request_base()
    return base


def safe_base() -> str:
    """The public base, or "" (links stay relative to the page) when the request's is unsound."""
    try:
        return public_base()
    except InvalidHost:
        return ""


def docs_url(section: str | None) -> str:
    """The documentation of one endpoint: `DOCS_URL` or `<base>/docs`, with `#section`."""
    base = current_app.config["DOCS_URL"] or safe_base() + "/docs"
    return f"{base}#{section}" if section else base


def media_base() -> str | None:
    """`<base>/api/tiktok/media`, or None when links stay TikTok's (MEDIA_LINKS=direct)."""
    if not has_request_context() or current_app.config["MEDIA_LINKS"] == "direct":
        return None
    return public_base() + MEDIA_PATH


def link_dependent_headers() -> tuple[str, ...]:
    """The request headers our links were built from in this request (for `Vary`)."""
    if not g.get("base_from_request"):
        return ()
    if current_app.config["PROXY_FIX_HOPS"] > 0:
        return ("Host", "X-Forwarded-Proto", "X-Forwarded-Port")
    return ("Host",)
