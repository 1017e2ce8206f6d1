"""The service's Prometheus series; one scrape counts every gunicorn worker (multiprocess mode,
when PROMETHEUS_MULTIPROC_DIR is set, as gunicorn.conf.py does)."""

from functools import cache

from prometheus_client import CONTENT_TYPE_LATEST as CONTENT_TYPE  # noqa: F401 - for /metrics
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from .config import metrics_folder

REQUESTS = Counter(
    "tiktok_api_requests_total", "Answered requests by route and HTTP status.", ["route", "status"]
)
LATENCY = Histogram(
    "tiktok_api_request_duration_seconds",
    "Time to the first byte of the answer, by route.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
UPSTREAM = Counter(
    "tiktok_api_upstream_requests_total",
    "Reads from TikTok by kind (page, short_link, user, media) and outcome "
    "(ok, 4xx, 5xx, 429, wall_solved, wall_unsolved, timeout).",
    ["kind", "outcome"],
)
CACHE = Counter(
    "tiktok_api_cache_lookups_total",
    "Cache lookups by kind (post, short_link, user) and outcome (hit, miss, stale, error).",
    ["kind", "outcome"],
)
FLIGHT_WAITS = Counter(
    "tiktok_api_single_flight_waits_total",
    "Requests that waited for the same read made by another request (in this process, "
    "or by another instance through Redis).",
    ["scope"],
)
BREAKER_OPEN = Gauge(
    "tiktok_api_breaker_open",
    "1 while the breaker on TikTok is open (we stopped asking), else 0.",
    multiprocess_mode="max",
)
BREAKER_OPENED = Counter("tiktok_api_breaker_opened_total", "Times the breaker opened.")
BREAKER_REFUSED = Counter(
    "tiktok_api_breaker_refusals_total", "Reads not sent to TikTok because the breaker was open."
)
RATE_LIMITED = Counter(
    "tiktok_api_rate_limited_total", "Requests refused by a client rate limit.", ["route"]
)
MEDIA_BYTES = Counter("tiktok_api_media_bytes_total", "Media bytes streamed to clients.")
MEDIA_STREAMS = Gauge(
    "tiktok_api_media_streams_open", "Media streams open now.", multiprocess_mode="livesum"
)
REDIS_ERRORS = Counter(
    "tiktok_api_redis_errors_total", "Redis commands that failed (the service went on without)."
)


@cache
def series(metric, *labels: str):
    """One labelled series of `metric`, looked up once (prometheus looks labels up under a lock,
    and the request path counts several per answer)."""
    return metric.labels(*labels)


def exposition() -> bytes:
    """Every series in Prometheus' text format, summed over the workers when there are several."""
    if metrics_folder():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)
