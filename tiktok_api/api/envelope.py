"""The only place author / code / docs / server_time / status are set."""

import time
from functools import lru_cache
from typing import Any

from flask import current_app, jsonify, request
from werkzeug.http import http_date

from .caching import conditional
from .urls import docs_url


def frame(author: str, status: int, data: Any, docs: str) -> dict[str, Any]:
    """The fields every answer carries, the HTTP server's own refusals included."""
    return {
        "author": author,
        "code": status,
        "data": data,
        "docs": docs,
        "server_time": _http_date(int(time.time())),
        "status": "success" if status < 400 else "failed",
    }


@lru_cache(maxsize=1)
def _http_date(second: int) -> str:
    """`second` as an HTTP date (the same text for every answer within that second)."""
    return http_date(second)


def failure(frame_fields: dict[str, Any], slug: str, message: str) -> dict[str, Any]:
    """An error body: the frame with a machine-readable slug and one sentence."""
    return frame_fields | {"error": slug, "message": message}


def _frame(status: int, data: Any) -> dict[str, Any]:
    """The frame of the answer being served."""
    return frame(current_app.config["API_AUTHOR"], status, data, docs_url(request.blueprint))


def envelope(data: Any, status: int = 200, etag: str | None = None):
    """A success response holding `data`; with the data's `etag`, a 304 when the caller
    already holds this data."""
    response = jsonify(_frame(status, data))
    response.status_code = status
    return conditional(response, etag) if status == 200 else response


def error_envelope(status: int, slug: str, message: str):
    """A failure response with a machine-readable slug and one sentence."""
    return jsonify(failure(_frame(status, None), slug, message)), status
