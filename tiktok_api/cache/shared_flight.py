"""Single-flight across instances: one Redis lock per key; the others wait for the holder's
result in the shared store (or its failure), then read it there."""

import time
import uuid
from collections.abc import Callable
from typing import Any

from ..domain.errors import APIError, UpstreamTimeout
from ..metrics import FLIGHT_WAITS
from ..shared.redis_link import RedisLink
from .flight import SingleFlight
from .redis_store import RedisStore
from .store import Entry

POLL = 0.02
# How long a holder's failure answers the requests that waited for it.
FAILURE_KEPT = 5.0
RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"
_DOWN = object()


class SharedFlight:
    """Per key, one caller across every instance runs the call (a process's own callers share
    one attempt first); Redis failing means each process runs its own."""

    def __init__(
        self,
        link: RedisLink,
        store: RedisStore,
        wait: float,
        clock: Callable[[], float] = time.time,
    ):
        self.link = link
        self.store = store
        self.wait = wait
        self.clock = clock
        self.local = SingleFlight(wait)

    def run(self, key: str, call: Callable[[], Any]) -> Any:
        """`call()`'s result, run by whichever instance takes the key's lock first."""
        return self.local.run(key, lambda: self._across(key, call))

    def _across(self, key: str, call: Callable[[], Any]) -> Any:
        """Take the lock and call, or wait for the holder and call after it (the call reads
        the store first, so it finds the holder's result there)."""
        started, token = self.clock(), uuid.uuid4().hex
        deadline = time.monotonic() + self.wait
        lock = f"{self.store.prefix}lock:{key}"
        waited = False
        while True:
            taken = self.link.run(
                lambda client: client.set(lock, token, nx=True, px=int(self.wait * 1000)), _DOWN
            )
            if taken is _DOWN:
                return call()
            if taken:
                return self._hold(key, lock, token, started, call)
            if not waited:
                waited = True
                FLIGHT_WAITS.labels("shared").inc()
            if time.monotonic() > deadline:
                raise UpstreamTimeout("TikTok is slow to answer the same request made just before.")
            time.sleep(POLL)

    def _hold(self, key: str, lock: str, token: str, started: float, call: Callable[[], Any]):
        """Run the call holding the lock, unless the holder before us failed meanwhile."""
        try:
            failure = self.store.get(f"failed:{key}")
            if failure is not None and failure.stored_at >= started:
                raise copy_error(failure.error)
            try:
                return call()
            except APIError as error:
                self.store.put(f"failed:{key}", Entry(None, error, self.clock(), FAILURE_KEPT))
                raise
        finally:
            self.link.run(lambda client: client.eval(RELEASE, 1, lock, token), None)


def copy_error(error: Exception | None) -> APIError:
    """A fresh instance of a kept error (raised again for another request)."""
    if not isinstance(error, APIError):
        return UpstreamTimeout()
    fresh = type(error)(error.message, retry_after=error.retry_after)
    fresh.max_age = error.max_age
    return fresh
