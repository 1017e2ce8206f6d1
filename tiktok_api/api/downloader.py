"""GET /api/tiktok/downloader: the video (with and without watermark), music and stills."""

from flask import Blueprint, request

from ..openapi.apidoc import Doc, documented
from ..openapi.examples import VIDEO_POST, VIDEO_URL
from . import POST_ERRORS, LinkQuerySchema, require_param, tiktok
from .rendering import post_answer
from .schemas import DownloaderSchema

bp = Blueprint("downloader", __name__)
DOC = Doc(
    summary="The files of one post.",
    description="Links to the video without and with watermark, its sound, its cover and, "
    "for a photo post, its stills. TikTok's media links need the cookies of the page that "
    "listed them and expire after about two days.",
    query=LinkQuerySchema,
    data=DownloaderSchema,
    errors=POST_ERRORS,
    example=VIDEO_POST,
    cached=True,
    example_query={"url": VIDEO_URL},
)


@bp.get("/api/tiktok/downloader", strict_slashes=False)
@documented(DOC)
def downloader():
    """The files of one post."""
    post = tiktok().post(require_param(request.args, "url"))
    return post_answer(DownloaderSchema, post)
