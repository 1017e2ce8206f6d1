"""Pure: the files of a video as TikTok's page lists them — the best clean file, the
watermarked one, every rendition, every subtitle track."""

import re
from typing import Any

from .models import Rendition, Subtitle
from .values import as_dict, as_list, first, number, text

# What may name a rendition or a subtitle track in our links.
QUALITY = re.compile(r"[A-Za-z0-9_]{1,64}")
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}")


def _gear_area(gear: dict[str, Any]) -> tuple[int, int]:
    """Sort key for a rendition: pixel area, then bitrate."""
    play = as_dict(gear.get("PlayAddr"))
    area = (number(play.get("Width")) or 0) * (number(play.get("Height")) or 0)
    return area, number(gear.get("Bitrate")) or 0


def best_video(video: dict[str, Any]) -> str | None:
    """The best h264 rendition from `bitrateInfo`, else `playAddr`, else `PlayAddrStruct`."""
    gears = [
        g
        for g in as_list(video.get("bitrateInfo"))
        if isinstance(g, dict) and str(g.get("CodecType") or "h264").startswith("h264")
    ]
    for gear in sorted(gears, key=_gear_area, reverse=True):
        url = text(first(as_dict(gear.get("PlayAddr")).get("UrlList")))
        if url:
            return url
    struct = first(as_dict(video.get("PlayAddrStruct")).get("UrlList"))
    return text(video.get("playAddr")) or text(struct)


def watermark(video: dict[str, Any], no_watermark: str | None) -> str | None:
    """`downloadAddr` when TikTok gives one that differs from every clean rendition."""
    url = text(video.get("downloadAddr"))
    if not url or url == no_watermark or url == video.get("playAddr"):
        return None
    clean = {
        u
        for g in as_list(video.get("bitrateInfo"))
        for u in as_list(as_dict(as_dict(g).get("PlayAddr")).get("UrlList"))
    }
    return None if url in clean else url


def renditions(video: dict[str, Any]) -> list[Rendition]:
    """Every quality `bitrateInfo` lists, best first (area, then bitrate); one per gear name."""
    found: dict[str, Rendition] = {}
    for gear in sorted(
        (as_dict(g) for g in as_list(video.get("bitrateInfo"))), key=_gear_area, reverse=True
    ):
        play = as_dict(gear.get("PlayAddr"))
        url, name = text(first(play.get("UrlList"))), gear.get("GearName")
        if not url or not isinstance(name, str) or not QUALITY.fullmatch(name) or name in found:
            continue
        codec = str(gear.get("CodecType") or "h264").lower()
        found[name] = Rendition(
            quality=name,
            width=number(play.get("Width")),
            height=number(play.get("Height")),
            codec="h265" if codec.startswith(("h265", "bytevc1")) else "h264",
            bitrate=number(gear.get("Bitrate")),
            size=number(play.get("DataSize")),
            url=url,
        )
    return list(found.values())


def subtitles(video: dict[str, Any]) -> list[Subtitle]:
    """Every WebVTT track `subtitleInfos` lists, in the page's order (the first per language)."""
    found: dict[str, Subtitle] = {}
    for info in (as_dict(i) for i in as_list(video.get("subtitleInfos"))):
        url, language = text(info.get("Url")), info.get("LanguageCodeName")
        if not url or info.get("Format") != "webvtt" or not isinstance(language, str):
            continue
        if LANGUAGE.fullmatch(language) and language not in found:
            found[language] = Subtitle(language, text(info.get("Source")), "webvtt", url)
    return list(found.values())
