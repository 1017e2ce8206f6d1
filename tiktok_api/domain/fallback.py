"""Pure: a post from the sources that answer when its page cannot be read — the embed player
page `/embed/v2/<id>`, then oEmbed — and the answer fields they could not fill."""

from datetime import UTC, datetime
from typing import Any

from .mapping import map_post
from .models import Author, Media, Music, Post, Stats
from .page_data import RawPost
from .values import text

NOT_APPLICABLE = "n/a"  # a field the kind of post never has (a photo post's video) is not missing
# Answer fields (statistic naming) a full page read fills, and how to tell each is missing.
CHECKED = {
    "create_time": lambda p: p.create_time,
    "duration": lambda p: p.duration if not p.is_photo else NOT_APPLICABLE,
    "region": lambda p: p.region,
    "total_play": lambda p: p.stats.plays,
    "total_like": lambda p: p.stats.likes,
    "total_comment": lambda p: p.stats.comments,
    "total_share": lambda p: p.stats.shares,
    "total_save": lambda p: p.stats.saves,
    "media.no_watermark": lambda p: p.media.no_watermark if not p.is_photo else NOT_APPLICABLE,
    "media.music": lambda p: p.media.music,
    "thumbnail": lambda p: p.media.cover,
    "images": lambda p: p.media.images if p.is_photo else NOT_APPLICABLE,
    "post_author.id": lambda p: p.author.id,
    "post_author.avatar": lambda p: p.author.avatar,
    "post_author.nickname": lambda p: p.author.nickname,
    "post_author.unique_id": lambda p: p.author.unique_id,
}


def missing_fields(post: Post) -> list[str]:
    """The answer fields a fallback source left empty, in a stable order."""
    return [name for name, value in CHECKED.items() if value(post) in (None, "", [])]


def from_embed(video_data: dict[str, Any], post_id: str) -> Post | None:
    """The post an embed player page describes, its gaps listed; None when it names no post."""
    post = map_post(RawPost("next-videodata", 0, "", video_data), post_id)
    if not (post.caption or post.media.no_watermark or post.media.images or post.author.unique_id):
        return None
    return _with_missing(post)


def from_oembed(data: dict[str, Any], post_id: str) -> Post | None:
    """The post an oEmbed body describes (caption, author, thumbnail only); None when empty."""
    title, name = text(data.get("title")), text(data.get("author_name"))
    handle = text(data.get("author_unique_id")) or _handle_of(text(data.get("author_url")))
    if data.get("embed_product_id") not in (None, post_id) or not (title or name or handle):
        return None
    post = Post(
        id=post_id,
        type="video",
        caption=title or "",
        create_time=datetime.fromtimestamp(int(post_id) >> 32, UTC),
        duration=None,
        region=None,
        hashtags=[],
        mentions=[],
        author=Author(id=None, unique_id=handle, nickname=name, avatar=None),
        music=Music(id=None, title=None, author_name=None, url=None),
        stats=Stats(),
        media=Media(cover=text(data.get("thumbnail_url"))),
    )
    return _with_missing(post)


def _with_missing(post: Post) -> Post:
    """The post, saying which fields it lacks."""
    return Post(**{**_fields(post), "missing": missing_fields(post)})


def _fields(post: Post) -> dict[str, Any]:
    """A post's fields by name."""
    return {name: getattr(post, name) for name in post.__dataclass_fields__}


def _handle_of(author_url: str | None) -> str | None:
    """`https://www.tiktok.com/@name` -> `name`."""
    if not author_url or "/@" not in author_url:
        return None
    handle = author_url.rsplit("/@", 1)[1].strip("/")
    return handle or None
