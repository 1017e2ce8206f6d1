"""What every answer carries (CORS on /api/*, security headers, Vary), OPTIONS, a sound base;
and an app that never debugs."""

from collections.abc import Callable
from functools import cached_property

from flask import Flask, Response, current_app, request

from .caching import add_cache_headers
from .urls import check_request_base, link_dependent_headers

API_PREFIX = "/api/"
API_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_REQUEST_HEADERS = "Accept, Accept-Language, Content-Language, Range, X-Request-ID"
EXPOSED_HEADERS = "X-Request-ID, Retry-After, Content-Length, Content-Range, Content-Disposition"
PREFLIGHT_MAX_AGE = "86400"
# JSON never needs to load anything; the docs page sets its own, slightly wider policy.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


EVERY_ANSWER_HEADERS = (*SECURITY_HEADERS.items(), ("Content-Security-Policy", API_CSP))
API_HEADERS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", EXPOSED_HEADERS),
    *EVERY_ANSWER_HEADERS,
)


class ServiceApp(Flask):
    """A Flask app whose debug mode cannot be switched on (FLASK_DEBUG, app.run, config), and
    whose hooks and views are checked for `async` once, not on every request."""

    def ensure_sync(self, func: Callable) -> Callable:
        """`func` callable synchronously (Flask asks for every hook of every request)."""
        synced = self._synced.get(func)
        if synced is None:
            synced = self._synced[func] = super().ensure_sync(func)
        return synced

    @cached_property
    def _synced(self) -> dict[Callable, Callable]:
        """What ensure_sync answered, by function."""
        return {}

    @property
    def debug(self) -> bool:
        """Always False: the interactive debugger and tracebacks never reach a client."""
        return False

    @debug.setter
    def debug(self, value: bool) -> None:
        """Ignored."""
        self.config["DEBUG"] = False


def _is_api_request() -> bool:
    """True for a path under /api/."""
    return request.path.startswith(API_PREFIX)


def _answer_options() -> Response | None:
    """OPTIONS to a known route: 204 with `Allow`; on /api/ a CORS preflight is answered too."""
    if request.method != "OPTIONS" or request.url_rule is None:
        return None
    response = current_app.response_class(status=204)
    del response.headers["Content-Type"]
    response.headers["Allow"] = API_METHODS
    if _is_api_request() and "Access-Control-Request-Method" in request.headers:
        _allow_preflight(response)
    return response


def _allow_preflight(response: Response) -> None:
    """The CORS preflight answer: what a cross-origin caller may send."""
    response.headers["Access-Control-Allow-Methods"] = API_METHODS
    response.headers["Access-Control-Allow-Headers"] = ALLOWED_REQUEST_HEADERS
    response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE


def _add_headers(response: Response) -> Response:
    """CORS on /api/ answers; security headers on every answer; `Vary` where links followed
    the request's host."""
    headers = response.headers
    present = {name.lower() for name, _ in headers}
    # One pass over the headers: werkzeug looks each name up in a list, and this runs per answer.
    followed = link_dependent_headers()
    if followed:
        vary = ", ".join(followed)
        if "vary" in present:
            headers.set("Vary", vary)
        else:
            headers.add("Vary", vary)
    for name, value in API_HEADERS if _is_api_request() else EVERY_ANSWER_HEADERS:
        if name.lower() not in present:
            headers.add(name, value)
    return add_cache_headers(response)


def register_response_policy(app: Flask) -> None:
    """Refuse unsound hosts, answer OPTIONS, add CORS, security and Vary headers everywhere."""
    app.config["DEBUG"] = False
    app.before_request(check_request_base)
    app.before_request(_answer_options)
    app.after_request(_add_headers)
