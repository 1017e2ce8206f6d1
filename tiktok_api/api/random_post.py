"""GET /api/tiktok/random: one post drawn at random from a creator's newest posts."""

from flask import Blueprint, request

from ..envelope import envelope
from ..schemas import RandomSchema
from . import require_param, tiktok

bp = Blueprint("random", __name__)


@bp.get("/api/tiktok/random", strict_slashes=False)
@bp.get("/api/tiktok/random-post", strict_slashes=False)
def random_post():
    """A random post of `username`, optionally only a `type` of video or photo."""
    post = tiktok().random_post(require_param(request.args, "username"), request.args.get("type"))
    return envelope(RandomSchema().dump(post))
