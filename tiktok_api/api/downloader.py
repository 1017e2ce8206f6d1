"""GET /api/tiktok/downloader: the video (with and without watermark), music and stills."""

from flask import Blueprint, request
from marshmallow import fields

from ..domain.errors import InvalidParameter
from ..domain.media_kinds import parse_quality, pick_rendition
from ..openapi.apidoc import Doc, documented
from ..openapi.examples import VIDEO_POST, VIDEO_URL
from . import POST_ERRORS, LinkQuerySchema, require_param, tiktok
from .rendering import post_answer
from .schemas import DownloaderSchema


class DownloaderQuerySchema(LinkQuerySchema):
    """The downloader's query: the link, and which quality `media.no_watermark` points at."""

    quality = fields.String(
        metadata={
            "description": "What `media.no_watermark` points at: `h264` (default: the best "
            "that plays everywhere), `best` (any codec, h265 included), `smallest`, or a "
            "height such as `720` (the best rendition up to 720p, h264 first; else the "
            "smallest). Without renditions on the page the one video file answers."
        }
    )


bp = Blueprint("downloader", __name__)
DOC = Doc(
    summary="The files of one post.",
    description="Links to the video without and with watermark, its sound, its cover and, "
    "for a photo post, its stills. TikTok's media links need the cookies of the page that "
    "listed them and expire after about two days.",
    query=DownloaderQuerySchema,
    data=DownloaderSchema,
    errors=(*POST_ERRORS, InvalidParameter),
    example=VIDEO_POST,
    cached=True,
    example_query={"url": VIDEO_URL},
)


@bp.get("/api/tiktok/downloader", strict_slashes=False)
@documented(DOC)
def downloader():
    """The files of one post."""
    link = require_param(request.args, "url")
    quality = parse_quality(request.args.get("quality"))  # refused before TikTok is asked
    post = tiktok().post(link)
    return post_answer(DownloaderSchema, post, pick_rendition(post, quality))
