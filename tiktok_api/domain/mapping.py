"""Pure: TikTok's raw item JSON -> our models; every field fallback lives here (captions aside)."""

from datetime import UTC, datetime
from typing import Any

from .captions import hashtags, mentions
from .embed_data import RawCreator
from .errors import InvalidURL
from .links import validate_post_id
from .models import Author, Creator, ListedPost, Media, Music, Post, Stats
from .page_data import RawPost
from .values import as_dict, as_list, first, number, text
from .video_files import best_video, renditions, subtitles, watermark

STAT_KEYS = {
    "plays": "playCount",
    "likes": "diggCount",
    "comments": "commentCount",
    "shares": "shareCount",
    "saves": "collectCount",
    "downloads": "downloadCount",
}


def map_post(raw: RawPost, post_id: str) -> Post:
    """Our Post from any layout's raw item."""
    item = _normalize(raw)
    video = as_dict(item.get("video"))
    images = _slide_urls(item)
    no_watermark = None if images else best_video(video)
    return Post(
        id=str(item.get("id") or post_id),
        type="photo" if images else "video",
        caption=text(item.get("desc")) or "",
        create_time=_create_time(item.get("createTime"), post_id),
        duration=number(video.get("duration")),
        region=text(item.get("locationCreated")),
        hashtags=hashtags(item),
        mentions=mentions(item),
        author=_author(as_dict(item.get("author"))),
        music=_music(as_dict(item.get("music"))),
        stats=_stats(item),
        media=Media(
            no_watermark=no_watermark,
            watermark=watermark(video, no_watermark),
            music=_music_url(item, video),
            cover=_cover(item, video),
            images=images,
            renditions=[] if images else renditions(video),
        ),
        subtitles=[] if images else subtitles(video),
    )


def map_creator(raw: RawCreator) -> Creator:
    """The account and the posts a creator embed page lists (photo posts have no `playAddr`)."""
    user = raw.user
    posts = []
    for item in raw.items:
        post_id = _valid_id(item.get("id"))
        if post_id and not item.get("privateItem"):
            posts.append(ListedPost(post_id, "video" if text(item.get("playAddr")) else "photo"))
    return Creator(
        author=_author(user | {"avatarThumb": user.get("avatarThumbUrl")}),
        private=user.get("privateAccount") is True,
        posts=posts,
    )


def _valid_id(value: Any) -> str | None:
    """A post id we may build a TikTok URL from; anything else is dropped."""
    try:
        return validate_post_id(value) if isinstance(value, str) else None
    except InvalidURL:
        return None


def _normalize(raw: RawPost) -> dict[str, Any]:
    """Bring the older layouts into today's itemStruct shape."""
    item = raw.item or {}
    if raw.layout == "sigi" and not isinstance(item.get("author"), dict):
        return item | {"author": _sigi_author(item, raw.users)}
    if raw.layout == "next-videodata":
        return _from_video_data(item)
    return item


def _sigi_author(item: dict[str, Any], users: dict[str, Any]) -> dict[str, Any]:
    """SIGI items name the author by handle; details sit on the item and in UserModule."""
    handle = item.get("author")
    user = as_dict(users.get(handle)) if isinstance(handle, str) else {}
    return {
        "id": item.get("authorId") or user.get("id"),
        "uniqueId": handle,
        "nickname": item.get("nickname") or user.get("nickname"),
        "avatarLarger": user.get("avatarLarger"),
        "avatarThumb": item.get("avatarThumb") or user.get("avatarThumb"),
    }


def _from_video_data(data: dict[str, Any]) -> dict[str, Any]:
    """The 2020 `videoData` layout, renamed into itemStruct keys."""
    infos, author = as_dict(data.get("itemInfos")), as_dict(data.get("authorInfos"))
    music, video = as_dict(data.get("musicInfos")), as_dict(infos.get("video"))
    meta = as_dict(video.get("videoMeta"))
    slides = as_list(as_dict(data.get("imagePostInfo")).get("displayImages"))
    images = {"imagePost": {"images": [{"imageURL": as_dict(s)} for s in slides]}} if slides else {}
    return images | {
        "id": infos.get("id"),
        "desc": infos.get("text"),
        "createTime": infos.get("createTime"),
        "stats": {key: infos.get(key) for key in STAT_KEYS.values()},
        "textExtra": [_lower_keys(e) for e in as_list(data.get("textExtra"))],
        "video": {
            "playAddr": first(video.get("urls")),
            "duration": meta.get("duration"),
            "cover": first(infos.get("covers")),
        },
        "author": {
            "id": author.get("userId"),
            "uniqueId": author.get("uniqueId"),
            "nickname": author.get("nickName"),
            "avatarThumb": first(author.get("covers")),
        },
        "music": {
            "id": music.get("musicId"),
            "title": music.get("musicName"),
            "authorName": music.get("authorName"),
            "playUrl": first(music.get("playUrl")),
        },
    }


def _lower_keys(entry: Any) -> dict[str, Any]:
    """2020 textExtra entries spell their keys `Start`, `HashtagName`, …"""
    return {k[:1].lower() + k[1:]: v for k, v in as_dict(entry).items()}


def _create_time(value: Any, post_id: str) -> datetime | None:
    """The publication time; the id's embedded timestamp when TikTok gives none."""
    seconds = number(value) or (int(post_id) >> 32 if post_id.isdigit() else None)
    return datetime.fromtimestamp(seconds, UTC) if seconds else None


def _stats(item: dict[str, Any]) -> Stats:
    """Counts from `statsV2` strings first, then `stats` ints."""
    exact, rounded = as_dict(item.get("statsV2")), as_dict(item.get("stats"))
    values = {}
    for name, key in STAT_KEYS.items():
        value = number(exact.get(key))
        values[name] = value if value is not None else number(rounded.get(key))
    return Stats(**values)


def _author(author: dict[str, Any]) -> Author:
    """The creator, with the largest avatar available."""
    avatar = author.get("avatarLarger") or author.get("avatarMedium") or author.get("avatarThumb")
    return Author(
        id=text(str(author["id"])) if author.get("id") else None,
        unique_id=text(author.get("uniqueId")),
        nickname=text(author.get("nickname")),
        avatar=text(avatar),
    )


def _music(music: dict[str, Any]) -> Music:
    """The sound's identity."""
    return Music(
        id=text(str(music["id"])) if music.get("id") else None,
        title=text(music.get("title")),
        author_name=text(music.get("authorName")),
        url=text(music.get("playUrl")),
    )


def _music_url(item: dict[str, Any], video: dict[str, Any]) -> str | None:
    """The sound: `music.playUrl`, else a photo post's audio track in `video.playAddr`."""
    url = text(as_dict(item.get("music")).get("playUrl"))
    if url:
        return url
    return text(video.get("playAddr")) if item.get("imagePost") else None


def _cover(item: dict[str, Any], video: dict[str, Any]) -> str | None:
    """The still that represents the post."""
    for key in ("cover", "originCover"):
        if text(video.get(key)):
            return video[key]
    cover = as_dict(as_dict(item.get("imagePost")).get("cover"))
    return _pick_image(as_list(as_dict(cover.get("imageURL")).get("urlList")))


def _pick_image(urls: list[Any]) -> str | None:
    """Of the same still on several hosts, prefer the JPEG one (most compatible)."""
    urls = [u for u in urls if isinstance(u, str) and u]
    return next((u for u in urls if ".jpeg" in u), urls[0] if urls else None)


def _slide_urls(item: dict[str, Any]) -> list[str]:
    """One URL per slide of a photo post, in slide order."""
    images = as_list(as_dict(item.get("imagePost")).get("images"))
    urls = [
        _pick_image(as_list(as_dict(as_dict(i).get("imageURL")).get("urlList"))) for i in images
    ]
    return [u for u in urls if u]
