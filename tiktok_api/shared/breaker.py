"""A breaker on TikTok: after a burst of refusals (429, a wall we cannot pass) stop asking for
a while, then let one probe through; shared by every instance through Redis when set."""

import math
import time
from collections.abc import Callable
from typing import Any, TypeVar

from ..domain.errors import UpstreamBlocked, UpstreamBusy, UpstreamRateLimited
from ..metrics import BREAKER_OPEN, BREAKER_OPENED, BREAKER_REFUSED
from .redis_link import RedisLink

T = TypeVar("T")
REFUSALS = (UpstreamRateLimited, UpstreamBlocked)
PREFIX = "tiktok-api:v1:breaker:"
_DOWN: Any = object()


class MemoryState:
    """The breaker's state in this process."""

    def __init__(self) -> None:
        self.until: float | None = None
        self.refusals: list[float] = []
        self.probe_until = 0.0

    def open_until(self) -> float | None:
        """When the open circuit may be probed; None while closed."""
        return self.until

    def refused(self, now: float, window: float) -> int:
        """Count a refusal; the refusals within the window."""
        self.refusals = [t for t in self.refusals if t > now - window] + [now]
        return len(self.refusals)

    def open(self, until: float) -> None:
        """Open the circuit until `until`."""
        self.until, self.refusals, self.probe_until = until, [], 0.0

    def claim_probe(self, now: float, hold: float) -> bool:
        """True for the one caller that may probe now."""
        if now < self.probe_until:
            return False
        self.probe_until = now + hold
        return True

    def close(self) -> None:
        """Close the circuit."""
        self.until, self.refusals, self.probe_until = None, [], 0.0


class RedisState:
    """The breaker's state in Redis (this process's own state while Redis fails)."""

    def __init__(self, link: RedisLink, prefix: str = PREFIX):
        self.link = link
        self.prefix = prefix
        self.local = MemoryState()

    def open_until(self) -> float | None:
        """When the shared open circuit may be probed; None while closed."""
        raw = self.link.run(lambda r: r.get(self.prefix + "until"), _DOWN)
        if raw is _DOWN:
            return self.local.open_until()
        return float(raw) if raw is not None else None

    def refused(self, now: float, window: float) -> int:
        """Count a refusal in the shared window."""
        key = self.prefix + "refusals"

        def count(client) -> int:
            with client.pipeline() as pipe:
                pipe.incr(key)
                pipe.expire(key, max(1, math.ceil(window)), nx=True)
                return pipe.execute()[0]

        counted = self.link.run(count, _DOWN)
        return self.local.refused(now, window) if counted is _DOWN else counted

    def open(self, until: float) -> None:
        """Open the shared circuit."""
        self.local.open(until)

        def store(client) -> None:
            keep = max(1, math.ceil(until - time.time()) * 4)
            client.set(self.prefix + "until", repr(until), ex=keep)
            client.delete(self.prefix + "refusals", self.prefix + "probe")

        self.link.run(store, None)

    def claim_probe(self, now: float, hold: float) -> bool:
        """True for the one caller, across instances, that may probe now."""
        key, milliseconds = self.prefix + "probe", int(hold * 1000)
        claimed = self.link.run(lambda r: bool(r.set(key, "1", nx=True, px=milliseconds)), _DOWN)
        return self.local.claim_probe(now, hold) if claimed is _DOWN else claimed

    def close(self) -> None:
        """Close the shared circuit."""
        self.local.close()
        keys = [self.prefix + name for name in ("until", "refusals", "probe")]
        self.link.run(lambda r: r.delete(*keys), None)


class Breaker:
    """`threshold` refusals within `window` seconds open it for `cooldown` seconds; then one
    probe at a time: a success closes it, a refusal opens it again."""

    def __init__(
        self,
        state: MemoryState | RedisState,
        threshold: int,
        window: float,
        cooldown: float,
        clock: Callable[[], float] = time.time,
    ):
        self.state = state
        self.threshold, self.window, self.cooldown = threshold, window, cooldown
        self.clock = clock

    def call(self, read: Callable[[], T]) -> T:
        """`read()` unless the circuit is open (then UpstreamBusy); its outcome is counted."""
        probing = self._admit()
        try:
            result = read()
        except REFUSALS:
            self._refused()
            raise
        if probing:
            self.state.close()
            BREAKER_OPEN.set(0)
        return result

    def _admit(self) -> bool:
        """Whether this read probes an open circuit; refused while open or while another probes."""
        until = self.state.open_until()
        if until is None:
            return False
        now = self.clock()
        if now < until or not self.state.claim_probe(now, self.cooldown):
            BREAKER_REFUSED.inc()
            raise UpstreamBusy(retry_after=max(1, math.ceil(until - now)))
        return True

    def _refused(self) -> None:
        """A refusal from TikTok: past the threshold, open (or open again)."""
        now = self.clock()
        if self.state.refused(now, self.window) >= self.threshold or self.state.open_until():
            self.state.open(now + self.cooldown)
            BREAKER_OPENED.inc()
            BREAKER_OPEN.set(1)
