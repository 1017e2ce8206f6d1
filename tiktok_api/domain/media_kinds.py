"""Pure: which upstream URL a media kind names, its content type and its download filename."""

import re

from .errors import InvalidParameter, MediaNotFound
from .models import Post, Rendition

FILE_KINDS = ("video", "video_watermark", "music", "cover", "avatar")
ZIP_KIND = "images.zip"
SLIDE_PREFIX = "image/"
RENDITION_PREFIX = "video/"
SUBTITLE_PREFIX = "subtitles/"
# A subtitle track is always served as this, whatever type TikTok's CDN labels it with.
VTT = "text/vtt; charset=utf-8"

DEFAULT_TYPES = {
    "video": "video/mp4",
    "video_watermark": "video/mp4",
    "music": "audio/mpeg",
    "cover": "image/jpeg",
    "avatar": "image/jpeg",
    "image": "image/jpeg",
    "subtitles": VTT,
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
    "text/vtt": "vtt",
}
# Appended to the filename so that a post's files do not overwrite each other on disk.
NAME_SUFFIXES = {"video_watermark": "_watermark", "cover": "_cover", "avatar": "_avatar"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_TOKEN = re.compile(r"[a-z]+/[a-z0-9.+-]+")
MEDIA_TYPE_PREFIXES = ("video/", "audio/", "image/")


def slide_kind(number: int) -> str:
    """The kind naming slide `number` (from 1)."""
    return f"{SLIDE_PREFIX}{number}"


def rendition_kind(quality: str) -> str:
    """The kind naming one quality of the video."""
    return f"{RENDITION_PREFIX}{quality}"


def subtitle_kind(language: str) -> str:
    """The kind naming one subtitle track."""
    return f"{SUBTITLE_PREFIX}{language}"


def upstream_url(post: Post, kind: str) -> str:
    """The fresh CDN URL of `kind` in `post`, or media_not_found when the post has none."""
    media = post.media
    if kind.startswith((RENDITION_PREFIX, SUBTITLE_PREFIX)):
        return _named_url(post, kind)
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


def _named_url(post: Post, kind: str) -> str:
    """The URL of one rendition or subtitle track, by its name."""
    prefix, name = kind.split("/", 1)
    if prefix + "/" == RENDITION_PREFIX:
        urls = {r.quality: r.url for r in post.media.renditions}
        listed = "renditions"
    else:
        urls = {s.language: s.url for s in post.subtitles}
        listed = "subtitle tracks"
    if name not in urls:
        names = ", ".join(urls) or "none"
        raise MediaNotFound(f"This post has no such {listed[:-1]}; it has: {names}.")
    return urls[name]


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
    if kind.startswith(SUBTITLE_PREFIX):
        return VTT
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
    elif kind.startswith((SLIDE_PREFIX, RENDITION_PREFIX, SUBTITLE_PREFIX)):
        suffix = "_" + _UNSAFE.sub("", kind.split("/", 1)[1])
    else:
        suffix = NAME_SUFFIXES.get(kind, "")
    owner = _UNSAFE.sub("", post.author.unique_id or "").strip(".")
    post_id = _UNSAFE.sub("", post.id)
    return f"{owner}_{post_id}{suffix}.{ext}" if owner else f"{post_id}{suffix}.{ext}"


QUALITY_CHOICES = ("best", "h264", "smallest")


def parse_quality(choice: str | None) -> str | None:
    """A `quality=` value, normalised (`720p` -> `720`); None when absent; else invalid."""
    value = (choice or "").strip().lower().removesuffix("p")
    if not value:
        return None
    if value not in QUALITY_CHOICES and not (value.isdigit() and 0 < int(value) < 100_000):
        raise InvalidParameter("quality must be best, h264, smallest or a height such as 720.")
    return value


def pick_rendition(post: Post, value: str | None) -> Rendition | None:
    """The rendition a parsed `quality=` asks for: `best` (any codec), `h264` (the best that
    plays everywhere: the default file), `smallest`, or a number like 720 (the best whose
    shorter side is at most that, h264 first, else the smallest); None: the default file."""
    if value is None:
        return None
    gears = post.media.renditions
    if not gears:
        return None
    if value == "best":
        return gears[0]
    if value == "h264":
        return next((g for g in gears if g.codec == "h264"), None)
    smallest = min(gears, key=lambda g: (g.size or g.bitrate or 0, _short_side(g)))
    if value == "smallest":
        return smallest
    # TikTok's "540p" is 576 px wide: a tenth of slack keeps a gear in the class it names.
    fitting = [g for g in gears if 0 < _short_side(g) <= int(value) * 1.1]
    if not fitting:
        return smallest
    top = max(_short_side(g) for g in fitting)
    level = [g for g in fitting if _short_side(g) == top]
    return next((g for g in level if g.codec == "h264"), level[0])


def _short_side(gear: Rendition) -> int:
    """A rendition's shorter side in pixels (its `540p`), 0 when unknown."""
    sides = [side for side in (gear.width, gear.height) if side]
    return min(sides) if sides else 0
