"""Pure: TikTok's raw item JSON -> our models; every field fallback lives here (captions aside)."""

import re
from datetime import UTC, datetime
from typing import Any

from .captions import hashtags, mentions
from .embed_data import RawCreator
from .errors import InvalidURL
from .links import validate_post_id
from .models import Author, Creator, ListedPost, Media, Music, Post, Rendition, Stats, Subtitle
from .page_data import RawPost

# What may name a rendition or a subtitle track in our links.
QUALITY = re.compile(r"[A-Za-z0-9_]{1,64}")
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}")
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
    video = _dict(item.get("video"))
    images = _slide_urls(item)
    no_watermark = None if images else _best_video(video)
    return Post(
        id=str(item.get("id") or post_id),
        type="photo" if images else "video",
        caption=_text(item.get("desc")) or "",
        create_time=_create_time(item.get("createTime"), post_id),
        duration=_int(video.get("duration")),
        region=_text(item.get("locationCreated")),
        hashtags=hashtags(item),
        mentions=mentions(item),
        author=_author(_dict(item.get("author"))),
        music=_music(_dict(item.get("music"))),
        stats=_stats(item),
        media=Media(
            no_watermark=no_watermark,
            watermark=_watermark(video, no_watermark),
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
            posts.append(ListedPost(post_id, "video" if _text(item.get("playAddr")) else "photo"))
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
    user = _dict(users.get(handle)) if isinstance(handle, str) else {}
    return {
        "id": item.get("authorId") or user.get("id"),
        "uniqueId": handle,
        "nickname": item.get("nickname") or user.get("nickname"),
        "avatarLarger": user.get("avatarLarger"),
        "avatarThumb": item.get("avatarThumb") or user.get("avatarThumb"),
    }


def _from_video_data(data: dict[str, Any]) -> dict[str, Any]:
    """The 2020 `videoData` layout, renamed into itemStruct keys."""
    infos, author = _dict(data.get("itemInfos")), _dict(data.get("authorInfos"))
    music, video = _dict(data.get("musicInfos")), _dict(infos.get("video"))
    meta = _dict(video.get("videoMeta"))
    slides = _list(_dict(data.get("imagePostInfo")).get("displayImages"))
    images = {"imagePost": {"images": [{"imageURL": _dict(s)} for s in slides]}} if slides else {}
    return images | {
        "id": infos.get("id"),
        "desc": infos.get("text"),
        "createTime": infos.get("createTime"),
        "stats": {key: infos.get(key) for key in STAT_KEYS.values()},
        "textExtra": [_lower_keys(e) for e in _list(data.get("textExtra"))],
        "video": {
            "playAddr": _first(video.get("urls")),
            "duration": meta.get("duration"),
            "cover": _first(infos.get("covers")),
        },
        "author": {
            "id": author.get("userId"),
            "uniqueId": author.get("uniqueId"),
            "nickname": author.get("nickName"),
            "avatarThumb": _first(author.get("covers")),
        },
        "music": {
            "id": music.get("musicId"),
            "title": music.get("musicName"),
            "authorName": music.get("authorName"),
            "playUrl": _first(music.get("playUrl")),
        },
    }


def _lower_keys(entry: Any) -> dict[str, Any]:
    """2020 textExtra entries spell their keys `Start`, `HashtagName`, …"""
    return {k[:1].lower() + k[1:]: v for k, v in _dict(entry).items()}


def _dict(value: Any) -> dict[str, Any]:
    """A dict, or an empty one for anything else."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    """A list, or an empty one for anything else."""
    return value if isinstance(value, list) else []


def _first(value: Any) -> Any:
    """The first element of a non-empty list, or the value itself when it is a string."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(value: Any) -> str | None:
    """A non-empty string, else None."""
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int | None:
    """An int from an int or a digit string; int32 wrap-arounds unwrapped; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.lstrip("-").isdigit():
            return None
        value = int(value)
    if not isinstance(value, int):
        return None
    return value + 2**32 if -(2**31) <= value < 0 else value


def _create_time(value: Any, post_id: str) -> datetime | None:
    """The publication time; the id's embedded timestamp when TikTok gives none."""
    seconds = _int(value) or (int(post_id) >> 32 if post_id.isdigit() else None)
    return datetime.fromtimestamp(seconds, UTC) if seconds else None


def _stats(item: dict[str, Any]) -> Stats:
    """Counts from `statsV2` strings first, then `stats` ints."""
    exact, rounded = _dict(item.get("statsV2")), _dict(item.get("stats"))
    values = {}
    for name, key in STAT_KEYS.items():
        value = _int(exact.get(key))
        values[name] = value if value is not None else _int(rounded.get(key))
    return Stats(**values)


def _author(author: dict[str, Any]) -> Author:
    """The creator, with the largest avatar available."""
    avatar = author.get("avatarLarger") or author.get("avatarMedium") or author.get("avatarThumb")
    return Author(
        id=_text(str(author["id"])) if author.get("id") else None,
        unique_id=_text(author.get("uniqueId")),
        nickname=_text(author.get("nickname")),
        avatar=_text(avatar),
    )


def _music(music: dict[str, Any]) -> Music:
    """The sound's identity."""
    return Music(
        id=_text(str(music["id"])) if music.get("id") else None,
        title=_text(music.get("title")),
        author_name=_text(music.get("authorName")),
        url=_text(music.get("playUrl")),
    )


def _music_url(item: dict[str, Any], video: dict[str, Any]) -> str | None:
    """The sound: `music.playUrl`, else a photo post's audio track in `video.playAddr`."""
    url = _text(_dict(item.get("music")).get("playUrl"))
    if url:
        return url
    return _text(video.get("playAddr")) if item.get("imagePost") else None


def _gear_area(gear: dict[str, Any]) -> tuple[int, int]:
    """Sort key for a rendition: pixel area, then bitrate."""
    play = _dict(gear.get("PlayAddr"))
    area = (_int(play.get("Width")) or 0) * (_int(play.get("Height")) or 0)
    return area, _int(gear.get("Bitrate")) or 0


def _best_video(video: dict[str, Any]) -> str | None:
    """The best h264 rendition from `bitrateInfo`, else `playAddr`, else `PlayAddrStruct`."""
    gears = [
        g
        for g in _list(video.get("bitrateInfo"))
        if isinstance(g, dict) and str(g.get("CodecType") or "h264").startswith("h264")
    ]
    for gear in sorted(gears, key=_gear_area, reverse=True):
        url = _text(_first(_dict(gear.get("PlayAddr")).get("UrlList")))
        if url:
            return url
    struct = _first(_dict(video.get("PlayAddrStruct")).get("UrlList"))
    return _text(video.get("playAddr")) or _text(struct)


def _watermark(video: dict[str, Any], no_watermark: str | None) -> str | None:
    """`downloadAddr` when TikTok gives one that differs from every clean rendition."""
    url = _text(video.get("downloadAddr"))
    if not url or url == no_watermark or url == video.get("playAddr"):
        return None
    clean = {
        u
        for g in _list(video.get("bitrateInfo"))
        for u in _list(_dict(_dict(g).get("PlayAddr")).get("UrlList"))
    }
    return None if url in clean else url


def _cover(item: dict[str, Any], video: dict[str, Any]) -> str | None:
    """The still that represents the post."""
    for key in ("cover", "originCover"):
        if _text(video.get(key)):
            return video[key]
    cover = _dict(_dict(item.get("imagePost")).get("cover"))
    return _pick_image(_list(_dict(cover.get("imageURL")).get("urlList")))


def _pick_image(urls: list[Any]) -> str | None:
    """Of the same still on several hosts, prefer the JPEG one (most compatible)."""
    urls = [u for u in urls if isinstance(u, str) and u]
    return next((u for u in urls if ".jpeg" in u), urls[0] if urls else None)


def _slide_urls(item: dict[str, Any]) -> list[str]:
    """One URL per slide of a photo post, in slide order."""
    images = _list(_dict(item.get("imagePost")).get("images"))
    urls = [_pick_image(_list(_dict(_dict(i).get("imageURL")).get("urlList"))) for i in images]
    return [u for u in urls if u]


def renditions(video: dict[str, Any]) -> list[Rendition]:
    """Every quality `bitrateInfo` lists, best first (area, then bitrate); one per gear name."""
    found: dict[str, Rendition] = {}
    for gear in sorted(
        (_dict(g) for g in _list(video.get("bitrateInfo"))), key=_gear_area, reverse=True
    ):
        play = _dict(gear.get("PlayAddr"))
        url, name = _text(_first(play.get("UrlList"))), gear.get("GearName")
        if not url or not isinstance(name, str) or not QUALITY.fullmatch(name) or name in found:
            continue
        codec = str(gear.get("CodecType") or "h264").lower()
        found[name] = Rendition(
            quality=name,
            width=_int(play.get("Width")),
            height=_int(play.get("Height")),
            codec="h265" if codec.startswith(("h265", "bytevc1")) else "h264",
            bitrate=_int(gear.get("Bitrate")),
            size=_int(play.get("DataSize")),
            url=url,
        )
    return list(found.values())


def subtitles(video: dict[str, Any]) -> list[Subtitle]:
    """Every WebVTT track `subtitleInfos` lists, in the page's order (the first per language)."""
    found: dict[str, Subtitle] = {}
    for info in (_dict(i) for i in _list(video.get("subtitleInfos"))):
        url, language = _text(info.get("Url")), info.get("LanguageCodeName")
        if not url or info.get("Format") != "webvtt" or not isinstance(language, str):
            continue
        if LANGUAGE.fullmatch(language) and language not in found:
            found[language] = Subtitle(language, _text(info.get("Source")), "webvtt", url)
    return list(found.values())
