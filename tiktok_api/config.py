"""Every setting is an environment variable with a default, read here and nowhere else."""

import os
from collections.abc import Mapping
from typing import Any

DESKTOP_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36"
)


def _env(name: str, default: str) -> str:
    """One environment variable, with surrounding blanks removed."""
    return os.environ.get(name, default).strip()


# TikTok's media hosts (TIKTOK.md §4.2); a host matches exactly or as a dot-subdomain.
MEDIA_HOST_SUFFIXES = (
    "tiktok.com,tiktokcdn.com,tiktokcdn-us.com,tiktokcdn-eu.com,tiktokv.com,tiktokv.us,"
    "tiktokv.eu,byteimg.com,ibyteimg.com,muscdn.com,byteoversea.com"
)


def _default_streams() -> str:
    """One stream fewer than a worker's threads, so JSON requests always find a free thread."""
    threads = _env("GUNICORN_THREADS", "4")
    return str(max(1, int(threads) - 1)) if threads.isdigit() else "3"


def _suffixes(value: str) -> tuple[str, ...]:
    """A comma-separated host list as lower-case suffixes without leading dots."""
    return tuple(s.strip().lstrip(".").lower() for s in value.split(",") if s.strip(" ."))


def load_config(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Read every setting from the environment, then apply `overrides` (tests pass their own)."""
    config: dict[str, Any] = {
        "API_AUTHOR": _env("API_AUTHOR", "tiktok-api"),
        "DOCS_URL": _env("DOCS_URL", "") or None,
        "USER_AGENT": _env("USER_AGENT", DESKTOP_USER_AGENT),
        "UPSTREAM_CONNECT_TIMEOUT": float(_env("UPSTREAM_CONNECT_TIMEOUT", "5")),
        "UPSTREAM_READ_TIMEOUT": float(_env("UPSTREAM_READ_TIMEOUT", "10")),
        "UPSTREAM_TOTAL_TIMEOUT": float(_env("UPSTREAM_TOTAL_TIMEOUT", "20")),
        "UPSTREAM_MAX_BYTES": int(_env("UPSTREAM_MAX_BYTES", str(8 * 1024 * 1024))),
        "UPSTREAM_RETRIES": int(_env("UPSTREAM_RETRIES", "2")),
        "UPSTREAM_BACKOFF": float(_env("UPSTREAM_BACKOFF", "0.5")),
        "UPSTREAM_MAX_REDIRECTS": int(_env("UPSTREAM_MAX_REDIRECTS", "5")),
        "UPSTREAM_RETRY_AFTER": int(_env("UPSTREAM_RETRY_AFTER", "60")),
        "TIKTOK_PROXY": _env("TIKTOK_PROXY", "") or None,
        "CHALLENGE_MAX_ITERATIONS": int(_env("CHALLENGE_MAX_ITERATIONS", "1000000")),
        "MAX_INPUT_LENGTH": int(_env("MAX_INPUT_LENGTH", "2048")),
        "RANDOM_MAX_READS": max(1, int(_env("RANDOM_MAX_READS", "3"))),
        "PUBLIC_BASE_URL": _env("PUBLIC_BASE_URL", "").rstrip("/") or None,
        "PROXY_FIX_HOPS": int(_env("PROXY_FIX_HOPS", "1")),
        "MEDIA_LINKS": _env("MEDIA_LINKS", "proxy").lower(),
        "MEDIA_HOST_SUFFIXES": _suffixes(_env("MEDIA_HOST_SUFFIXES", MEDIA_HOST_SUFFIXES)),
        "MEDIA_CONNECT_TIMEOUT": float(_env("MEDIA_CONNECT_TIMEOUT", "5")),
        "MEDIA_READ_TIMEOUT": float(_env("MEDIA_READ_TIMEOUT", "20")),
        "MEDIA_MAX_BYTES": int(_env("MEDIA_MAX_BYTES", str(512 * 1024 * 1024))),
        "MEDIA_MAX_STREAMS": int(_env("MEDIA_MAX_STREAMS", _default_streams())),
        "MEDIA_RETRY_AFTER": int(_env("MEDIA_RETRY_AFTER", "5")),
        "MEDIA_CACHE_TTL": float(_env("MEDIA_CACHE_TTL", "120")),
        "MEDIA_CACHE_SIZE": int(_env("MEDIA_CACHE_SIZE", "256")),
        "LOG_LEVEL": _env("LOG_LEVEL", "info").upper(),
    }
    config.update(overrides or {})
    return config
