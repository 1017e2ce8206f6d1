"""The production setup as the Procfile runs it: gunicorn logs each request once, as JSON."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
START_DEADLINE = 20.0


def _free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(base: str, proc: subprocess.Popen) -> None:
    """Poll /healthz until gunicorn answers (bounded)."""
    deadline = time.monotonic() + START_DEADLINE
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            requests.get(f"{base}/healthz", timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    pytest.fail("gunicorn did not start")


@pytest.fixture
def gunicorn():
    """gunicorn with the project's config, bound to loopback; yields (base URL, output reader)."""
    port = _free_port()
    env = os.environ | {"WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "2", "PORT": str(port)}
    command = [sys.executable, "-m", "gunicorn", "wsgi:app", "-c", "gunicorn.conf.py"]
    proc = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    output: dict[str, str] = {}

    def stop() -> tuple[str, str]:
        proc.terminate()
        output["out"], output["err"] = proc.communicate(timeout=30)
        return output["out"], output["err"]

    try:
        _wait_until_up(base, proc)
        yield base, stop
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=30)


def test_one_json_line_per_request_and_no_access_log(gunicorn):
    base, stop = gunicorn
    res = requests.get(f"{base}/readyz", headers={"X-Request-ID": "serving-check"}, timeout=5)
    assert res.status_code == 200
    assert res.headers["X-Request-ID"] == "serving-check"
    missing = requests.get(f"{base}/api/tiktok/statistic", timeout=5)
    assert missing.status_code == 400
    out, err = stop()
    lines = [json.loads(line) for line in out.splitlines()]
    mine = [line for line in lines if line.get("request_id") == "serving-check"]
    assert [(line["route"], line["status"]) for line in mine] == [("/readyz", 200)]
    errors = [line for line in lines if line.get("error") == "missing_parameter"]
    assert [line["request_id"] for line in errors] == [missing.headers["X-Request-ID"]]
    assert "serving-check" not in err
    assert "/readyz" not in err
