"""gunicorn settings for the PaaS: bind $BIND_HOST:$PORT, workers and threads from the env."""

import os

# BIND_HOST=127.0.0.1 keeps a local run (the end-to-end tests) on loopback only.
bind = f"{os.environ.get('BIND_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# gthread, with the server's own refusals (request line or headers too long) in the envelope.
worker_class = "tiktok_api.server.ThreadWorker"
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
keepalive = 5
# The app writes one JSON line per request on stdout (tiktok_api/api/logs.py); gunicorn's own access
# log would repeat each request in another format, so it stays off.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
