"""GET /api/tiktok/statistic: statistics, media and author of one post."""

from flask import Blueprint, request

from ..openapi.apidoc import Doc, documented
from ..openapi.examples import VIDEO_POST, VIDEO_URL
from . import POST_ERRORS, LinkQuerySchema, require_param, tiktok
from .rendering import post_answer
from .schemas import StatisticSchema

bp = Blueprint("statistic", __name__)
DOC = Doc(
    summary="Statistics, media and author of one post.",
    description="Counts (plays, likes, comments, shares, saves), caption, hashtags, "
    "creation time, region, author and media links of a video or photo post.",
    query=LinkQuerySchema,
    data=StatisticSchema,
    errors=POST_ERRORS,
    example=VIDEO_POST,
    cached=True,
    example_query={"url": VIDEO_URL},
)


@bp.get("/api/tiktok/statistic", strict_slashes=False)
@bp.get("/api/tiktok/statistics", strict_slashes=False)
@bp.get("/api/tiktok/stats", strict_slashes=False)
@documented(DOC)
def statistic():
    """Statistics, media and author of one post."""
    post = tiktok().post(require_param(request.args, "url"))
    return post_answer(StatisticSchema, post)
