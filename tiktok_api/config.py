"""Every setting is an environment variable with a default, read here and nowhere else."""

import os
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

DESKTOP_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36"
)
# TikTok's media hosts (TIKTOK.md §4.2); a host matches exactly or as a dot-subdomain.
MEDIA_HOST_SUFFIXES = (
    "tiktok.com,tiktokcdn.com,tiktokcdn-us.com,tiktokcdn-eu.com,tiktokv.com,tiktokv.us,"
    "tiktokv.eu,byteimg.com,ibyteimg.com,muscdn.com,byteoversea.com"
)
MEDIA_LINK_MODES = ("proxy", "direct")
REDIS_SCHEMES = ("redis", "rediss", "unix")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# Read by gunicorn.conf.py (how the server runs), not by the app.
SERVER_SETTINGS = (
    "PORT",
    "BIND_HOST",
    "WEB_CONCURRENCY",
    "WORKER_CONNECTIONS",
    "GUNICORN_TIMEOUT",
)


class ConfigError(ValueError):
    """A setting holds a value the service cannot run with."""


def _env(name: str, default: str) -> str:
    """One environment variable, with surrounding blanks removed."""
    return os.environ.get(name, default).strip()


def _number(name: str, default: str, kind: Callable[[str], Any]) -> Any:
    """A numeric variable; a value that is not a number names the variable in the error."""
    value = _env(name, default)
    try:
        return kind(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a valid {kind.__name__}.") from None


def _suffixes(value: str) -> tuple[str, ...]:
    """A comma-separated host list as lower-case suffixes without leading dots."""
    return tuple(s.strip().lstrip(".").lower() for s in value.split(",") if s.strip(" ."))


def _hosts(value: str) -> list[str] | None:
    """A comma-separated host list (Flask's TRUSTED_HOSTS: `.example.org` admits subdomains)."""
    hosts = [h.strip().lower() for h in value.split(",") if h.strip()]
    return hosts or None


def load_config(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Read every setting from the environment, then apply `overrides` (tests pass their own)."""
    config: dict[str, Any] = {
        "API_AUTHOR": _env("API_AUTHOR", "tiktok-api"),
        "DOCS_URL": _env("DOCS_URL", "") or None,
        "USER_AGENT": _env("USER_AGENT", DESKTOP_USER_AGENT),
        "UPSTREAM_CONNECT_TIMEOUT": _number("UPSTREAM_CONNECT_TIMEOUT", "5", float),
        "UPSTREAM_READ_TIMEOUT": _number("UPSTREAM_READ_TIMEOUT", "10", float),
        "UPSTREAM_TOTAL_TIMEOUT": _number("UPSTREAM_TOTAL_TIMEOUT", "20", float),
        "UPSTREAM_MAX_BYTES": _number("UPSTREAM_MAX_BYTES", str(8 * 1024 * 1024), int),
        "UPSTREAM_RETRIES": _number("UPSTREAM_RETRIES", "2", int),
        "UPSTREAM_BACKOFF": _number("UPSTREAM_BACKOFF", "0.5", float),
        "UPSTREAM_MAX_REDIRECTS": _number("UPSTREAM_MAX_REDIRECTS", "5", int),
        "UPSTREAM_RETRY_AFTER": _number("UPSTREAM_RETRY_AFTER", "60", int),
        "TIKTOK_PROXY": _env("TIKTOK_PROXY", "") or None,
        "CHALLENGE_MAX_ITERATIONS": _number("CHALLENGE_MAX_ITERATIONS", "1000000", int),
        "MAX_INPUT_LENGTH": _number("MAX_INPUT_LENGTH", "2048", int),
        "RANDOM_MAX_READS": max(1, _number("RANDOM_MAX_READS", "3", int)),
        "PUBLIC_BASE_URL": _env("PUBLIC_BASE_URL", "").rstrip("/") or None,
        "PROXY_FIX_HOPS": _number("PROXY_FIX_HOPS", "0", int),
        "TRUSTED_HOSTS": _hosts(_env("TRUSTED_HOSTS", "")),
        "MEDIA_LINKS": _env("MEDIA_LINKS", "proxy").lower(),
        "MEDIA_HOST_SUFFIXES": _suffixes(_env("MEDIA_HOST_SUFFIXES", MEDIA_HOST_SUFFIXES)),
        "MEDIA_CONNECT_TIMEOUT": _number("MEDIA_CONNECT_TIMEOUT", "5", float),
        "MEDIA_READ_TIMEOUT": _number("MEDIA_READ_TIMEOUT", "20", float),
        "MEDIA_MAX_BYTES": _number("MEDIA_MAX_BYTES", str(512 * 1024 * 1024), int),
        "MEDIA_MAX_STREAMS": _number("MEDIA_MAX_STREAMS", "64", int),
        "MEDIA_MAX_STREAMS_PER_CLIENT": _number("MEDIA_MAX_STREAMS_PER_CLIENT", "8", int),
        "MEDIA_STREAM_TIMEOUT": _number("MEDIA_STREAM_TIMEOUT", "900", float),
        "MEDIA_RETRY_AFTER": _number("MEDIA_RETRY_AFTER", "5", int),
        "CLIENT_TIMEOUT": _number("CLIENT_TIMEOUT", "30", float),
        "CACHE_POST_TTL": _number("CACHE_POST_TTL", "60", float),
        "CACHE_SHORT_LINK_TTL": _number("CACHE_SHORT_LINK_TTL", "86400", float),
        "CACHE_USER_TTL": _number("CACHE_USER_TTL", "600", float),
        "CACHE_NEGATIVE_TTL": _number("CACHE_NEGATIVE_TTL", "30", float),
        "CACHE_STALE_TTL": _number("CACHE_STALE_TTL", "86400", float),
        "CACHE_MAX_ITEMS": _number("CACHE_MAX_ITEMS", "10000", int),
        "CACHE_WAIT": _number("CACHE_WAIT", "25", float),
        "CACHE_LOCAL_TTL": _number("CACHE_LOCAL_TTL", "1", float),
        "REDIS_URL": _env("REDIS_URL", "") or None,
        "REDIS_TIMEOUT": _number("REDIS_TIMEOUT", "0.5", float),
        "RATE_LIMIT": _env("RATE_LIMIT", "") or None,
        "MEDIA_RATE_LIMIT": _env("MEDIA_RATE_LIMIT", "") or None,
        "BREAKER_THRESHOLD": _number("BREAKER_THRESHOLD", "5", int),
        "BREAKER_WINDOW": _number("BREAKER_WINDOW", "60", float),
        "BREAKER_COOLDOWN": _number("BREAKER_COOLDOWN", "30", float),
        "METRICS_TOKEN": _env("METRICS_TOKEN", "") or None,
        "LOG_LEVEL": _env("LOG_LEVEL", "info").upper(),
    }
    config.update(overrides or {})
    return config


POSITIVE = (
    "UPSTREAM_CONNECT_TIMEOUT",
    "UPSTREAM_READ_TIMEOUT",
    "UPSTREAM_TOTAL_TIMEOUT",
    "UPSTREAM_MAX_BYTES",
    "MEDIA_CONNECT_TIMEOUT",
    "MEDIA_READ_TIMEOUT",
    "MEDIA_MAX_BYTES",
    "MEDIA_MAX_STREAMS",
    "MEDIA_MAX_STREAMS_PER_CLIENT",
    "MEDIA_STREAM_TIMEOUT",
    "MAX_INPUT_LENGTH",
    "CLIENT_TIMEOUT",
    "CACHE_MAX_ITEMS",
    "CACHE_WAIT",
    "REDIS_TIMEOUT",
    "BREAKER_THRESHOLD",
    "BREAKER_WINDOW",
    "BREAKER_COOLDOWN",
)
NOT_NEGATIVE = (
    "UPSTREAM_RETRIES",
    "UPSTREAM_BACKOFF",
    "UPSTREAM_MAX_REDIRECTS",
    "UPSTREAM_RETRY_AFTER",
    "CHALLENGE_MAX_ITERATIONS",
    "PROXY_FIX_HOPS",
    "MEDIA_RETRY_AFTER",
    "CACHE_POST_TTL",
    "CACHE_SHORT_LINK_TTL",
    "CACHE_USER_TTL",
    "CACHE_NEGATIVE_TTL",
    "CACHE_STALE_TTL",
    "CACHE_LOCAL_TTL",
)


def config_problems(config: Mapping[str, Any]) -> list[str]:
    """What is wrong with a configuration, one sentence per setting; empty when it is sound."""
    problems = [f"{name} is not set." for name in load_config({}) if name not in config]
    for name in POSITIVE:
        if name in config and not config[name] > 0:
            problems.append(f"{name} must be greater than 0.")
    for name in NOT_NEGATIVE:
        if name in config and config[name] < 0:
            problems.append(f"{name} must not be negative.")
    if config.get("MEDIA_LINKS", "proxy") not in MEDIA_LINK_MODES:
        problems.append(f"MEDIA_LINKS must be one of {', '.join(MEDIA_LINK_MODES)}.")
    base = config.get("PUBLIC_BASE_URL")
    if base and not _is_origin(base):
        problems.append("PUBLIC_BASE_URL must be an http(s) URL like https://api.example.org.")
    redis_url = config.get("REDIS_URL")
    if redis_url and urlsplit(redis_url).scheme not in REDIS_SCHEMES:
        problems.append("REDIS_URL must be a redis://, rediss:// or unix:// URL.")
    for name in ("RATE_LIMIT", "MEDIA_RATE_LIMIT"):
        if config.get(name) and not _is_rate_limit(config[name]):
            problems.append(f"{name} must read like 60/minute;1000/hour.")
    if config.get("LOG_LEVEL", "INFO") not in LOG_LEVELS:
        problems.append(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS).lower()}.")
    return problems


def _is_rate_limit(value: str) -> bool:
    """A limit in flask-limiter's syntax (`60/minute;1000/hour`, `10 per second`)."""
    from limits import parse_many

    try:
        return bool(parse_many(value))
    except ValueError:
        return False


def _is_origin(url: str) -> bool:
    """An absolute http(s) URL with a host, no credentials, query or fragment."""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and "@" not in parts.netloc
        and not parts.query
        and not parts.fragment
    )


def checked(config: dict[str, Any]) -> dict[str, Any]:
    """The configuration, or ConfigError naming every setting that is wrong."""
    problems = config_problems(config)
    if problems:
        raise ConfigError(" ".join(problems))
    return config


def metrics_folder() -> str | None:
    """Where gunicorn's workers keep their metrics (PROMETHEUS_MULTIPROC_DIR, which
    prometheus-client reads itself and gunicorn.conf.py sets); None: this process alone."""
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def standard_proxies() -> dict[str, str]:
    """The standard proxy variables by scheme (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, either
    case), NO_PROXY under "no"; read once by the transport, never by requests on each call."""
    return dict(urllib.request.getproxies_environment())


def ca_bundle() -> str | None:
    """REQUESTS_CA_BUNDLE, else CURL_CA_BUNDLE: a PEM file of the CAs to trust for TikTok."""
    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or None


def setting_names() -> tuple[str, ...]:
    """Every environment variable the service reads (the app's settings and the server's)."""
    return (*load_config({}), *SERVER_SETTINGS)
