"""One handler renders every error into the envelope: our APIErrors, werkzeug's, the unexpected."""

import logging

from flask import Flask
from werkzeug.exceptions import HTTPException, SecurityError, TooManyRequests

from ..domain.errors import HTTP_SLUGS, APIError, InvalidHost, PostNotFound, RateLimited
from .envelope import error_envelope

log = logging.getLogger(__name__)
# An error is about this one request: no cache in front may keep it for anyone else.
NO_STORE = "no-store"


def _render_api_error(error: APIError):
    """An APIError as an envelope response, with Retry-After where it applies."""
    body, status = error_envelope(error.status, error.slug, error.message)
    headers = {"Cache-Control": _cache_control(error)}
    if error.retry_after:
        headers["Retry-After"] = str(error.retry_after)
    return body, status, headers | (error.headers or {})


def _cache_control(error: APIError) -> str:
    """Errors are for this request only, but a post just read as missing may be kept briefly."""
    if isinstance(error, PostNotFound) and error.max_age is not None:
        return f"public, max-age={error.max_age}"
    return NO_STORE


def _render_http_error(error: HTTPException):
    """A werkzeug HTTP error (404, 405, …) in the envelope."""
    if isinstance(error, SecurityError):  # a Host outside TRUSTED_HOSTS
        return _render_api_error(InvalidHost("This host is not one this service answers for."))
    if isinstance(error, TooManyRequests):  # a client past RATE_LIMIT (flask-limiter)
        return _render_api_error(RateLimited())
    status = error.code or 500
    slug, message = HTTP_SLUGS.get(status, ("http_error", error.description or "HTTP error."))
    body, status = error_envelope(status, slug, message)
    headers = dict(error.get_headers()) | {"Content-Type": "application/json"}
    return body, status, headers | {"Cache-Control": NO_STORE}


def _render_unexpected(error: Exception):
    """Anything else: logged with its traceback, answered as a plain 500."""
    log.exception("unhandled error", exc_info=error)
    return _render_api_error(APIError())


def register_error_handlers(app: Flask) -> None:
    """Route every error the app can raise into the envelope."""
    app.register_error_handler(APIError, _render_api_error)
    app.register_error_handler(HTTPException, _render_http_error)
    app.register_error_handler(Exception, _render_unexpected)
