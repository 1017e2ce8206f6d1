"""Links in the JSON: our own never-expiring media links, TikTok's raw URLs under `source`."""

# Every post schema runs `link_media` on its dumped data (PostIdentitySchema's post_dump), so
# each endpoint answering with a post gets the same links from this one place.

from collections.abc import Callable
from typing import Any

MEDIA_PATH = "/api/tiktok/media"
# (path in the dumped data, media kind it names)
LINKED_FIELDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("media", "no_watermark"), "video"),
    (("media", "watermark"), "video_watermark"),
    (("media", "music"), "music"),
    (("thumbnail",), "cover"),
    (("cover",), "cover"),
    (("post_author", "avatar"), "avatar"),
    (("post_author", "profile"), "avatar"),
)


def media_url(base: str, post_id: str, kind: str) -> str:
    """Our absolute link to one file of a post."""
    return f"{base}/{post_id}/{kind}"


def link_media(data: dict[str, Any], base: str | None) -> dict[str, Any]:
    """Copy the raw URLs into `data.source`, then point the fields at our links under `base`
    (`<our base>/api/tiktok/media`); with no base the fields keep TikTok's URLs."""
    source: dict[str, Any] = {}
    links: list[tuple[tuple[str, ...], str]] = []
    for path, kind in LINKED_FIELDS:
        if _has(data, path):
            _put(source, path, _get(data, path))
            links.append((path, kind))
    if isinstance(data.get("images"), list):
        source["images"] = list(data["images"])
    named = _named_lists(data)
    for path, items, _ in named:
        _put(source, path, [item["url"] for item in items])
    data["source"] = source
    if base is None or not data.get("id"):
        return data
    link = _linker(base, str(data["id"]))
    for path, kind in links:
        if _get(data, path) is not None:
            _put(data, path, link(kind))
    if isinstance(data.get("images"), list):
        data["images"] = [link(f"image/{n}") for n, _ in enumerate(data["images"], 1)]
    for _, items, kind in named:
        for item in items:
            item["url"] = link(kind(item))
    return data


def _named_lists(data: dict[str, Any]) -> list[tuple[tuple[str, ...], list[dict], Callable]]:
    """The renditions and subtitle tracks in `data`, each with the kind its link names."""
    found = []
    media = data.get("media")
    if isinstance(media, dict) and isinstance(media.get("renditions"), list):
        found.append(
            (("media", "renditions"), media["renditions"], lambda r: f"video/{r['quality']}")
        )
    if isinstance(data.get("subtitles"), list):
        found.append((("subtitles",), data["subtitles"], lambda s: f"subtitles/{s['language']}"))
    return found


def _linker(base: str, post_id: str) -> Callable[[str], str]:
    """kind -> our link for that post."""
    return lambda kind: media_url(base, post_id, kind)


def _has(data: dict[str, Any], path: tuple[str, ...]) -> bool:
    """True when every key along `path` exists (the value may be None)."""
    for key in path[:-1]:
        data = data.get(key)
        if not isinstance(data, dict):
            return False
    return path[-1] in data


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The value at `path` (which exists)."""
    for key in path:
        data = data[key]
    return data


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Set the value at `path`, creating the dicts on the way."""
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value
