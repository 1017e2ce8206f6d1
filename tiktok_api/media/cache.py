"""A short-lived, bounded, thread-safe cache of extractions: the post and its page cookies."""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.models import Post


@dataclass(frozen=True, slots=True)
class Resolved:
    """What streaming a post's files needs: the post (fresh URLs) and the page's cookies."""

    post: Post
    cookies: str


# A media player sends many Range requests for one file; without this cache every one of them
# would read the post page again. The TTL stays far below the CDN links' expiry (~40 h), and an
# entry whose link the CDN refuses is dropped at once.
class ExtractionCache:
    """Keeps each post's extraction for `ttl` seconds, at most `size` posts, oldest out first."""

    def __init__(self, ttl: float, size: int, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.size = size
        self.clock = clock
        self._entries: OrderedDict[str, tuple[float, Resolved]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, post_id: str) -> Resolved | None:
        """The cached extraction of a post, if it is still fresh."""
        with self._lock:
            entry = self._entries.get(post_id)
            if entry is None:
                return None
            expires, resolved = entry
            if expires <= self.clock():
                del self._entries[post_id]
                return None
            return resolved

    def put(self, post_id: str, resolved: Resolved) -> None:
        """Remember an extraction; the oldest entry goes when the cache is full."""
        if self.ttl <= 0 or self.size <= 0:
            return
        with self._lock:
            self._entries.pop(post_id, None)
            self._entries[post_id] = (self.clock() + self.ttl, resolved)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def drop(self, post_id: str) -> None:
        """Forget a post (its links were refused)."""
        with self._lock:
            self._entries.pop(post_id, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
