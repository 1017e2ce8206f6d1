"""Read-through: a fresh entry is a hit, else one fetch per key; the last-known on failure."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..domain.errors import (
    APIError,
    UpstreamBlocked,
    UpstreamBusy,
    UpstreamError,
    UpstreamRateLimited,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from ..metrics import CACHE, series
from .flight import SingleFlight
from .shared_flight import SharedFlight
from .store import Entry, Store

log = logging.getLogger(__name__)
# TikTok failing (not a verdict on the post): the last-known answer may stand in.
TIKTOK_FAILURES = (
    UpstreamError,
    UpstreamUnavailable,
    UpstreamRateLimited,
    UpstreamBlocked,
    UpstreamTimeout,
    UpstreamBusy,
)


@dataclass(frozen=True, slots=True)
class Policy:
    """How long one kind of reading stays fresh, which errors are kept, how long a
    last-known reading may stand in when TikTok fails."""

    kind: str
    fresh_for: float
    negative_for: float
    stale_for: float
    negative: tuple[type[APIError], ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """A value and where it came from: `hit`, `miss` (fetched now) or `stale` (TikTok failed)."""

    value: Any
    outcome: str
    age: float
    fresh_for: float


class ReadThrough:
    """Readings by key through a store, one fetch per key at a time."""

    def __init__(
        self, store: Store, flight: SingleFlight | SharedFlight, clock: Callable[[], float]
    ):
        self.store = store
        self.flight = flight
        self.clock = clock

    def read(self, policy: Policy, key: str, fetch: Callable[[], Any]) -> Reading:
        """The value under `key`: fresh from the store, else fetched once for every caller."""
        try:
            reading = self._read(policy, key, fetch)
        except APIError:
            series(CACHE, policy.kind, "error").inc()
            raise
        series(CACHE, policy.kind, reading.outcome).inc()
        return reading

    def _read(self, policy: Policy, key: str, fetch: Callable[[], Any]) -> Reading:
        """A hit, one fetch for every caller, or the last-known value when TikTok fails."""
        entry = self.store.get(key)
        if entry is not None and self._fresh(policy, entry):
            return self._answer(policy, entry, "hit")
        try:
            return self.flight.run(key, lambda: self._fetch(policy, key, fetch))
        except TIKTOK_FAILURES as error:
            last = entry or self.store.get(key)
            if last is None or last.error is not None:
                raise
            log.warning(
                "stale answer",
                extra={"kind": policy.kind, "key": key, "because": error.slug},
            )
            return self._answer(policy, last, "stale")

    def fresh(self, policy: Policy, key: str) -> Reading | None:
        """The value under `key` if the store holds it fresh (never fetches; errors: None)."""
        entry = self.store.get(key)
        if entry is None or entry.error is not None or not self._fresh(policy, entry):
            return None
        series(CACHE, policy.kind, "hit").inc()
        return self._answer(policy, entry, "hit")

    def forget(self, key: str) -> None:
        """Drop a key (its value proved unusable, e.g. a CDN link refused)."""
        self.store.delete(key)

    def _fetch(self, policy: Policy, key: str, fetch: Callable[[], Any]) -> Reading:
        """Fetch now (unless the caller before us just stored it) and store the outcome."""
        entry = self.store.get(key)
        if entry is not None and self._fresh(policy, entry):
            return self._answer(policy, entry, "hit")
        now = self.clock()
        try:
            value = fetch()
        except policy.negative as error:
            self.store.put(key, Entry(None, error, now, policy.negative_for))
            error.max_age = int(policy.negative_for)
            raise
        keep = max(policy.fresh_for, policy.stale_for)
        self.store.put(key, Entry(value, None, now, keep))
        return Reading(value, "miss", 0.0, policy.fresh_for)

    def _fresh(self, policy: Policy, entry: Entry) -> bool:
        """Whether an entry is still within its freshness lifetime."""
        lifetime = policy.negative_for if entry.error is not None else policy.fresh_for
        return self.clock() - entry.stored_at < lifetime

    def _answer(self, policy: Policy, entry: Entry, outcome: str) -> Reading:
        """The reading an entry gives; a kept error is raised again."""
        age = max(0.0, self.clock() - entry.stored_at)
        if entry.error is not None:
            error = type(entry.error)(str(entry.error))
            error.max_age = int(max(0.0, policy.negative_for - age))
            raise error
        return Reading(entry.value, outcome, age, max(0.0, policy.fresh_for - age))
