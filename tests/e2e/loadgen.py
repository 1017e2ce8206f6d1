"""A bounded loopback load generator: N clients, fixed duration, a mix of endpoints and inputs."""

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import requests

from .standin.catalogue import short_code

# (route, url) pairs: every page layout family, short links, aliases and refused input.
MIX = [
    ("/api/tiktok/statistic", "https://www.tiktok.com/@_/video/7608826249200356630"),
    ("/api/tiktok/downloader", "https://www.tiktok.com/@_/video/7600352599870557461"),
    ("/api/tiktok/slides", "https://www.tiktok.com/@_/photo/7631060535387163925"),
    ("/api/tiktok/stats", "https://www.tiktok.com/@_/video/7203022122757803307"),
    ("/api/tiktok/downloader", f"https://vm.tiktok.com/{short_code('7610426235671350549')}/"),
    ("/api/tiktok/statistic", "https://www.tiktok.com/@_/video/6881450806688664838"),
    ("/api/tiktok/images", "https://www.tiktok.com/@_/video/7681723633164717325"),
    ("/api/tiktok/statistic", "http://169.254.169.254/latest/meta-data/"),
]
EXPECTED = {"http://169.254.169.254/latest/meta-data/": 400}


@dataclass
class Result:
    """What a load run saw: statuses, unexpected answers, connection errors and latencies."""

    statuses: Counter = field(default_factory=Counter)
    unexpected: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    latencies: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def count(self) -> int:
        """Requests answered."""
        return sum(self.statuses.values())

    def percentile(self, share: float) -> float:
        """Latency (seconds) under which `share` of the answers came."""
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0

    def summary(self) -> str:
        """requests/s, p50 and p99 latency, statuses."""
        rate = self.count / self.seconds if self.seconds else 0.0
        return (
            f"{self.count} requests in {self.seconds:.1f} s = {rate:.1f} req/s; "
            f"p50 {self.percentile(0.5) * 1000:.0f} ms, p99 {self.percentile(0.99) * 1000:.0f} ms; "
            f"statuses {dict(self.statuses)}; errors {len(self.errors)}"
        )


def _client(base_url: str, offset: int, stop_at: float, result: Result, lock) -> None:
    """One client: walk the mix from its own offset until the deadline."""
    session = requests.Session()
    session.trust_env = False
    index = offset
    while time.monotonic() < stop_at:
        route, url = MIX[index % len(MIX)]
        index += 1
        started = time.monotonic()
        try:
            res = session.get(base_url + route, params={"url": url}, timeout=30)
        except requests.RequestException as error:
            with lock:
                result.errors.append(repr(error))
            continue
        elapsed = time.monotonic() - started
        with lock:
            result.statuses[res.status_code] += 1
            result.latencies.append(elapsed)
            if res.status_code != EXPECTED.get(url, 200):
                result.unexpected.append((route, url, res.status_code, res.text[:200]))
    session.close()


def run_load(base_url: str, clients: int = 20, seconds: float = 15.0) -> Result:
    """Run `clients` concurrent clients against the server for `seconds`."""
    result, lock = Result(), threading.Lock()
    started = time.monotonic()
    threads = [
        threading.Thread(target=_client, args=(base_url, i, started + seconds, result, lock))
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    return result
