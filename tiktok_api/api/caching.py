"""HTTP caching of our answers: Cache-Control, Age, Cache-Status (RFC 9211), ETag and 304."""

import hashlib
from typing import Any

import orjson
from flask import Response, request

from .. import telemetry

CACHE_NAME = "tiktok-api"
STATUS_VALUES = {
    "hit": f"{CACHE_NAME}; hit",
    "miss": f"{CACHE_NAME}; fwd=miss; stored",
    "stale": f"{CACHE_NAME}; hit; fwd=stale",
}


def etag_of(data: Any) -> str:
    """A strong validator over `data` alone (never `server_time`)."""
    encoded = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(encoded, digest_size=16).hexdigest()


def conditional(response: Response, etag: str | None) -> Response:
    """A cacheable answer gets its ETag; a matching If-None-Match turns it into a 304."""
    stats = telemetry.current()
    if etag is None or stats is None or not stats.cacheable:
        return response
    response.set_etag(etag)
    if "If-None-Match" not in request.headers:  # nothing to compare: spare werkzeug's parsing
        return response
    return response.make_conditional(request)


def add_cache_headers(response: Response) -> Response:
    """Cache-Control on every JSON answer; Age and Cache-Status where a cached post answered."""
    stats = telemetry.current()
    headers = response.headers
    # Only this hook writes Cache-Status and Age: `add` spares werkzeug a search for each.
    if stats is not None and stats.cache:
        headers.add("Cache-Status", STATUS_VALUES[stats.cache])
        if stats.cache != "miss":
            headers.add("Age", str(int(stats.age)))
    if "Cache-Control" in headers or not _is_json(response):
        return response
    if stats is not None and stats.cacheable and response.status_code in (200, 304):
        fresh = 0 if stats.cache == "stale" else int(stats.fresh_for)
        headers.add("Cache-Control", f"public, max-age={fresh}")
    else:
        headers.add("Cache-Control", "no-store")
    return response


def _is_json(response: Response) -> bool:
    """A JSON answer, or a 304 standing for one."""
    return response.is_json or response.status_code == 304
