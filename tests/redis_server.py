"""A real redis-server on a free loopback port, started and stopped by the tests themselves."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import redis
from tools import missing

BINARY = "redis-server"


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def binary_or_skip() -> str:
    """The redis-server binary; missing, a skip, or a failure under REQUIRE_REDIS=1 (CI)."""
    return shutil.which(BINARY) or missing(BINARY, "redis-server", "REQUIRE_REDIS")


class RedisServer:
    """One redis-server process (no persistence) that a test can stop and start again."""

    def __init__(self, binary: str, folder: Path):
        self.binary, self.folder = binary, folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Where the server listens."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start the server and wait until it answers PING."""
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url, socket_timeout=0.2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.RedisError:
                time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        """Kill the server (as a crash would)."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None

    def flush(self) -> None:
        """Empty every key, starting the server again if a test stopped it."""
        if self.process is None:
            self.start()
        redis.Redis.from_url(self.url).flushall()
