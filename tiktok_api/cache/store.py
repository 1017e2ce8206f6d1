"""Where readings are kept: a bounded in-process LRU whose entries expire one by one."""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from cachetools import TLRUCache


@dataclass(frozen=True, slots=True)
class Entry:
    """One kept reading: a value, or the error TikTok's answer meant; when it was read, and
    how long it may be kept at all (fresh, then stale)."""

    value: Any
    error: Exception | None
    stored_at: float
    keep_for: float


class Store(Protocol):
    """Where entries live (in process, or shared by every instance)."""

    def get(self, key: str) -> Entry | None:
        """The entry under `key`, unless it has outlived its `keep_for`."""

    def put(self, key: str, entry: Entry) -> None:
        """Keep `entry` under `key` for `entry.keep_for` seconds."""

    def delete(self, key: str) -> None:
        """Forget `key`."""


class MemoryStore:
    """At most `max_items` entries, least recently used out first, each gone after `keep_for`."""

    def __init__(self, max_items: int, clock: Callable[[], float]):
        self._items: TLRUCache = TLRUCache(
            maxsize=max(1, max_items), ttu=self._expires, timer=clock
        )
        self._lock = threading.Lock()

    @staticmethod
    def _expires(_key: str, entry: Entry, now: float) -> float:
        """When an entry stops being kept."""
        return now + entry.keep_for

    def get(self, key: str) -> Entry | None:
        """The entry under `key`, if still kept."""
        with self._lock:
            return self._items.get(key)

    def put(self, key: str, entry: Entry) -> None:
        """Keep an entry; the least recently used one goes when the store is full."""
        if entry.keep_for <= 0:
            return
        with self._lock:
            self._items[key] = entry

    def delete(self, key: str) -> None:
        """Forget a key."""
        with self._lock:
            self._items.pop(key, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
