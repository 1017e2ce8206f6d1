"""Per-request counters the request log reports: upstream calls, their time, the post read."""

import time
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(slots=True)
class RequestStats:
    """What one request did upstream, and when it began."""

    started: float = field(default_factory=time.perf_counter)
    upstream_calls: int = 0
    upstream_seconds: float = 0.0
    post_id: str | None = None
    # The post reading the answer rests on: `hit`, `miss` or `stale`, its age and freshness.
    cache: str | None = None
    age: float = 0.0
    fresh_for: float = 0.0
    cacheable: bool = False


_current: ContextVar[RequestStats | None] = ContextVar("request_stats", default=None)


def start_request() -> RequestStats:
    """Fresh counters (and the clock) for the request now being served."""
    stats = RequestStats()
    _current.set(stats)
    return stats


def current() -> RequestStats | None:
    """The counters of the request being served, or None outside a request."""
    return _current.get()


def elapsed() -> float | None:
    """Seconds since the request being served began, or None outside a request."""
    stats = _current.get()
    return None if stats is None else time.perf_counter() - stats.started


def record_upstream_call(seconds: float) -> None:
    """Count one HTTP request sent to TikTok and the time it took."""
    stats = _current.get()
    if stats is not None:
        stats.upstream_calls += 1
        stats.upstream_seconds += seconds


def note_post(post_id: str) -> None:
    """Remember which post the request read (the one user detail the log keeps)."""
    stats = _current.get()
    if stats is not None:
        stats.post_id = post_id


def note_reading(outcome: str, age: float, fresh_for: float, cacheable: bool) -> None:
    """Remember where the post of this answer came from, and whether caches may keep it."""
    stats = _current.get()
    if stats is not None:
        stats.cache, stats.age, stats.fresh_for = outcome, age, fresh_for
        stats.cacheable = cacheable
