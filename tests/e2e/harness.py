"""Start and stop the TikTok stand-in and the real server (gunicorn, as the Procfile runs it)."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

E2E_DIR = Path(__file__).resolve().parent
REPO = E2E_DIR.parents[1]
PROXY_VARIABLES = frozenset({"http_proxy", "https_proxy", "all_proxy", "no_proxy"})
START_TIMEOUT = 30.0


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(ready, process: subprocess.Popen, log: Path, what: str) -> None:
    """Poll `ready()` until it is true; fail with the log's tail if the process dies or stalls."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if ready():
            return
        time.sleep(0.1)
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    raise RuntimeError(f"{what} did not start:\n{tail}")


def _stop(process: subprocess.Popen | None, grace: float = 25.0) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


class StandIn:
    """The stand-in process (proxy + admin endpoint) and the calls tests make to it."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.process: subprocess.Popen | None = None
        self.info: dict[str, Any] = {}
        self.admin = requests.Session()
        self.admin.trust_env = False

    def start(self) -> "StandIn":
        """Launch `python -m standin` and wait for its ports."""
        state_file, log = self.workdir / "standin.json", self.workdir / "standin.log"
        state_file.unlink(missing_ok=True)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(E2E_DIR), str(REPO)]))
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "standin", str(state_file)],
                cwd=self.workdir, env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        _wait(state_file.exists, self.process, log, "the stand-in")
        self.info = json.loads(state_file.read_text())
        return self

    def stop(self) -> None:
        """Stop the stand-in."""
        _stop(self.process, grace=10)
        self.admin.close()

    @property
    def proxy_url(self) -> str:
        """The proxy address the service gets in HTTPS_PROXY / HTTP_PROXY."""
        return f"http://127.0.0.1:{self.info['proxy']}"

    @property
    def ca_file(self) -> str:
        """The test CA the service trusts through REQUESTS_CA_BUNDLE."""
        return self.info["ca"]

    def service_env(self) -> dict[str, str]:
        """The standard variables that send the service's outbound HTTPS through the stand-in."""
        return {
            "HTTPS_PROXY": self.proxy_url,
            "HTTP_PROXY": self.proxy_url,
            "REQUESTS_CA_BUNDLE": self.ca_file,
        }

    def _call(self, method: str, path: str, data: Any = None) -> Any:
        url = f"http://127.0.0.1:{self.info['admin']}{path}"
        response = self.admin.request(method, url, json=data, timeout=10)
        response.raise_for_status()
        return response.json()

    def log(self) -> list[dict[str, Any]]:
        """Everything the stand-in received since the last reset (CONNECTs and requests)."""
        return self._call("GET", "/log")

    def requests(self) -> list[dict[str, Any]]:
        """The HTTP requests received (what a test counts as upstream calls)."""
        return [entry for entry in self.log() if entry["kind"] == "request"]

    def foreign(self) -> list[dict[str, Any]]:
        """Every request or tunnel asked for a host that is not TikTok's."""
        return [entry for entry in self.log() if entry["foreign"]]

    def reset(self) -> None:
        """Clear the log and every injected fault."""
        self._call("POST", "/reset")

    def inject(self, key: str, kind: str, **params: Any) -> None:
        """Make the stand-in misbehave for one post/short code/user: inject("post:<id>", "hang")."""
        self._call("POST", "/faults", {key: {"kind": kind, **params}})

    def clones(
        self, count: int, template: str = "7608826249200356630", caption: str | None = None
    ) -> list[str]:
        """`count` fresh post ids, each served as a copy of the template post's page (with
        another caption, if given)."""
        data = {"template": template, "count": count}
        return self._call("POST", "/clones", data | ({"caption": caption} if caption else {}))

    def set_latency(self, seconds: float) -> None:
        """Answer every post page after this many seconds (until the next reset)."""
        self._call("POST", "/latency", {"seconds": seconds})

    def serve_size(self, url: str, size: int | None) -> None:
        """Make the CDN file at `url` (host and path) this many bytes long; None: the default."""
        self._call("POST", "/media-sizes", {url: size})


class Gunicorn:
    """The service started exactly as the Procfile starts it, on a free loopback port."""

    def __init__(self, workdir: Path, env: dict[str, str], name: str = "gunicorn") -> None:
        self.workdir, self.extra_env, self.name = workdir, env, name
        self.process: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Gunicorn":
        """Run `gunicorn wsgi:app -c gunicorn.conf.py` with PORT set; wait until it answers."""
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if k.lower() not in PROXY_VARIABLES}
        env.update(self.extra_env, PORT=str(self.port), BIND_HOST="127.0.0.1")
        binary = Path(sys.executable).with_name("gunicorn")
        command = [str(binary) if binary.exists() else shutil.which("gunicorn") or "gunicorn"]
        log = self.workdir / f"{self.name}.log"
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [*command, "wsgi:app", "-c", "gunicorn.conf.py"],
                cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        _wait(self._answers, self.process, log, "gunicorn")
        return self

    def _answers(self) -> bool:
        try:
            requests.get(self.url + "/", timeout=1, proxies={"http": "", "https": ""})
        except requests.ConnectionError:
            return False
        return True

    def stop(self) -> None:
        """Stop gunicorn (graceful, then forced)."""
        _stop(self.process)
