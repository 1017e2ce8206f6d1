"""Structured logs: one JSON line per request on stdout, carrying the request id."""

import logging
import re
import secrets
import sys
from datetime import UTC, datetime
from typing import Any

import orjson
from flask import Flask, Response, g, has_app_context, request

from .. import telemetry

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy's request id looks like (UUIDs, Heroku/ALB ids); anything else is replaced.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+=/-]{0,127}")
REQUEST_LOGGER = "tiktok_api.request"
_RECORD_FIELDS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    """A log record as one JSON object: time, level, logger, message and any `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a single line of JSON."""
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        line.update({k: v for k, v in record.__dict__.items() if k not in _RECORD_FIELDS})
        if "request_id" not in line and (rid := _request_id()):
            line["request_id"] = rid
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


class StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is at the time of the write (test capture swaps it)."""

    def __init__(self) -> None:
        super().__init__(sys.stdout)

    @property
    def stream(self):  # type: ignore[override]
        """The current standard output."""
        return sys.stdout

    @stream.setter
    def stream(self, value) -> None:
        """Ignored: the stream is always the current stdout."""


def configure_logging(level: str) -> None:
    """Send the package's logs to stdout as JSON (once per process)."""
    logger = logging.getLogger("tiktok_api")
    logger.setLevel(level.upper())
    if not any(isinstance(h, StdoutHandler) for h in logger.handlers):
        handler = StdoutHandler()
        handler.setFormatter(JSONFormatter())
        logger.addHandler(handler)


def request_id_from(header: str | None) -> str:
    """The caller's request id when it looks sane, else a new one."""
    if header and SANE_REQUEST_ID.fullmatch(header):
        return header
    return secrets.token_hex(16)


def _request_id() -> str | None:
    """The id of the request being served, if any."""
    return g.get("request_id") if has_app_context() else None


def _begin_request() -> None:
    """Stamp the request with its id and start its clock and counters."""
    g.request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
    telemetry.start_request()


def _error_slug(response: Response) -> str | None:
    """The slug of an error envelope."""
    if response.status_code < 400 or not response.is_json:
        return None
    body = response.get_json(silent=True)
    return body.get("error") if isinstance(body, dict) else None


def _log_request(response: Response) -> Response:
    """Return the request id and write the request's log line."""
    request_id = g.get("request_id")
    if request_id is None:  # the request failed before its first hook ran
        request_id = g.request_id = request_id_from(None)
    response.headers.add(REQUEST_ID_HEADER, request_id)  # only this hook writes it
    logger = logging.getLogger(REQUEST_LOGGER)
    if not logger.isEnabledFor(logging.INFO):
        return response
    stats = telemetry.current() or telemetry.RequestStats()
    latency = (telemetry.elapsed() or 0.0) * 1000
    logger.info(
        "request",
        extra={
            "request_id": request_id,
            "method": request.method,
            "route": request.url_rule.rule if request.url_rule else None,
            "status": response.status_code,
            "latency_ms": round(latency, 2),
            "error": _error_slug(response),
            "upstream_calls": stats.upstream_calls,
            "upstream_ms": round(stats.upstream_seconds * 1000, 2),
            "post_id": stats.post_id,
            "cache": stats.cache,
        },
    )
    return response


def register_request_logging(app: Flask) -> None:
    """Log every request as one JSON line and echo its id in `X-Request-ID`."""
    configure_logging(app.config["LOG_LEVEL"])
    app.before_request(_begin_request)
    app.after_request(_log_request)
