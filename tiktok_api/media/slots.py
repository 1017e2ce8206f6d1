"""A per-process cap on concurrent media streams."""

import threading

from ..domain.errors import MediaBusy


class Slot:
    """One held stream slot; releasing it more than once is harmless."""

    def __init__(self, semaphore: threading.BoundedSemaphore):
        self._semaphore = semaphore
        self._lock = threading.Lock()
        self._held = True

    def release(self) -> None:
        """Give the slot back (once)."""
        with self._lock:
            if self._held:
                self._held = False
                self._semaphore.release()


class StreamSlots:
    """At most `limit` streams at a time; one more is refused at once, never queued."""

    def __init__(self, limit: int, retry_after: int):
        self._semaphore = threading.BoundedSemaphore(max(1, limit))
        self.retry_after = retry_after

    def acquire(self) -> Slot:
        """A slot, or media_busy (503 with Retry-After) when every slot is taken."""
        if not self._semaphore.acquire(blocking=False):
            raise MediaBusy(retry_after=self.retry_after)
        return Slot(self._semaphore)
