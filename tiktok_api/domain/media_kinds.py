"""Pure: which upstream URL a media kind names, its content type and its download filename."""

import re

from .errors import MediaNotFound
from .models import Post

FILE_KINDS = ("video", "video_watermark", "music", "cover", "avatar")
ZIP_KIND = "images.zip"
SLIDE_PREFIX = "image/"

DEFAULT_TYPES = {
    "video": "video/mp4",
    "video_watermark": "video/mp4",
    "music": "audio/mpeg",
    "cover": "image/jpeg",
    "avatar": "image/jpeg",
    "image": "image/jpeg",
}
EXTENSIONS = {
    "video/mp4": "mp4",
    "video/webm": "webm",
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
    "audio/mp4": "m4a",
    "audio/x-m4a": "m4a",
    "audio/aac": "aac",
    "image/jpeg": "jpg",
    "image/jpg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
    "image/avif": "avif",
    "image/gif": "gif",
}
# Appended to the filename so that a post's files do not overwrite each other on disk.
NAME_SUFFIXES = {"video_watermark": "_watermark", "cover": "_cover", "avatar": "_avatar"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_TOKEN = re.compile(r"[a-z]+/[a-z0-9.+-]+")
MEDIA_TYPE_PREFIXES = ("video/", "audio/", "image/")


def slide_kind(number: int) -> str:
    """The kind naming slide `number` (from 1)."""
    return f"{SLIDE_PREFIX}{number}"


def upstream_url(post: Post, kind: str) -> str:
    """The fresh CDN URL of `kind` in `post`, or media_not_found when the post has none."""
    media = post.media
    urls = {
        "video": media.no_watermark,
        "video_watermark": media.watermark,
        "music": media.music,
        "cover": media.cover,
        "avatar": post.author.avatar,
    }
    if kind.startswith(SLIDE_PREFIX):
        number = int(kind.removeprefix(SLIDE_PREFIX))
        url = media.images[number - 1] if 1 <= number <= len(media.images) else None
    else:
        url = urls.get(kind)
    if not url:
        raise MediaNotFound(_missing_message(post, kind))
    return url


def _missing_message(post: Post, kind: str) -> str:
    """Why the post has no file of this kind, in one sentence."""
    if kind.startswith(SLIDE_PREFIX):
        count = len(post.media.images)
        if not count:
            return "This post is a video; it has no slides."
        return f"This post has {count} slides; ask for image/1 to image/{count}."
    if kind.startswith("video") and post.is_photo:
        return "This post is a photo slideshow; it has no video."
    return f"This post has no {kind.replace('_', ' ')}."


def content_type(upstream_type: str | None, kind: str) -> str:
    """The upstream media type, or the kind's usual one when TikTok's is missing or not media."""
    # Only video/audio/image types pass, so a file served from our origin is never HTML or script.
    value = (upstream_type or "").split(";")[0].strip().lower()
    if value.startswith(MEDIA_TYPE_PREFIXES) and _TOKEN.fullmatch(value):
        return value
    return DEFAULT_TYPES[kind.split("/")[0]]


def extension(content_type_value: str, kind: str) -> str:
    """A file extension for a content type, falling back on the kind's usual one."""
    value = content_type_value.split(";")[0].strip().lower()
    return EXTENSIONS.get(value) or EXTENSIONS[DEFAULT_TYPES[kind.split("/")[0]]]


def download_name(post: Post, kind: str, ext: str) -> str:
    """`<unique_id>_<post_id><suffix>.<ext>`, safe to put in a Content-Disposition header."""
    if kind == ZIP_KIND:
        suffix = "_slides"
    elif kind.startswith(SLIDE_PREFIX):
        suffix = "_" + kind.removeprefix(SLIDE_PREFIX)
    else:
        suffix = NAME_SUFFIXES.get(kind, "")
    owner = _UNSAFE.sub("", post.author.unique_id or "").strip(".")
    post_id = _UNSAFE.sub("", post.id)
    return f"{owner}_{post_id}{suffix}.{ext}" if owner else f"{post_id}{suffix}.{ext}"
