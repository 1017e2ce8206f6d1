"""Benchmark: what one cache hit costs inside one process, against bare Flask answering the same
bytes, both called through WSGI directly (no server, no sockets): where the time gunicorn adds
is left out, the hit path's own cost shows.

Run: .venv/bin/python bench/hit.py [--rounds 5000]
Starts the stand-in, builds the app as gunicorn's workers do (PROXY_FIX_HOPS=1, LOG_LEVEL=warning,
as bench/capacity.py runs it), reads one post once, then times --rounds hits and --rounds bare
answers, three times, and prints microseconds per request.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from e2e.harness import StandIn  # noqa: E402

HEADERS = {"Host": "127.0.0.1:8000", "X-Forwarded-For": "10.0.0.1", "Accept": "*/*"}


def per_request(app, environ: dict, rounds: int) -> float:
    """Microseconds per request of `app` answering `environ`, body read and closed."""
    started = time.perf_counter()
    for _ in range(rounds):
        body = app(dict(environ), lambda status, headers, exc_info=None: None)
        b"".join(body)
        getattr(body, "close", lambda: None)()
    return (time.perf_counter() - started) / rounds * 1e6


def main() -> int:
    """Print the hit's and bare Flask's cost per request, three runs each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tiktok-api-hit-") as tmp:
        workdir = Path(tmp)
        standin = StandIn(workdir).start()
        try:
            os.environ.update(
                standin.service_env() | {"PROXY_FIX_HOPS": "1", "LOG_LEVEL": "warning"}
            )
            from werkzeug.test import EnvironBuilder

            from tiktok_api import create_app

            app = create_app()
            (post_id,) = standin.clones(1)
            query = {"url": f"https://www.tiktok.com/@_/video/{post_id}"}
            environ = EnvironBuilder(
                "/api/tiktok/statistic", query_string=query, headers=HEADERS
            ).get_environ()
            answered: list[str] = []
            first = b"".join(app(dict(environ), lambda status, *_: answered.append(status)))
            assert answered == ["200 OK"], answered  # the one read from TikTok
            (workdir / "body.json").write_bytes(first)
            (workdir / "headers.json").write_text("[]")
            os.environ["BARE_BODY_FILE"] = str(workdir / "body.json")
            os.environ["BARE_HEADERS_FILE"] = str(workdir / "headers.json")
            from bench.bare import app as bare

            runs = [
                (per_request(app, environ, args.rounds), per_request(bare, environ, args.rounds))
                for _ in range(3)
            ]
        finally:
            standin.stop()
    hit, flat = min(r[0] for r in runs), min(r[1] for r in runs)
    print(json.dumps({"hit_us": round(hit, 1), "bare_flask_us": round(flat, 1)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
