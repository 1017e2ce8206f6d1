"""One Redis connection pool that never fails its caller: a broken Redis means the fallback."""

import logging
import time
from collections.abc import Callable
from typing import TypeVar

import redis

from ..metrics import REDIS_ERRORS

log = logging.getLogger(__name__)
T = TypeVar("T")
# After a failure, Redis is left alone this long (no request waits on a dead server meanwhile).
PAUSE = 1.0
WARN_EVERY = 60.0


class RedisLink:
    """Runs Redis commands; on failure it answers the fallback and logs (once a minute)."""

    def __init__(self, url: str, timeout: float, clock: Callable[[], float] = time.monotonic):
        self.client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout, health_check_interval=30
        )
        self.clock = clock
        self.down_since: float | None = None
        self._retry_at = 0.0
        self._warned_at = -WARN_EVERY

    def run(self, command: Callable[[redis.Redis], T], fallback: T) -> T:
        """`command(client)`, or `fallback` when Redis fails (or failed less than a second ago)."""
        if self.down_since is not None and self.clock() < self._retry_at:
            return fallback
        try:
            result = command(self.client)
        except (redis.RedisError, OSError) as error:
            self._failed(error)
            return fallback
        if self.down_since is not None:
            log.warning("redis is back", extra={"down_for": self.clock() - self.down_since})
            self.down_since = None
        return result

    @property
    def healthy(self) -> bool:
        """False while Redis is failing."""
        return self.down_since is None

    def check(self) -> bool:
        """Ping Redis now (the readiness check)."""
        self._retry_at = 0.0
        return self.run(lambda client: bool(client.ping()), False)

    def _failed(self, error: Exception) -> None:
        """Note a failure; warn at most once a minute."""
        REDIS_ERRORS.inc()
        now = self.clock()
        if self.down_since is None:
            self.down_since = now
        self._retry_at = now + PAUSE
        if now - self._warned_at >= WARN_EVERY:
            self._warned_at = now
            log.warning("redis failing; serving without it", extra={"error": type(error).__name__})
