"""The store every instance shares: Redis, with the in-process store behind it for when Redis
fails (the service then answers from TikTok and what this process read itself)."""

import dataclasses
import logging

from ..shared.redis_link import RedisLink
from .codec import CodecError, decode, encode
from .store import Entry, MemoryStore

log = logging.getLogger(__name__)
PREFIX = "tiktok-api:v1:"
_DOWN = object()


class RedisStore:
    """Entries in Redis (each expiring after its `keep_for`), copied into a local store; an
    entry read from Redis is reused for `recent_for` seconds without asking Redis again."""

    def __init__(
        self,
        link: RedisLink,
        local: MemoryStore,
        recent: MemoryStore,
        recent_for: float,
        prefix: str = PREFIX,
    ):
        self.link = link
        self.local = local
        self.recent, self.recent_for = recent, recent_for
        self.prefix = prefix

    def get(self, key: str) -> Entry | None:
        """The entry read a moment ago, else the shared one; the local copy while Redis fails."""
        entry = self.recent.get(key)
        if entry is not None:
            return entry
        raw = self.link.run(lambda client: client.get(self.prefix + key), _DOWN)
        if raw is _DOWN:
            return self.local.get(key)
        if raw is None:
            return None
        try:
            entry = decode(raw)
        except CodecError as error:
            log.warning("unreadable cache entry", extra={"key": key, "error": str(error)})
            return None
        self._remember(key, entry)
        return entry

    def _remember(self, key: str, entry: Entry) -> None:
        """Reuse an entry for `recent_for` seconds (its own times unchanged)."""
        self.recent.put(
            key, dataclasses.replace(entry, keep_for=min(self.recent_for, entry.keep_for))
        )

    def put(self, key: str, entry: Entry) -> None:
        """Keep an entry here and in Redis for `entry.keep_for` seconds."""
        self.local.put(key, entry)
        self._remember(key, entry)
        milliseconds = int(entry.keep_for * 1000)
        if milliseconds <= 0:
            return
        value = encode(entry)
        self.link.run(lambda client: client.set(self.prefix + key, value, px=milliseconds), None)

    def delete(self, key: str) -> None:
        """Forget a key everywhere."""
        self.local.delete(key)
        self.recent.delete(key)
        self.link.run(lambda client: client.delete(self.prefix + key), None)
