"""GET /api/tiktok/statistic: statistics, media and author of one post."""

from flask import Blueprint, request

from ..envelope import envelope
from ..schemas import StatisticSchema
from . import require_param, tiktok

bp = Blueprint("statistic", __name__)


@bp.get("/api/tiktok/statistic", strict_slashes=False)
@bp.get("/api/tiktok/statistics", strict_slashes=False)
@bp.get("/api/tiktok/stats", strict_slashes=False)
def statistic():
    """Statistics, media and author of one post."""
    post = tiktok().post(require_param(request.args, "url"))
    return envelope(StatisticSchema().dump(post))
