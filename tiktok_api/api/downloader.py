"""GET /api/tiktok/downloader: the video (with and without watermark), music and stills."""

from flask import Blueprint, request

from ..envelope import envelope
from ..schemas import DownloaderSchema
from . import require_param, tiktok

bp = Blueprint("downloader", __name__)


@bp.get("/api/tiktok/downloader", strict_slashes=False)
def downloader():
    """The files of one post."""
    post = tiktok().post(require_param(request.args, "url"))
    return envelope(DownloaderSchema().dump(post))
