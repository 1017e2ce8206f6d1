"""GET /api/tiktok/slides: every still of a photo post, in order."""

from flask import Blueprint, request

from ..envelope import envelope
from ..errors import NotASlideshow
from ..schemas import SlidesSchema
from . import require_param, tiktok

bp = Blueprint("slides", __name__)


@bp.get("/api/tiktok/slides", strict_slashes=False)
@bp.get("/api/tiktok/images", strict_slashes=False)
@bp.get("/api/tiktokslide/downloader", strict_slashes=False)
def slides():
    """The stills and sound of a photo post; a video post is refused."""
    post = tiktok().post(require_param(request.args, "url"))
    if not post.is_photo:
        raise NotASlideshow()
    return envelope(SlidesSchema().dump(post))
