"""GET/HEAD /api/tiktok/media/<post_id>/<kind>: a post's files under links that do not expire."""

from flask import Blueprint, current_app, request
from werkzeug.exceptions import NotFound

from ..domain.errors import (
    MediaBusy,
    MediaNotFound,
    MediaTooLarge,
    MediaUnavailable,
    RangeNotSatisfiable,
)
from ..domain.media_kinds import (
    EXTENSIONS,
    FILE_KINDS,
    VTT,
    ZIP_KIND,
    rendition_kind,
    slide_kind,
    subtitle_kind,
)
from ..domain.video_files import LANGUAGE, QUALITY
from ..media.stream import MediaProxy
from ..openapi.apidoc import Doc, documented
from . import POST_ERRORS

bp = Blueprint("media", __name__)
MEDIA_ERRORS = (
    *(e for e in POST_ERRORS if e.slug not in ("missing_parameter", "not_a_post")),
    MediaNotFound,
    MediaUnavailable,
    MediaTooLarge,
    MediaBusy,
    RangeNotSatisfiable,
)
MEDIA_TYPES = (*sorted(EXTENSIONS), "application/zip")
POST_ID = "The post's 19-digit id."
FILE_DOC = Doc(
    summary="One file of a post: video, watermarked video, music, cover, avatar or all slides.",
    description="Streams the file from TikTok's CDN with the cookies of the page that listed it. "
    "Range requests answer 206; `?download=1` adds a Content-Disposition attachment name.",
    errors=MEDIA_ERRORS,
    media_types=MEDIA_TYPES,
    ranges=True,
    path_params={"post_id": POST_ID, "kind": f"One of {', '.join(FILE_KINDS)}, {ZIP_KIND}."},
    example_path={"post_id": "7608826249200356630", "kind": "video"},
)
SLIDE_DOC = Doc(
    summary="One slide of a photo post, counted from 1.",
    errors=MEDIA_ERRORS,
    media_types=MEDIA_TYPES,
    ranges=True,
    path_params={"post_id": POST_ID, "number": "The slide, from 1."},
    example_path={"post_id": "7610426235671350549", "number": "1"},
)


RENDITION_DOC = Doc(
    summary="One quality of a video, by TikTok's gear name (from media.renditions).",
    description="Streams that rendition (h264 or h265) like `/video`, Range requests included; "
    "`?download=1` names the file `<handle>_<id>_<quality>.mp4`.",
    errors=MEDIA_ERRORS,
    media_types=("video/mp4",),
    ranges=True,
    path_params={"post_id": POST_ID, "quality": "A `quality` from `data.media.renditions`."},
    example_path={"post_id": "7608826249200356630", "quality": "normal_540_0"},
)
SUBTITLE_DOC = Doc(
    summary="One subtitle track of a video, by language (from data.subtitles).",
    description=f"Streams the WebVTT track as `{VTT}` whatever type TikTok's CDN labels it "
    "with; `?download=1` names it `<handle>_<id>_<language>.vtt`.",
    errors=MEDIA_ERRORS,
    media_types=("text/vtt",),
    ranges=True,
    path_params={
        "post_id": POST_ID,
        "language": "A `language` from `data.subtitles`, e.g. eng-US.",
    },
    example_path={"post_id": "7608826249200356630", "language": "eng-US"},
)


def media() -> MediaProxy:
    """The app's media proxy."""
    return current_app.extensions["media"]


@bp.get("/api/tiktok/media/<post_id>/<kind>")
@documented(FILE_DOC)
def media_file(post_id: str, kind: str):
    """The video, watermarked video, music, cover, author avatar or a zip of every slide."""
    if kind not in FILE_KINDS and kind != ZIP_KIND:
        raise NotFound()
    return media().respond(post_id, kind, request)


@bp.get("/api/tiktok/media/<post_id>/image/<int:number>")
@documented(SLIDE_DOC)
def media_slide(post_id: str, number: int):
    """Slide `number` (from 1) of a photo post."""
    return media().respond(post_id, slide_kind(number), request)


@bp.get("/api/tiktok/media/<post_id>/video/<quality>")
@documented(RENDITION_DOC)
def media_rendition(post_id: str, quality: str):
    """One rendition of the video."""
    if not QUALITY.fullmatch(quality):
        raise NotFound()
    return media().respond(post_id, rendition_kind(quality), request)


@bp.get("/api/tiktok/media/<post_id>/subtitles/<language>")
@documented(SUBTITLE_DOC)
def media_subtitles(post_id: str, language: str):
    """One subtitle track, as WebVTT."""
    if not LANGUAGE.fullmatch(language):
        raise NotFound()
    return media().respond(post_id, subtitle_kind(language), request)
