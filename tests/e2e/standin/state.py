"""The stand-in's shared state: the request log, faults, media sizes and the tokens it issued."""

import threading
import time
from typing import Any


class State:
    """Thread-safe log of every request received, faults by key, file sizes, issued tokens."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._log: list[dict[str, Any]] = []
        self._faults: dict[str, dict[str, Any]] = {}
        self._sizes: dict[str, int] = {}
        self._tokens: set[str] = set()
        self._clones: dict[str, str] = {}
        self._captions: dict[str, str] = {}
        self.latency = 0.0

    def record(self, **entry: Any) -> None:
        """Log one request (host, method, path, cookies, foreign...)."""
        with self._lock:
            entry.update(seq=len(self._log), time=time.time())
            self._log.append(entry)

    def log(self) -> list[dict[str, Any]]:
        """Every request logged since the last reset."""
        with self._lock:
            return list(self._log)

    def reset(self) -> None:
        """Forget the log, every fault and every file size set."""
        with self._lock:
            self._log.clear()
            self._faults.clear()
            self._sizes.clear()
            self.latency = 0.0

    def set_faults(self, faults: dict[str, dict[str, Any] | None]) -> None:
        """Add faults by key (post:<id>, short:<code>, user:<name>, media:<host>); None removes."""
        with self._lock:
            for key, fault in faults.items():
                if fault is None:
                    self._faults.pop(key, None)
                else:
                    self._faults[key] = fault

    def fault(self, key: str) -> dict[str, Any] | None:
        """The fault injected for a key, if any; one with `times` lapses after that many uses."""
        with self._lock:
            fault = self._faults.get(key)
            if fault is None or "times" not in fault:
                return fault
            fault = dict(fault)
            times = fault.pop("times")
            if times <= 1:
                del self._faults[key]
            else:
                self._faults[key]["times"] = times - 1
            return fault

    def set_media_sizes(self, sizes: dict[str, int | None]) -> None:
        """Serve the CDN file at host+path with this many bytes; None goes back to the default."""
        with self._lock:
            for file, size in sizes.items():
                if size is None:
                    self._sizes.pop(file, None)
                else:
                    self._sizes[file] = int(size)

    def media_size(self, file: str) -> int | None:
        """The size set for a CDN file (host+path), if any."""
        with self._lock:
            return self._sizes.get(file)

    def issue_token(self, token: str) -> None:
        """Remember a tt_chain_token handed out with a page."""
        with self._lock:
            self._tokens.add(token)

    def token_issued(self, token: str | None) -> bool:
        """True when a page of ours set this tt_chain_token."""
        with self._lock:
            return token in self._tokens

    def add_clones(self, template: str, count: int, caption: str | None = None) -> list[str]:
        """`count` new post ids served as copies of the `template` post (clones outlive resets,
        so a cache that remembers one never sees it again as new), with their own caption if
        one is given."""
        with self._lock:
            start = int(template) + 1 + len(self._clones)
            ids = [str(start + n) for n in range(count)]
            self._clones.update(dict.fromkeys(ids, template))
            if caption is not None:
                self._captions.update(dict.fromkeys(ids, caption))
            return ids

    def caption_of(self, post_id: str) -> str | None:
        """The caption a clone was given, if any."""
        with self._lock:
            return self._captions.get(post_id)

    def clone_of(self, post_id: str) -> str | None:
        """The template post a cloned id copies, if it is a clone."""
        with self._lock:
            return self._clones.get(post_id)
