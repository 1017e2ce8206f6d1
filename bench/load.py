"""Load test: the stand-in plus gunicorn with its default settings, 20 clients for 15 s.

Run: .venv/bin/python bench/load.py [--clients 20] [--seconds 15]
Prints requests/s and p50/p99 latency; exits non-zero on any 5xx, unexpected status or error.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "tests")]

from e2e.harness import Gunicorn, StandIn  # noqa: E402
from e2e.loadgen import run_load  # noqa: E402


def main() -> int:
    """Start both processes, run the load, print the figures, stop both."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tiktok-api-load-") as workdir:
        standin = StandIn(Path(workdir)).start()
        try:
            server = Gunicorn(Path(workdir), standin.service_env(), "load").start()
            try:
                result = run_load(server.url, args.clients, args.seconds)
            finally:
                server.stop()
            upstream = len(standin.requests())
        finally:
            standin.stop()
    print(f"{args.clients} clients, {args.seconds:.0f} s, gunicorn defaults")
    print(result.summary())
    print(f"upstream requests seen by the stand-in: {upstream}")
    for line in (result.unexpected + result.errors)[:10]:
        print("unexpected:", line)
    return 1 if result.unexpected or result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
