"""The stand-in's shared state: the request log, the injected faults and the tokens it issued."""

import threading
import time
from typing import Any


class State:
    """Thread-safe log of every request received, faults by key, issued chain tokens."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._log: list[dict[str, Any]] = []
        self._faults: dict[str, dict[str, Any]] = {}
        self._tokens: set[str] = set()

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
        """Forget the log and every fault."""
        with self._lock:
            self._log.clear()
            self._faults.clear()

    def set_faults(self, faults: dict[str, dict[str, Any] | None]) -> None:
        """Add faults by key ("post:<id>", "short:<code>", "user:<name>"); None removes one."""
        with self._lock:
            for key, fault in faults.items():
                if fault is None:
                    self._faults.pop(key, None)
                else:
                    self._faults[key] = fault

    def fault(self, key: str) -> dict[str, Any] | None:
        """The fault injected for a key, if any."""
        with self._lock:
            return self._faults.get(key)

    def issue_token(self, token: str) -> None:
        """Remember a tt_chain_token handed out with a page."""
        with self._lock:
            self._tokens.add(token)

    def token_issued(self, token: str | None) -> bool:
        """True when a page of ours set this tt_chain_token."""
        with self._lock:
            return token in self._tokens
