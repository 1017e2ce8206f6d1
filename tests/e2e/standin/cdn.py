"""The stand-in's CDN files: deterministic bytes of any size, generated while they are sent."""

import hashlib
import random
import re
from collections.abc import Iterator, Mapping
from email.utils import formatdate
from functools import lru_cache
from urllib.parse import urlsplit

from .replies import Reply

MEDIA_SIZE = 256 * 1024
# Files repeat a random pattern of a prime length, so a wrong offset (by a chunk, a block or a
# power of two) never reads the same bytes; any size is served from this one small pattern.
PATTERN = 65521
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
MEDIA_TYPES = {"video_mp4": "video/mp4", "audio_mpeg": "audio/mpeg"}
LAST_MODIFIED = formatdate(1767225600, usegmt=True)


def file_key(url: str) -> str:
    """The name of the file a CDN URL points at: its host and path (the query only signs it)."""
    parts = urlsplit(url)
    return (parts.hostname or "") + parts.path


@lru_cache(maxsize=256)
def _pattern(seed: str) -> bytes:
    """Two copies of the file's pattern, so any window up to PATTERN bytes is one slice."""
    pattern = random.Random(seed).randbytes(PATTERN)  # test data, not a secret
    return pattern + pattern


def file_bytes(seed: str, start: int, stop: int) -> Iterator[bytes]:
    """Bytes start..stop-1 of the file named `seed`, at most PATTERN bytes per piece."""
    doubled = _pattern(seed)
    position = start
    while position < stop:
        offset = position % PATTERN
        size = min(PATTERN, stop - position)
        yield doubled[offset : offset + size]
        position += size


def media_type(path: str, query: Mapping[str, list[str]]) -> str:
    """The content type TikTok's CDN gives a media URL."""
    for mime in query.get("mime_type", []):
        if mime in MEDIA_TYPES:
            return MEDIA_TYPES[mime]
    return "image/webp" if ".webp" in path else "image/jpeg"


def ranged(seed: str, size: int, content_type: str, header: str | None) -> Reply:
    """The file, or the part a Range header asks for (206), or 416 when out of range."""
    etag = hashlib.sha256(f"{seed}:{size}".encode()).hexdigest()[:16]
    headers = [
        ("Content-Type", content_type),
        ("Accept-Ranges", "bytes"),
        ("ETag", f'"{etag}"'),
        ("Last-Modified", LAST_MODIFIED),
    ]
    match = RANGE.match((header or "").strip())
    if match is None or match.groups() == ("", ""):
        return Reply(200, headers, chunks=file_bytes(seed, 0, size), length=size)
    first, last = match.group(1), match.group(2)
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    else:
        start, end = max(size - int(last), 0), size - 1
    if start >= size or end < start or (not first and int(last) == 0):
        return Reply(416, [*headers, ("Content-Range", f"bytes */{size}")])
    headers.append(("Content-Range", f"bytes {start}-{end}/{size}"))
    return Reply(206, headers, chunks=file_bytes(seed, start, end + 1), length=end - start + 1)
