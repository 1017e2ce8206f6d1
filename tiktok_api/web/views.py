"""GET / (the home page) and /static/<name> (its stylesheet, script and icon)."""

import hashlib
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.exceptions import NotFound, TooManyRequests

from ..api import POST_ERRORS, tiktok
from ..api.random_post import DOC as RANDOM_DOC
from ..domain.errors import APIError, RateLimited
from ..domain.models import Post
from ..openapi.apidoc import Doc, documented
from .messages import Message, message_for
from .present import present

bp = Blueprint("web", __name__, template_folder="templates")
STATIC = Path(__file__).parent / "static"
ASSETS = {
    "home.css": "text/css",
    "home.js": "text/javascript",
    "icon.svg": "image/svg+xml",
}
# The assets, read once; each one's version lets the page have browsers keep them for a day.
BODIES = {name: (STATIC / name).read_bytes() for name in ASSETS}
VERSIONS = {name: hashlib.sha256(body).hexdigest()[:12] for name, body in BODIES.items()}
# Everything the page loads is ours: no inline script or style, no other origin.
PAGE_CSP = (
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; "
    "object-src 'none'"
)
POST_TYPES = ("video", "photo")


@bp.get("/")
@documented(
    Doc(
        summary="The home page: paste a link, see the post, download its files.",
        description="`?url=<link or share text>` shows that post; `?username=<handle>` (and "
        "`type=video|photo`) a random post of that user. Works without JavaScript; loads "
        "nothing from another origin.",
        media_types=("text/html",),
        errors=tuple(dict.fromkeys((*POST_ERRORS, *RANDOM_DOC.errors))),
        raw=True,
        page=True,
    )
)
def home() -> Response:
    """The form; with `url` or `username`, the post (or a message saying what went wrong)."""
    url, username = request.args.get("url", ""), request.args.get("username", "")
    kind = request.args.get("type", "")
    post, drawn = None, False
    try:
        if url.strip():
            post = tiktok().post(url)
        elif username.strip():
            post, drawn = tiktok().random_post(username, kind or None), True
    except APIError as error:
        return page(error=error)
    return page(post=post, drawn=drawn)


def page(post: Post | None = None, drawn: bool = False, error: APIError | None = None) -> Response:
    """The home page, rendered; an error's page carries the error's status."""
    message: Message | None = message_for(error) if error else None
    kind = request.args.get("type", "")
    html = render_template(
        "home.html",
        url=request.args.get("url", ""),
        username=request.args.get("username", ""),
        kind=kind if kind in POST_TYPES else "",
        post=present(post) if post else None,
        drawn=drawn,
        message=message,
        versions=VERSIONS,
    )
    response = current_app.response_class(html, status=error.status if error else 200)
    response.mimetype = "text/html"
    response.headers["Content-Security-Policy"] = PAGE_CSP
    response.headers["Cache-Control"] = "no-store"
    if error is not None and error.retry_after:
        response.headers["Retry-After"] = str(error.retry_after)
    return response


@bp.errorhandler(APIError)
def page_for_error(error: APIError) -> Response:
    """An error raised before the view (a refused host) as the page, not JSON."""
    return page(error=error)


@bp.errorhandler(TooManyRequests)
def page_for_limit(_: TooManyRequests) -> Response:
    """Past RATE_LIMIT: the page says so (the RateLimit-* headers are added after)."""
    return page(error=RateLimited())


@bp.get("/static/<name>")
@documented(
    Doc(
        summary="The home page's stylesheet, script and icon.",
        description="Served by us (no CDN); each is kept by browsers for a day.",
        media_types=tuple(sorted(set(ASSETS.values()))),
        raw=True,
        path_params={"name": f"One of {', '.join(ASSETS)}."},
        example_path={"name": "home.css"},
    )
)
def static(name: str) -> Response:
    """One of the page's own files (its endpoint name keeps it out of the rate limits)."""
    if name not in ASSETS:
        raise NotFound()
    response = current_app.response_class(BODIES[name], mimetype=ASSETS[name])
    response.set_etag(VERSIONS[name])
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response.make_conditional(request)
