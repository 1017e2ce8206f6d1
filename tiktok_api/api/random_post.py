"""GET /api/tiktok/random: one post drawn at random from a creator's newest posts."""

from flask import Blueprint, request
from marshmallow import Schema, fields

from ..domain.errors import (
    InvalidParameter,
    InvalidUsername,
    NoPosts,
    UserNotFound,
    UserPrivate,
    UserUnavailable,
)
from ..openapi.apidoc import Doc, documented
from ..openapi.examples import PHOTO_POST
from . import POST_ERRORS, require_param, tiktok
from .rendering import post_answer
from .schemas import RandomSchema

bp = Blueprint("random", __name__)


class RandomQuerySchema(Schema):
    """The query parameters of the random endpoint."""

    username = fields.String(
        required=True,
        metadata={"description": "A TikTok handle, with or without @, or a profile link."},
    )
    type = fields.String(
        metadata={
            "description": "Draw only among `video` or `photo` posts.",
            "enum": ["video", "photo"],
        }
    )


DOC = Doc(
    summary="One post drawn at random from a creator's newest posts, read in full.",
    description="Draws uniformly among the ~11 newest posts TikTok's creator embed page lists, "
    "then reads the drawn post like the statistic endpoint.",
    query=RandomQuerySchema,
    data=RandomSchema,
    errors=(
        *(e for e in POST_ERRORS if e.slug not in ("invalid_url", "not_a_post")),
        InvalidUsername,
        InvalidParameter,
        UserNotFound,
        UserPrivate,
        UserUnavailable,
        NoPosts,
    ),
    example=PHOTO_POST,
    example_query={"username": "nasa", "type": "photo"},
)


@bp.get("/api/tiktok/random", strict_slashes=False)
@bp.get("/api/tiktok/random-post", strict_slashes=False)
@documented(DOC)
def random_post():
    """A random post of `username`, optionally only a `type` of video or photo."""
    post = tiktok().random_post(require_param(request.args, "username"), request.args.get("type"))
    return post_answer(RandomSchema, post)
