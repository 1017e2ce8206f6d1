"""GET /healthz and /readyz: is the process alive, is it ready to serve (no TikTok call)."""

from collections.abc import Callable

from flask import Blueprint, Flask, current_app
from marshmallow import Schema, fields

from ..config import config_problems
from ..domain.errors import NotReady
from ..openapi.apidoc import Doc, documented
from .envelope import envelope

bp = Blueprint("health", __name__)


class HealthSchema(Schema):
    """`data` of /healthz."""

    status = fields.String(metadata={"description": "`ok` while the process serves requests."})


class ReadinessSchema(Schema):
    """`data` of /readyz."""

    status = fields.String(
        metadata={
            "description": "`ready` when every check passed; `degraded` while Redis is "
            "unreachable (the service still answers, without what Redis shares)."
        }
    )
    checks = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={
            "description": "Each readiness check and its result: `ok`; `redis` is `down` while "
            "Redis fails, and is listed only when REDIS_URL is set."
        },
    )


def _config_sound(app: Flask) -> bool:
    """Every setting is present and holds a value the service can run with."""
    return not config_problems(app.config)


def _services_built(app: Flask) -> bool:
    """The TikTok reader and the media proxy are in place."""
    return "tiktok" in app.extensions and "media" in app.extensions


# name -> check that must pass; Redis, when set, only degrades readiness (see readyz).
READINESS_CHECKS: dict[str, Callable[[Flask], bool]] = {
    "config": _config_sound,
    "services": _services_built,
}


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
        description="Answers 503 `not_ready` naming the failed checks. Never calls TikTok. "
        "With REDIS_URL set it pings Redis: unreachable, the answer is still 200, with "
        "`status: degraded` and `checks.redis: down`.",
        data=ReadinessSchema,
        errors=(NotReady,),
        example={"status": "ready", "checks": {"config": "ok", "services": "ok"}},
    )
)
def readyz():
    """Every readiness check passes, or a 503 naming those that failed."""
    failed = [name for name, check in READINESS_CHECKS.items() if not check(current_app)]
    if failed:
        raise NotReady(f"Not ready: {', '.join(failed)} check failed.")
    checks = dict.fromkeys(READINESS_CHECKS, "ok")
    redis = current_app.extensions["tiktok"].redis
    if redis is not None:
        checks["redis"] = "ok" if redis.check() else "down"
    status = "ready" if checks.get("redis", "ok") == "ok" else "degraded"
    return envelope({"status": status, "checks": checks})
