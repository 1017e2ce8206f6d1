"""GET /healthz and /readyz: is the process alive, is it ready to serve (no TikTok call)."""

from collections.abc import Callable

from flask import Blueprint, Flask, current_app
from marshmallow import Schema, fields

from ..apidoc import Doc, documented
from ..config import load_config
from ..envelope import envelope
from ..errors import NotReady

bp = Blueprint("health", __name__)


class HealthSchema(Schema):
    """`data` of /healthz."""

    status = fields.String(metadata={"description": "`ok` while the process serves requests."})


class ReadinessSchema(Schema):
    """`data` of /readyz."""

    status = fields.String(metadata={"description": "`ready` when every check passed."})
    checks = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "Each readiness check and its result (`ok`)."},
    )


def _config_loaded(app: Flask) -> bool:
    """Every setting is in the app's config and the TikTok reader is built."""
    return "tiktok" in app.extensions and all(key in app.config for key in load_config())


# name -> check; one more line here adds a dependency (e.g. Redis, when one is configured).
READINESS_CHECKS: dict[str, Callable[[Flask], bool]] = {"config": _config_loaded}


@bp.get("/healthz")
@documented(
    Doc(
        summary="Liveness: the process answers.",
        description="Never calls TikTok or any other dependency.",
        data=HealthSchema,
        example={"status": "ok"},
    )
)
def healthz():
    """The process is alive."""
    return envelope({"status": "ok"})


@bp.get("/readyz")
@documented(
    Doc(
        summary="Readiness: configuration loaded and dependencies reachable.",
        description="Answers 503 `not_ready` naming the failed checks. Never calls TikTok.",
        data=ReadinessSchema,
        errors=(NotReady,),
        example={"status": "ready", "checks": {"config": "ok"}},
    )
)
def readyz():
    """Every readiness check passes, or a 503 naming those that failed."""
    failed = [name for name, check in READINESS_CHECKS.items() if not check(current_app)]
    if failed:
        raise NotReady(f"Not ready: {', '.join(failed)} check failed.")
    return envelope({"status": "ready", "checks": dict.fromkeys(READINESS_CHECKS, "ok")})
