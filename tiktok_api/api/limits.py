"""Per-client rate limits (flask-limiter): RATE_LIMIT on every answer that reads TikTok,
MEDIA_RATE_LIMIT on media on top; shared through Redis when set; RateLimit-* headers."""

import math
import time

from flask import Blueprint, Flask, Response, request
from flask_limiter import ExemptionScope, Limiter
from redis import RedisError

from ..metrics import RATE_LIMITED

EXEMPT = ExemptionScope.APPLICATION | ExemptionScope.DEFAULT | ExemptionScope.DESCENDENTS


def client_address() -> str:
    """Who a limit counts: the client's address (the router's, trusted for PROXY_FIX_HOPS)."""
    return request.remote_addr or "unknown"


def build_limiter(app: Flask, exempt: list[Blueprint], media: Blueprint) -> Limiter | None:
    """The limiter for this app, or None when no limit is set."""
    config = app.config
    if not config["RATE_LIMIT"] and not config["MEDIA_RATE_LIMIT"]:
        return None
    limiter = Limiter(
        client_address,
        application_limits=[config["RATE_LIMIT"]] if config["RATE_LIMIT"] else [],
        storage_uri=config["REDIS_URL"] or "memory://",
        storage_options=_storage_options(config),
        strategy="moving-window",
        headers_enabled=False,
        in_memory_fallback_enabled=True,
        swallow_errors=True,
        key_prefix="tiktok-api:v1:limits",
    )
    for blueprint in exempt:
        limiter.exempt(blueprint, flags=EXEMPT)
    if config["MEDIA_RATE_LIMIT"]:
        limiter.limit(config["MEDIA_RATE_LIMIT"])(media)
    limiter.init_app(app)
    app.after_request(lambda response: _limit_headers(limiter, response))
    return limiter


def _storage_options(config) -> dict:
    """Redis timeouts like the cache's (a dead Redis falls back to in-memory limits)."""
    if not config["REDIS_URL"]:
        return {}
    timeout = config["REDIS_TIMEOUT"]
    return {"socket_timeout": timeout, "socket_connect_timeout": timeout}


def _limit_headers(limiter: Limiter, response: Response) -> Response:
    """RateLimit-Limit, -Remaining, -Reset (seconds) and -Policy; Retry-After on a 429."""
    limit = limiter.current_limit
    if limit is None:
        return response
    try:
        reset = max(0, math.ceil(limit.window[0] - time.time()))
        remaining = max(0, limit.remaining)
    except (RedisError, OSError):  # Redis failed just now: the answer goes out without them
        return response
    item = limit.limit
    headers = response.headers
    headers["RateLimit-Limit"] = str(item.amount)
    headers["RateLimit-Remaining"] = str(remaining)
    headers["RateLimit-Reset"] = str(reset)
    headers["RateLimit-Policy"] = f"{item.amount};w={item.get_expiry()}"
    if response.status_code == 429:
        headers["Retry-After"] = str(max(1, reset))
        route = request.url_rule.rule if request.url_rule else "unmatched"
        RATE_LIMITED.labels(route).inc()
    return response
