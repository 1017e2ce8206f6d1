"""The gunicorn worker: gevent (waiting on TikTok costs a greenlet, not a slot), a stall
limit per client, and the HTTP server's own refusals answered in the envelope too."""

import http
import logging
from typing import Any

import orjson
from gunicorn import util
from gunicorn.http import errors as http_errors
from gunicorn.workers.ggevent import GeventWorker as GunicornGeventWorker

from .api.envelope import failure, frame
from .config import load_config
from .domain.errors import APIError, BadRequest, HeadersTooLarge, URITooLong

log = logging.getLogger(__name__)
# What the server refuses before the app sees the request (the limits are set in
# gunicorn.conf.py): a request line or headers past them, or bytes that are not HTTP.
REFUSALS: dict[type[Exception], type[APIError]] = {
    http_errors.LimitRequestLine: URITooLong,
    http_errors.LimitRequestHeaders: HeadersTooLarge,
}


def refusal_for(error: Exception) -> APIError:
    """Our error for what the server could not serve: a refusal, or our own 500."""
    for kind, refusal in REFUSALS.items():
        if isinstance(error, kind):
            return refusal()
    if isinstance(error, http_errors.ParseException):
        return BadRequest()
    return APIError()


def refusal_bytes(error: APIError, config: dict[str, Any]) -> bytes:
    """A whole HTTP/1.1 answer carrying `error` in the envelope; the connection then closes."""
    docs = config["DOCS_URL"] or (config["PUBLIC_BASE_URL"] or "") + "/docs"
    envelope = frame(config["API_AUTHOR"], error.status, None, docs)
    body = orjson.dumps(failure(envelope, error.slug, error.message))
    head = (
        f"HTTP/1.1 {error.status} {http.HTTPStatus(error.status).phrase}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Cache-Control: no-store\r\n"
        "X-Content-Type-Options: nosniff\r\n\r\n"
    )
    return head.encode("latin-1") + body


class EnvelopeRefusals:
    """Mixed into a gunicorn worker: what it refuses itself is answered in the envelope."""

    def handle_error(self, req: Any, client: Any, addr: Any, exc: Exception) -> None:
        """Answer an unparseable request (or a crash outside the app) in the envelope."""
        error = refusal_for(exc)
        if error.status >= 500:
            log.exception("error outside the app", exc_info=exc)
        else:
            log.info("refused a request: %s %s", error.slug, exc)
        try:
            util.write_nonblock(client, refusal_bytes(error, self.app_config))
        except OSError:
            log.debug("could not send the refusal: the client left")

    @property
    def app_config(self) -> dict[str, Any]:
        """The service's settings, read once per worker."""
        if not hasattr(self, "_app_config"):
            self._app_config = load_config()
        return self._app_config


class GeventWorker(EnvelopeRefusals, GunicornGeventWorker):
    """gunicorn's gevent worker; a client that stalls (sending or reading) past CLIENT_TIMEOUT
    seconds is dropped. gunicorn already bounds the wait for each request's headers by
    `keepalive` seconds in all (gunicorn.conf.py), so a slow-headers client costs a greenlet
    for at most that long."""

    def handle(self, listener: Any, client: Any, addr: Any) -> None:
        """Serve one connection, each send and receive bounded by CLIENT_TIMEOUT."""
        client.settimeout(self.app_config["CLIENT_TIMEOUT"])
        super(GunicornGeventWorker, self).handle(listener, client, addr)
