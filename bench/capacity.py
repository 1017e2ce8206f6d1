"""Capacity benchmark: cold reads at 0 and 300 ms of TikTok latency, the herd, a hit against bare
Flask, slowloris and slow media readers, side by side in one run.

Run: .venv/bin/python bench/capacity.py [--seconds 10]   (or: make bench)

Starts the stand-in and gunicorn exactly as the Procfile runs it (defaults: two gevent workers
per CPU, the cache on), behind a pretend router (PROXY_FIX_HOPS=1).
- cold: posts never read before, asked by wrk (each post once) for --seconds with 64 and with
  256 connections, the stand-in answering at once and after 300 ms; latency hiding = the second
  rate over the first. 64 clients waiting 300 ms each cap the second at 213 req/s whatever the
  server does (Little's law), so the target (latency hiding >= 0.8) is read at 256 clients.
- herd: 50 concurrent requests for one post never read (TikTok answering after 300 ms); the
  page fetches the stand-in saw (target: at most one per worker process).
- hit: wrk, 64 connections, --seconds, on one cached post, against bench/bare.py answering
  the same bytes under the same gunicorn config (target: >= 0.9x); and against bare Flask
  answering the same bytes and the same headers (what the headers alone cost).
- slowloris: 128 connections sending their headers a byte a second; the worst time of a fresh
  request meanwhile (target < 1 s).
- slow readers: 64 clients downloading a 4 MB video at ~1 MB/s each; how many got every byte,
  and the JSON p99 meanwhile (targets: all 64, p99 < 1 s).
Needs wrk (Debian's package `wrk`).
"""

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

from e2e.harness import Gunicorn, StandIn, free_port  # noqa: E402

CLIENTS = 64
CROWD = 256
VIDEO_SIZE = 4 * 1024 * 1024
SERVER_ENV = {"PROXY_FIX_HOPS": "1", "LOG_LEVEL": "warning"}
# Headers gunicorn and Flask write on every answer, the bare yardsticks' included.
SERVER_MADE = {"server", "date", "connection", "content-type", "content-length"}


def session() -> requests.Session:
    """A loopback client ignoring the shell's proxies."""
    client = requests.Session()
    client.trust_env = False
    return client


def link(post_id: str) -> str:
    """A post's link."""
    return f"https://www.tiktok.com/@_/video/{post_id}"


# Each wrk thread walks its own share of the post ids (thread t asks ids t, t+T, t+2T…), so
# no post is asked twice: every request is a cold read.
COLD_SCRIPT = """
local ids = {}
for line in io.lines("%(ids)s") do ids[#ids + 1] = line end
local threads, count = %(threads)d, 0
local prefix = "/api/tiktok/statistic?url=https%%3A%%2F%%2Fwww.tiktok.com%%2F%%40_%%2Fvideo%%2F"
function setup(thread) thread:set("tid", threads_started or 0)
  threads_started = (threads_started or 0) + 1 end
function request()
  local i = (tid or 0) + count * threads + 1
  count = count + 1
  return wrk.format("GET", prefix .. (ids[i] or "exhausted"))
end
"""
WRK_THREADS = 2


def cold_rate(
    server: Gunicorn, standin: StandIn, workdir: Path, latency: float, clients: int, seconds: float
) -> float:
    """Requests/s for posts never read before, `clients` connections (wrk), TikTok answering
    after `latency` seconds."""
    # Open the pools first, at this latency, so as many connections are open as the run keeps
    # in flight: production's pools are warm too, and a TLS handshake is not a post read.
    standin.set_latency(latency)
    warm = standin.clones(clients)
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda p: session().get(server.url + "/api/tiktok/statistic",
                                              params={"url": link(p)}), warm))  # fmt: skip
    posts = standin.clones(int(1000 * seconds))  # more than any run here can ask
    ids, script = workdir / "cold-ids.txt", workdir / "cold.lua"
    ids.write_text("\n".join(posts) + "\n")
    script.write_text(COLD_SCRIPT % {"ids": ids, "threads": WRK_THREADS})
    standin.reset()
    standin.set_latency(latency)
    out = wrk(server.url + "/", clients, seconds, "--timeout", "10s", "-s", str(script))
    standin.set_latency(0)
    fetched = {e["path"] for e in standin.requests() if "/video/" in e["path"]}
    answered = int(re.search(r"([0-9]+) requests in", out).group(1))
    assert "Non-2xx" not in out and "Socket errors" not in out, out
    assert len(fetched) >= answered, "a post was asked twice: not every request was cold"
    return requests_per_second(out)


def worker_count(server: Gunicorn) -> int:
    """How many worker processes the server runs (the children of gunicorn's master)."""
    pid = server.process.pid
    return len(Path(f"/proc/{pid}/task/{pid}/children").read_text().split())


def herd(server: Gunicorn, standin: StandIn) -> int:
    """Page fetches for 50 concurrent requests of one post never read."""
    (post_id,) = standin.clones(1)
    standin.reset()
    standin.set_latency(0.3)
    url = server.url + "/api/tiktok/statistic"
    with ThreadPoolExecutor(50) as pool:
        statuses = list(
            pool.map(lambda _: session().get(url, params={"url": link(post_id)}).status_code,
                     range(50))
        )  # fmt: skip
    standin.set_latency(0)
    assert statuses == [200] * 50, statuses
    return sum(1 for e in standin.requests() if post_id in e["path"])


def wrk(url: str, connections: int, seconds: float, *options: str) -> str:
    """wrk's report of a run against `url`."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{int(seconds)}s", *options, url]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def wrk_rate(url: str, seconds: float) -> float:
    """Requests/s wrk sees on one URL with 64 connections."""
    return requests_per_second(wrk(url, CLIENTS, seconds))


def requests_per_second(report: str) -> float:
    """The rate a wrk report gives."""
    return float(re.search(r"Requests/sec:\s+([0-9.]+)", report).group(1))


def hit_vs_bare(server: Gunicorn, standin: StandIn, workdir: Path, seconds: float):
    """(hit, bare, bare with the same headers) req/s for one cached post and bare Flask
    answering the same bytes."""
    (post_id,) = standin.clones(1)
    path = "/api/tiktok/statistic?url=" + requests.utils.quote(link(post_id), safe="")
    answer = session().get(server.url + path)
    body_file, headers_file = workdir / "bare.json", workdir / "bare-headers.json"
    body_file.write_bytes(answer.content)
    own = [(k, v) for k, v in answer.headers.items() if k.lower() not in SERVER_MADE]
    headers_file.write_text(json.dumps(own))
    hit = wrk_rate(server.url + path, seconds)
    bare_server = start_bare(workdir, body_file, headers_file)
    try:
        flat = wrk_rate(f"http://127.0.0.1:{bare_server[1]}{path}", seconds)
        dressed = wrk_rate(f"http://127.0.0.1:{bare_server[1]}/same-headers{path}", seconds)
    finally:
        bare_server[0].terminate()
        bare_server[0].wait(30)
    return hit, flat, dressed


def start_bare(workdir: Path, body: Path, headers: Path) -> tuple[subprocess.Popen, int]:
    """gunicorn serving bench/bare.py with the project's gunicorn.conf.py."""
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "BARE_BODY_FILE": str(body), "BARE_HEADERS_FILE": str(headers)}
    env["PORT"] = str(port)
    env["BIND_HOST"] = "127.0.0.1"
    binary = Path(sys.executable).with_name("gunicorn")
    log = (workdir / "bare.log").open("wb")
    process = subprocess.Popen(
        [str(binary), "bench.bare:app", "-c", "gunicorn.conf.py"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            session().get(f"http://127.0.0.1:{port}/api/tiktok/statistic", timeout=1)
            return process, port
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("bare Flask did not start")


def slowloris(server: Gunicorn, seconds: float) -> float:
    """The worst time of a fresh request while 128 connections trickle their headers."""
    stop = threading.Event()

    def trickle() -> None:
        while not stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
                    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                    while not stop.is_set():
                        sock.sendall(b"X")
                        time.sleep(1)
            except OSError:
                continue  # dropped by the header timeout: open another

    threads = [threading.Thread(target=trickle, daemon=True) for _ in range(128)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    worst, client = 0.0, session()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        client.get(server.url + "/healthz", timeout=30).raise_for_status()
        worst = max(worst, time.monotonic() - started)
        time.sleep(0.2)
    stop.set()
    return worst


def slow_readers(server: Gunicorn, standin: StandIn) -> tuple[int, float]:
    """(downloads that got every byte, JSON p99 in s) with 64 clients reading ~1 MB/s."""
    (post_id,) = standin.clones(1)
    data = session().get(server.url + "/api/tiktok/downloader", params={"url": link(post_id)})
    source = data.json()["data"]["source"]["media"]["no_watermark"]
    standin.serve_size(source, VIDEO_SIZE)
    media = f"{server.url}/api/tiktok/media/{post_id}/video"

    def download(index: int) -> bool:
        headers = {"X-Forwarded-For": f"10.1.{index}.1"}
        with session().get(media, headers=headers, stream=True, timeout=60) as res:
            if res.status_code != 200:
                return False
            size = 0
            for chunk in res.iter_content(64 * 1024):
                size += len(chunk)
                time.sleep(0.06)
            return size == VIDEO_SIZE

    latencies: list[float] = []
    done = threading.Event()

    def probe() -> None:
        client = session()
        while not done.is_set():
            started = time.monotonic()
            client.get(server.url + "/api/tiktok/statistic", params={"url": link(post_id)})
            latencies.append(time.monotonic() - started)
            time.sleep(0.05)

    prober = threading.Thread(target=probe)
    prober.start()
    with ThreadPoolExecutor(CLIENTS) as pool:
        served = sum(pool.map(download, range(CLIENTS)))
    done.set()
    prober.join()
    latencies.sort()
    return served, latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]


def main() -> int:
    """Start the stand-in and the server, take every figure, print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk")
        return 2
    with tempfile.TemporaryDirectory(prefix="tiktok-api-capacity-") as tmp:
        workdir = Path(tmp)
        standin = StandIn(workdir).start()
        server = Gunicorn(workdir, standin.service_env() | SERVER_ENV, "capacity").start()
        try:
            figures = measure(server, standin, workdir, args.seconds)
        finally:
            server.stop()
            standin.stop()
    print(json.dumps(figures, indent=2))
    ok = (
        figures["latency_hiding_256_clients"] >= 0.8
        and figures["herd_page_fetches"] <= figures["workers"]
        and figures["hit_vs_bare"] >= 0.9
        and figures["slowloris_worst_s"] < 1
        and figures["slow_readers_served"] == CLIENTS
        and figures["slow_readers_json_p99_s"] < 1
    )
    return 0 if ok else 1


def measure(server: Gunicorn, standin: StandIn, workdir: Path, seconds: float) -> dict:
    """Every figure, in one run."""
    cold = {
        (clients, latency): cold_rate(server, standin, workdir, latency, clients, seconds)
        for clients in (CLIENTS, CROWD)
        for latency in (0.0, 0.3)
    }
    hit, bare, dressed = hit_vs_bare(server, standin, workdir, seconds)
    served, p99 = slow_readers(server, standin)
    return {
        "workers": worker_count(server),
        "cold_req_s_at_0ms": round(cold[CLIENTS, 0.0], 1),
        "cold_req_s_at_300ms": round(cold[CLIENTS, 0.3], 1),
        "latency_hiding": round(cold[CLIENTS, 0.3] / cold[CLIENTS, 0.0], 2),
        "cold_req_s_at_0ms_256_clients": round(cold[CROWD, 0.0], 1),
        "cold_req_s_at_300ms_256_clients": round(cold[CROWD, 0.3], 1),
        "latency_hiding_256_clients": round(cold[CROWD, 0.3] / cold[CROWD, 0.0], 2),
        "herd_page_fetches": herd(server, standin),
        "hit_req_s": round(hit, 1),
        "bare_flask_req_s": round(bare, 1),
        "hit_vs_bare": round(hit / bare, 2),
        "bare_flask_same_headers_req_s": round(dressed, 1),
        "hit_vs_bare_same_headers": round(hit / dressed, 2),
        "slowloris_worst_s": round(slowloris(server, seconds), 3),
        "slow_readers_served": served,
        "slow_readers_json_p99_s": round(p99, 3),
    }


if __name__ == "__main__":
    sys.exit(main())
