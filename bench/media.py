"""Media benchmark: a 200 MB video streamed through the server against straight from the stand-in.

Run: .venv/bin/python bench/media.py [--mb 200] [--rounds 3]   (or: make bench-media)

Starts the stand-in and gunicorn (its default settings) as the end-to-end tests do, and has the
stand-in's CDN serve a video of --mb megabytes (10**6 bytes) for one post. Then, each round:
(a) direct: a client reads the post's page through the stand-in's proxy (for its cookie) and
fetches the CDN URL with that cookie, as the service does; (b) served: a cookie-less client
fetches /api/tiktok/media/<id>/video from the running server. Both read the body the same way
(1 MiB reads, bytes counted, first and last bytes compared). Throughput is bytes over the time
from sending the request to the last byte; the ratio is (b)/(a), best round of each.

Memory: before (b) the client warms its worker with a one-byte Range request on the same
keep-alive connection (page read, caches, imports), then for every gunicorn worker the script
records VmRSS, resets VmHWM through /proc/<pid>/clear_refs ("5", Linux >= 4.0) and samples
VmRSS every 5 ms in a thread during the transfer. The growth of a worker is max(VmHWM after,
sampled peak) minus its VmRSS before; the figure is the largest over workers. Where clear_refs
cannot be written, the sampled peak alone is used (and the script says so).

Targets: RSS growth <= 20 MB and throughput ratio >= 0.7; the exit status is 1 if one is missed.
"""

import argparse
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "tests")]

from e2e.harness import Gunicorn, StandIn  # noqa: E402

POST = "7608826249200356630"
PAGE = f"https://www.tiktok.com/@_/video/{POST}"
READ = 1024 * 1024
EDGE = 64 * 1024
MB = 1_000_000
RSS_TARGET_MB = 20.0
RATIO_TARGET = 0.7
SAMPLE_EVERY = 0.005
TIMEOUT = 60
# The headers the service sends to TikTok's CDN (tiktok_api/media/upstream.py).
CDN_HEADERS = {"Accept": "*/*", "Accept-Encoding": "identity", "Referer": "https://www.tiktok.com/"}


@dataclass
class Transfer:
    """One timed download: bytes received, seconds, and its first and last bytes."""

    size: int
    seconds: float
    head: bytes
    tail: bytes

    @property
    def rate(self) -> float:
        """Megabytes per second."""
        return self.size / MB / self.seconds


def timed_get(session: requests.Session, url: str, **headers: str) -> Transfer:
    """GET url, read the body in READ-sized pieces, and time it from request to last byte."""
    started = time.perf_counter()
    size, head, tail = 0, b"", b""
    try:
        with session.get(url, headers=headers, stream=True, timeout=TIMEOUT) as response:
            response.raise_for_status()
            for chunk in response.iter_content(READ):
                if not head:
                    head = chunk[:EDGE]
                size += len(chunk)
                tail = (tail + chunk)[-EDGE:]
    except requests.RequestException as error:
        raise SystemExit(f"{url}: failed after {size} bytes: {error}") from error
    return Transfer(size, time.perf_counter() - started, head, tail)


def tiktok_client(standin: StandIn) -> requests.Session:
    """A client of the stand-in itself: its proxy, its CA, the page's cookie once read."""
    session = requests.Session()
    session.trust_env = False
    session.proxies = {"https": standin.proxy_url}
    session.verify = standin.ca_file
    session.headers.update(CDN_HEADERS)
    session.get(PAGE, timeout=TIMEOUT).raise_for_status()
    return session


def workers(master: int) -> list[int]:
    """The pids of gunicorn's worker processes (children of the master)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                found.append(int(entry.name))
    return sorted(found)


def status_kb(pid: int, field: str) -> int:
    """One kB figure (VmRSS, VmHWM) from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def reset_peak(pid: int) -> bool:
    """Reset the process's VmHWM to its current RSS; False where the kernel does not allow it."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class RssWatch:
    """Samples the workers' VmRSS in a thread; reports each worker's growth over its baseline."""

    def __init__(self, pids: list[int]):
        self.pids = pids
        self.before = {pid: status_kb(pid, "VmRSS") for pid in pids}
        self.hwm_reset = all(reset_peak(pid) for pid in pids)
        self.peak = dict(self.before)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY):
            for pid in self.pids:
                self.peak[pid] = max(self.peak[pid], status_kb(pid, "VmRSS"))

    def __enter__(self) -> "RssWatch":
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()
        if self.hwm_reset:
            for pid in self.pids:
                self.peak[pid] = max(self.peak[pid], status_kb(pid, "VmHWM"))

    def growth_kb(self) -> int:
        """The largest peak-over-baseline growth among the workers, in kB (KiB, as /proc says)."""
        return max(self.peak[pid] - self.before[pid] for pid in self.pids)


def check(transfer: Transfer, reference: Transfer, size: int, what: str) -> None:
    """The transfer brought the whole file, the same bytes as the reference at both ends."""
    if transfer.size != size or (transfer.head, transfer.tail) != (reference.head, reference.tail):
        raise SystemExit(f"{what}: got {transfer.size} bytes, not the {size}-byte file")


def run(standin: StandIn, server: Gunicorn, size: int, rounds: int) -> int:
    """Measure (a) and (b) `rounds` times each, print the figures, return the exit status."""
    api = requests.Session()
    api.trust_env = False
    source = api.get(f"{server.url}/api/tiktok/downloader", params={"url": PAGE}, timeout=TIMEOUT)
    cdn_url = source.json()["data"]["source"]["media"]["no_watermark"]
    standin.serve_size(cdn_url, size)
    link = f"{server.url}/api/tiktok/media/{POST}/video"
    direct, served, watches = [], [], []
    for _ in range(rounds):
        with tiktok_client(standin) as tiktok:
            direct.append(timed_get(tiktok, cdn_url))
        check(direct[-1], direct[0], size, "direct")
        api.get(link, headers={"Range": "bytes=0-0"}, timeout=TIMEOUT).raise_for_status()
        with RssWatch(workers(server.process.pid)) as watch:
            served.append(timed_get(api, link))
        check(served[-1], direct[0], size, "served")
        watches.append(watch)
    api.close()
    print(f"file: {size / MB:.0f} MB video, post {POST}; gunicorn defaults; {rounds} round(s)")
    return report(direct, served, watches)


def report(direct: list[Transfer], served: list[Transfer], watches: list[RssWatch]) -> int:
    """Print each round and the best figures against the targets; 1 if a target is missed."""
    for number, (a, b) in enumerate(zip(direct, served, strict=True), 1):
        print(f"round {number}: (a) direct {a.rate:7.1f} MB/s  (b) served {b.rate:7.1f} MB/s")
    best_direct, best_served = max(t.rate for t in direct), max(t.rate for t in served)
    ratio = best_served / best_direct
    print(f"throughput: direct {best_direct:.1f} MB/s, served {best_served:.1f} MB/s, "
          f"ratio {ratio:.2f} (target >= {RATIO_TARGET})")  # fmt: skip
    growth_kb = max(watch.growth_kb() for watch in watches)
    rss = growth_kb * 1024 / MB
    before = max(max(watch.before.values()) for watch in watches) * 1024 / MB
    hwm = all(watch.hwm_reset for watch in watches)
    method = "VmHWM after clear_refs + VmRSS sampling" if hwm else "VmRSS sampling only"
    print(f"worker peak RSS growth during (b): {rss:.1f} MB ({growth_kb} kB) over a "
          f"{before:.0f} MB worker (target <= {RSS_TARGET_MB:.0f} MB; {method})")  # fmt: skip
    missed = [name for name, ok in (("throughput", ratio >= RATIO_TARGET),
                                    ("memory", rss <= RSS_TARGET_MB)) if not ok]  # fmt: skip
    print("targets met" if not missed else f"targets missed: {', '.join(missed)}")
    return 1 if missed else 0


def main() -> int:
    """Start the stand-in and gunicorn, run the rounds, stop both."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="video size in MB (10**6 bytes)")
    parser.add_argument("--rounds", type=int, default=3, help="best round of each is kept")
    args = parser.parse_args()
    env = {"LOG_LEVEL": "warning"}
    with tempfile.TemporaryDirectory(prefix="tiktok-api-media-") as workdir:
        standin = StandIn(Path(workdir)).start()
        try:
            server = Gunicorn(Path(workdir), standin.service_env() | env, "media").start()
            try:
                return run(standin, server, args.mb * MB, args.rounds)
            finally:
                server.stop()
        finally:
            standin.stop()


if __name__ == "__main__":
    sys.exit(main())
