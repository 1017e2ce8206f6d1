"""gunicorn settings for the PaaS: bind $BIND_HOST:$PORT, workers from the env, gevent."""

# gevent first, before anything imports ssl, socket or requests: the service's synchronous
# Flask + requests code then waits on TikTok cooperatively, a greenlet per request.
from gevent import monkey

monkey.patch_all()

import os  # noqa: E402

# BIND_HOST=127.0.0.1 keeps a local run (make run, the end-to-end tests) on loopback only.
bind = f"{os.environ.get('BIND_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"


def default_workers(cgroup: str = "/sys/fs/cgroup") -> int:
    """Two worker processes per CPU this process may use, at most 12. A cold read spends
    milliseconds of CPU parsing TikTok's page; gevent does not preempt, so with one worker per
    CPU, greenlets whose page has arrived queue behind one another while the CPU idles between
    waves. A second process per CPU lets the kernel interleave them: measured with TikTok 300 ms
    away, 2 workers on 2 CPUs serve 0.74x their 0 ms rate, 4 workers 0.97x (bench/capacity.py)."""
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    cpus = (len(usable) if usable else os.cpu_count()) or 1
    return min(2 * min(cpus, quota_cpus(cgroup) or cpus), 12)


def quota_cpus(cgroup: str) -> int | None:
    """The CPUs a container's CPU quota grants (cgroup v2 `cpu.max`, else v1's CFS quota),
    rounded up; None without a quota. A container sees every CPU of its host, not its share."""
    v2 = _fields(os.path.join(cgroup, "cpu.max"))  # "<quota> <period>", or "max <period>"
    v1 = _fields(os.path.join(cgroup, "cpu", "cpu.cfs_quota_us"))  # -1: no quota
    v1 += _fields(os.path.join(cgroup, "cpu", "cpu.cfs_period_us"))
    for fields in (v2, v1):
        if len(fields) >= 2 and fields[0].isdigit() and fields[1].isdigit() and int(fields[1]):
            return max(1, -(-int(fields[0]) // int(fields[1])))
    return None


def _fields(path: str) -> list[str]:
    """The whitespace-separated fields of a small file; none when it cannot be read."""
    try:
        with open(path) as file:
            return file.read().split()
    except OSError:
        return []


# The PaaS sets WEB_CONCURRENCY to what the dyno holds; elsewhere the default above.
workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers())
# gevent, with a stall limit per client and the server's own refusals in the envelope.
worker_class = "tiktok_api.server.GeventWorker"
# Concurrent connections per worker: each costs a greenlet and a socket, not a thread.
worker_connections = int(os.environ.get("WORKER_CONNECTIONS", "1000"))
# Explicit limits: past them the server refuses the request itself (414 / 431 / 400 envelope).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Which forwarded headers to trust is the app's decision alone (PROXY_FIX_HOPS): gunicorn itself
# would take X-Forwarded-Proto from any loopback client.
forwarded_allow_ips = ""
secure_scheme_headers: dict[str, str] = {}
# Each instance runs alone: no control socket shared under ~/.gunicorn between instances.
control_socket_disable = True
# Below the PaaS router's 30 s limit, so a stuck request ends in our envelope, not a router error.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "28"))
graceful_timeout = 20
# Also the bound on reading each request's headers (the gevent worker waits this long in all):
# a client trickling its headers is dropped after 5 s.
keepalive = 5
# The app writes one JSON line per request on stdout (tiktok_api/api/logs.py); gunicorn's own
# access log would repeat each request in another format, so it stays off.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# One /metrics scrape counts every worker: prometheus-client's multiprocess mode keeps each
# worker's series in files under one folder, set before any worker imports the app.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    import tempfile  # noqa: E402

    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="tiktok-api-metrics-")


def on_starting(server) -> None:
    """Start every run with empty series (a restart does not count the last run again)."""
    folder = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name.endswith(".db"):
            os.remove(os.path.join(folder, name))


def child_exit(server, worker) -> None:
    """A worker's live gauges (open media streams) leave with it."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
