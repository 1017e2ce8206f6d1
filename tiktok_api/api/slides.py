"""GET /api/tiktok/slides: every still of a photo post, in order."""

from flask import Blueprint, request

from ..domain.errors import NotASlideshow
from ..openapi.apidoc import Doc, documented
from ..openapi.examples import PHOTO_POST, PHOTO_URL
from . import POST_ERRORS, LinkQuerySchema, require_param, tiktok
from .rendering import post_answer
from .schemas import SlidesSchema

bp = Blueprint("slides", __name__)
DOC = Doc(
    summary="The stills and sound of a photo post.",
    description="Every image of a photo slideshow in order, its cover and its sound. "
    "A video post is refused with `not_a_slideshow`.",
    query=LinkQuerySchema,
    data=SlidesSchema,
    errors=(*POST_ERRORS, NotASlideshow),
    example=PHOTO_POST,
    cached=True,
    example_query={"url": PHOTO_URL},
)


@bp.get("/api/tiktok/slides", strict_slashes=False)
@bp.get("/api/tiktok/images", strict_slashes=False)
@bp.get("/api/tiktokslide/downloader", strict_slashes=False)
@documented(DOC)
def slides():
    """The stills and sound of a photo post; a video post is refused."""
    post = tiktok().post(require_param(request.args, "url"))
    if not post.is_photo:
        raise NotASlideshow()
    return post_answer(SlidesSchema, post)
