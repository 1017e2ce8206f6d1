"""Scale-out benchmark: two gunicorn instances (2 gevent workers each) sharing one redis-server,
against the stand-in, side by side with one instance on its in-process cache.

Run: .venv/bin/python bench/scale.py [--seconds 10]   (or: make bench-scale)

- herd: 50 concurrent requests for one post never read, spread over both instances (TikTok
  answering after 300 ms); the page fetches the stand-in saw (target: exactly 1).
- cross-instance: a post read on instance A, then asked on B; B's Cache-Status (target: hit).
- cold posts: 240 posts never read, 64 clients over both instances; page fetches (target 240)
  and requests/s.
- hit: wrk, 64 connections, --seconds, on one cached post: both instances with Redis (each
  wrk against its own instance, summed) and one instance without Redis.
- redis down: Redis killed, 200 requests over both instances; how many answered 200.
Needs wrk (Debian's `wrk`) and redis-server (Debian's `redis-server`).
"""

import argparse
import json
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]

from capacity import link, session, wrk_rate  # noqa: E402
from e2e.harness import Gunicorn, StandIn  # noqa: E402
from redis_server import RedisServer  # noqa: E402

CLIENTS = 64
SERVER_ENV = {"PROXY_FIX_HOPS": "1", "LOG_LEVEL": "warning", "WEB_CONCURRENCY": "2"}


def fetches(standin: StandIn, post_id: str) -> int:
    """Page fetches the stand-in served for one post."""
    return sum(1 for e in standin.requests() if f"/video/{post_id}" in e["path"])


def ask(base: str, post_id: str, client: int) -> requests.Response:
    """GET the statistic of a post from one instance as one client."""
    return session().get(
        base + "/api/tiktok/statistic",
        params={"url": link(post_id)},
        headers={"X-Forwarded-For": f"10.1.{client % 250}.{client // 250 + 1}"},
        timeout=30,
    )


def herd(bases: list[str], standin: StandIn) -> int:
    """Page fetches for 50 concurrent cold requests over both instances."""
    (post_id,) = standin.clones(1)
    standin.set_latency(0.3)
    with ThreadPoolExecutor(50) as pool:
        statuses = [r.status_code for r in pool.map(
            lambda i: ask(bases[i % 2], post_id, i), range(50))]  # fmt: skip
    standin.set_latency(0)
    assert statuses == [200] * 50, statuses
    return fetches(standin, post_id)


def cross_instance(bases: list[str], standin: StandIn) -> str:
    """Cache-Status on B for a post read on A."""
    (post_id,) = standin.clones(1)
    assert ask(bases[0], post_id, 1).status_code == 200
    return ask(bases[1], post_id, 2).headers.get("Cache-Status", "")


def cold(bases: list[str], standin: StandIn) -> tuple[int, float]:
    """(page fetches, requests/s) for 240 never-read posts over both instances."""
    posts = standin.clones(240)
    started = time.monotonic()
    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = [r.status_code for r in pool.map(
            lambda i: ask(bases[i % 2], posts[i], i), range(len(posts)))]  # fmt: skip
    elapsed = time.monotonic() - started
    assert statuses == [200] * len(posts), statuses
    return sum(fetches(standin, p) for p in posts), len(posts) / elapsed


def hits(bases: list[str], standin: StandIn, seconds: float) -> float:
    """Summed wrk requests/s on one cached post, one wrk per instance at once."""
    (post_id,) = standin.clones(1)
    for base in bases:
        assert ask(base, post_id, 3).status_code == 200
    path = "/api/tiktok/statistic?url=" + requests.utils.quote(link(post_id), safe="")
    rates: list[float] = []
    threads = [
        threading.Thread(target=lambda b=base: rates.append(wrk_rate(b + path, seconds)))
        for base in bases
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(rates)


def redis_down(bases: list[str], standin: StandIn, redis: RedisServer) -> int:
    """Answers 200 out of 200 requests (old and new posts) with Redis killed."""
    posts = standin.clones(20)
    for i, post_id in enumerate(posts[:10]):
        ask(bases[i % 2], post_id, i)
    redis.stop()
    with ThreadPoolExecutor(16) as pool:
        statuses = [r.status_code for r in pool.map(
            lambda i: ask(bases[i % 2], posts[i % 20], i), range(200))]  # fmt: skip
    return statuses.count(200)


def main() -> int:
    """Start the stand-in, Redis and the instances; take every figure; print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    for tool in ("wrk", "redis-server"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install {tool}")
            return 2
    with tempfile.TemporaryDirectory(prefix="tiktok-api-scale-") as tmp:
        workdir = Path(tmp)
        standin = StandIn(workdir).start()
        redis = RedisServer(shutil.which("redis-server"), workdir)
        redis.start()
        env = standin.service_env() | SERVER_ENV | {"REDIS_URL": redis.url}
        servers = [Gunicorn(workdir, env, f"instance{i}").start() for i in range(2)]
        alone = Gunicorn(workdir, standin.service_env() | SERVER_ENV, "alone").start()
        try:
            bases = [server.url for server in servers]
            page_fetches, cold_rate = cold(bases, standin)
            figures = {
                "herd_page_fetches_over_2_instances": herd(bases, standin),
                "cross_instance_cache_status": cross_instance(bases, standin),
                "cold_240_posts_page_fetches": page_fetches,
                "cold_req_s_2_instances": round(cold_rate, 1),
                "hit_req_s_2_instances_redis": round(hits(bases, standin, args.seconds), 1),
                "hit_req_s_1_instance_memory": round(hits([alone.url], standin, args.seconds), 1),
                "redis_down_answered_200_of_200": redis_down(bases, standin, redis),
            }
        finally:
            for server in (*servers, alone):
                server.stop()
            redis.stop()
            standin.stop()
    print(json.dumps(figures, indent=2))
    ok = (
        figures["herd_page_fetches_over_2_instances"] == 1
        and figures["cross_instance_cache_status"] == "tiktok-api; hit"
        and figures["cold_240_posts_page_fetches"] == 240
        and figures["redis_down_answered_200_of_200"] == 200
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
