"""GET /metrics (Prometheus text, every worker counted), behind METRICS_TOKEN when set; and the
per-request series."""

import hmac

from flask import Blueprint, Flask, Response, current_app, request

from .. import telemetry
from ..domain.errors import Unauthorized
from ..metrics import CONTENT_TYPE, LATENCY, REQUESTS, exposition, series
from ..openapi.apidoc import Doc, documented

bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
@documented(
    Doc(
        summary="Prometheus metrics of every worker.",
        description="Requests by route and status, latency, reads from TikTok by kind and "
        "outcome, cache lookups, single-flight waits, the breaker, rate-limited requests, "
        "media bytes and open streams. With METRICS_TOKEN set it needs "
        "`Authorization: Bearer <token>` (401 `unauthorized` otherwise). Never rate-limited.",
        errors=(Unauthorized,),
        media_types=("text/plain",),
        raw=True,
    )
)
def metrics() -> Response:
    """Every series of every worker, in Prometheus' text format."""
    token = current_app.config["METRICS_TOKEN"]
    if token and not _bearer_matches(request.headers.get("Authorization", ""), token):
        error = Unauthorized()
        error.headers = {"WWW-Authenticate": 'Bearer realm="metrics"'}
        raise error
    response = current_app.response_class(exposition(), mimetype=CONTENT_TYPE)
    response.headers["Cache-Control"] = "no-store"
    return response


def _bearer_matches(header: str, token: str) -> bool:
    """`Authorization: Bearer <token>`, compared in constant time."""
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)


def _count(response: Response) -> Response:
    """Count the answer by route and status; time it by route (from the request log's clock)."""
    route = request.url_rule.rule if request.url_rule else "unmatched"
    series(REQUESTS, route, str(response.status_code)).inc()
    elapsed = telemetry.elapsed()
    if elapsed is not None:
        series(LATENCY, route).observe(elapsed)
    return response


def register_request_metrics(app: Flask) -> None:
    """Count and time every request (the request log's hook starts the clock)."""
    app.after_request(_count)
