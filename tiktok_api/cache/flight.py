"""Single-flight: concurrent reads of one key make one call; the others wait for its result."""

import copy
import threading
from collections.abc import Callable
from typing import Any

from ..domain.errors import UpstreamTimeout
from ..metrics import FLIGHT_WAITS


class _Call:
    """One call in flight and, once it is done, its result or error."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class SingleFlight:
    """Per key, one caller runs the call; callers arriving meanwhile wait (bounded) for it."""

    def __init__(self, wait: float):
        self.wait = wait
        self._lock = threading.Lock()
        self._calls: dict[str, _Call] = {}

    def run(self, key: str, call: Callable[[], Any]) -> Any:
        """`call()`'s result, shared with every caller asking for `key` while it runs."""
        with self._lock:
            running = self._calls.get(key)
            leader = running is None
            if leader:
                running = self._calls[key] = _Call()
        if leader:
            return self._lead(key, running, call)
        return self._follow(running)

    def _lead(self, key: str, running: _Call, call: Callable[[], Any]) -> Any:
        """Run the call and hand its outcome to the waiters."""
        try:
            running.result = call()
            return running.result
        except BaseException as error:
            running.error = error
            raise
        finally:
            with self._lock:
                del self._calls[key]
            running.done.set()

    def _follow(self, running: _Call) -> Any:
        """Wait for the leader's outcome; past the bound, a timeout of our own."""
        FLIGHT_WAITS.labels("process").inc()
        if not running.done.wait(self.wait):
            raise UpstreamTimeout("TikTok is slow to answer the same request made just before.")
        if running.error is not None:
            raise copy.copy(running.error) from None
        return running.result
