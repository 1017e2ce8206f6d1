"""Pure: hashtags and mentions of a caption, from TikTok's annotations (UTF-16 offsets)."""

import re
from typing import Any

_HASHTAG = re.compile(r"#[^\s#@]+")
_MENTION = re.compile(r"@[\w.]+")


def _slice_utf16(encoded: bytes, start: Any, end: Any) -> str:
    """A slice of UTF-16-LE text where the offsets count code units, as TikTok's do."""
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
        return ""
    return encoded[2 * start : 2 * end].decode("utf-16-le", "ignore")


def _text_extra(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The caption's annotations in caption order."""
    extra = item.get("textExtra")
    entries = [e for e in extra if isinstance(e, dict)] if isinstance(extra, list) else []
    return sorted(entries, key=lambda e: e.get("start") if isinstance(e.get("start"), int) else 0)


def hashtags(item: dict[str, Any]) -> list[str]:
    """`#name` for each hashtag, in caption order, as written in the caption."""
    caption = item.get("desc") if isinstance(item.get("desc"), str) else ""
    entries = [e for e in _text_extra(item) if e.get("hashtagName")]
    if not entries:
        return _HASHTAG.findall(caption)
    tags, encoded = [], caption.encode("utf-16-le")
    for entry in entries:
        written = _slice_utf16(encoded, entry.get("start"), entry.get("end"))
        tags.append(written if written.startswith("#") else "#" + entry["hashtagName"])
    return tags


def mentions(item: dict[str, Any]) -> list[str]:
    """`@handle` for each mentioned account, in caption order."""
    caption = item.get("desc") if isinstance(item.get("desc"), str) else ""
    entries = [e for e in _text_extra(item) if e.get("userUniqueId")]
    if entries:
        return ["@" + e["userUniqueId"] for e in entries]
    return _MENTION.findall(caption)
