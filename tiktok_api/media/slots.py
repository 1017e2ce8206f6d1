"""Caps on concurrent media streams: per process, and per client within it."""

import threading
from collections import Counter

from ..domain.errors import MediaBusy
from ..metrics import MEDIA_STREAMS


class Slot:
    """One held stream slot; releasing it more than once is harmless."""

    def __init__(self, slots: "StreamSlots", client: str):
        self._slots = slots
        self._client = client
        self._lock = threading.Lock()
        self._held = True

    def release(self) -> None:
        """Give the slot back (once)."""
        with self._lock:
            if not self._held:
                return
            self._held = False
        self._slots.give_back(self._client)


class StreamSlots:
    """At most `limit` streams at a time, `per_client` of them for one client; one more is
    refused at once, never queued."""

    def __init__(self, limit: int, per_client: int, retry_after: int):
        self.limit = max(1, limit)
        self.per_client = max(1, per_client)
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._open = 0
        self._by_client: Counter[str] = Counter()

    def acquire(self, client: str) -> Slot:
        """A slot for `client`, or media_busy (503 with Retry-After) when none is free."""
        with self._lock:
            if self._by_client[client] >= self.per_client:
                raise MediaBusy(
                    "You are downloading too many files at once; retry soon.",
                    retry_after=self.retry_after,
                )
            if self._open >= self.limit:
                raise MediaBusy(retry_after=self.retry_after)
            self._open += 1
            self._by_client[client] += 1
        MEDIA_STREAMS.inc()
        return Slot(self, client)

    def give_back(self, client: str) -> None:
        """One stream of `client` ended."""
        with self._lock:
            self._open -= 1
            self._by_client[client] -= 1
            if self._by_client[client] <= 0:
                del self._by_client[client]
        MEDIA_STREAMS.dec()

    @property
    def open(self) -> int:
        """How many streams are open now."""
        with self._lock:
            return self._open
