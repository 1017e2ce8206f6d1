"""server.py and gunicorn.conf.py: how the server binds, and its own refusals as the envelope."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from gunicorn.http import errors as http_errors

from tiktok_api.config import load_config
from tiktok_api.server import refusal_bytes, refusal_for

ROOT = Path(__file__).resolve().parents[1]


def gunicorn_settings(monkeypatch, **env: str) -> dict:
    """gunicorn.conf.py evaluated with these variables, in a process of its own (it patches
    the standard library for gevent, which must not happen to the test process)."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code = (
        "import json, runpy, sys\n"
        "s = runpy.run_path(sys.argv[1])\n"
        "print(json.dumps({k: v for k, v in s.items() if k.islower() and not k.startswith('_') and "
        "isinstance(v, (str, int, bool, dict, type(None)))}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "gunicorn.conf.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_the_procfile_binds_every_interface_on_port(monkeypatch):
    settings = gunicorn_settings(monkeypatch, PORT="5123")
    assert settings["bind"] == "0.0.0.0:5123"
    assert "gunicorn wsgi:app -c gunicorn.conf.py" in (ROOT / "Procfile").read_text()


def test_make_run_binds_loopback_unless_told(monkeypatch):
    dry = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True)
    assert "BIND_HOST=127.0.0.1" in dry.stdout
    told = subprocess.run(
        ["make", "-n", "run", "BIND_HOST=0.0.0.0"], cwd=ROOT, capture_output=True, text=True
    )
    assert "BIND_HOST=0.0.0.0" in told.stdout


def test_each_instance_keeps_to_itself_and_trusts_no_forwarded_header_itself(monkeypatch):
    settings = gunicorn_settings(monkeypatch)
    assert settings["control_socket_disable"] is True
    assert settings["forwarded_allow_ips"] == "" and settings["secure_scheme_headers"] == {}
    assert settings["worker_class"] == "tiktok_api.server.GeventWorker"
    assert settings["keepalive"] == 5 and settings["worker_connections"] == 1000
    limits = ("limit_request_line", "limit_request_fields", "limit_request_field_size")
    assert [settings[name] for name in limits] == [8190, 100, 8190]


def test_two_workers_per_cpu_unless_the_platform_says(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    cpus = len(os.sched_getaffinity(0))
    assert gunicorn_settings(monkeypatch)["workers"] == min(2 * cpus, 12)
    assert gunicorn_settings(monkeypatch, WEB_CONCURRENCY="")["workers"] == min(2 * cpus, 12)
    assert gunicorn_settings(monkeypatch, WEB_CONCURRENCY="3")["workers"] == 3


def workers_for_cgroup(tmp_path, files: dict[str, str]) -> tuple[int | None, int]:
    """quota_cpus and default_workers of gunicorn.conf.py over a cgroup folder holding `files`."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    code = (
        "import json, runpy, sys\n"
        "s = runpy.run_path(sys.argv[1])\n"
        "print(json.dumps([s['quota_cpus'](sys.argv[2]), s['default_workers'](sys.argv[2])]))"
    )
    command = [sys.executable, "-c", code, str(ROOT / "gunicorn.conf.py"), str(tmp_path)]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    quota, workers = json.loads(out.stdout)
    return quota, workers


@pytest.mark.parametrize(
    ("files", "quota"),
    [
        ({"cpu.max": "100000 100000\n"}, 1),
        ({"cpu.max": "150000 100000\n"}, 2),
        ({"cpu.max": "20000 100000\n"}, 1),
        ({"cpu.max": "max 100000\n"}, None),
        ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1),
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({"cpu.max": "garbage"}, None),
        ({}, None),
    ],
)
def test_a_container_cpu_quota_bounds_the_default_workers(tmp_path, files, quota):
    cpus = len(os.sched_getaffinity(0))
    found, workers = workers_for_cgroup(tmp_path, files)
    assert found == quota
    assert workers == min(2 * min(cpus, quota or cpus), 12)


@pytest.mark.parametrize(
    ("error", "status", "slug"),
    [
        (http_errors.LimitRequestLine(9000, 8190), 414, "uri_too_long"),
        (http_errors.LimitRequestHeaders("limit request headers fields"), 431, "headers_too_large"),
        (http_errors.InvalidRequestLine("GARBAGE"), 400, "bad_request"),
        (http_errors.InvalidRequestMethod("G@T"), 400, "bad_request"),
        (http_errors.InvalidHeaderName("bad name"), 400, "bad_request"),
        (RuntimeError("a bug"), 500, "internal_error"),
    ],
)
def test_each_refusal_has_its_status_and_slug(error, status, slug):
    refusal = refusal_for(error)
    answer = refusal_bytes(refusal, load_config({"API_AUTHOR": "me"}))
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode())
    assert b"Content-Type: application/json" in head and b"Connection: close" in head
    assert f"Content-Length: {len(body)}".encode() in head
    envelope = json.loads(body)
    assert (envelope["code"], envelope["error"], envelope["author"]) == (status, slug, "me")
    assert "a bug" not in envelope["message"]


def test_the_refusals_docs_link_is_our_own():
    config = load_config({"PUBLIC_BASE_URL": "https://api.example.org"})
    body = refusal_bytes(refusal_for(http_errors.InvalidRequestLine("x")), config)
    assert json.loads(body.partition(b"\r\n\r\n")[2])["docs"] == "https://api.example.org/docs"
