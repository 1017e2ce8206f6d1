"""A post as an answer's `data`: dumped once per post, schema and base, then reused.

The shared cache holds domain objects only; this per-process memo holds the rendered `data`
keyed by the base its links were built on, so one request's host never reaches another's
answer, and a hit costs a lookup instead of a marshmallow dump.
"""

import threading
from functools import cache
from typing import Any

from cachetools import LRUCache
from flask import Response
from marshmallow import Schema

from ..domain.media_kinds import rendition_kind
from ..domain.models import Post, Rendition
from ..media.links import media_url
from .caching import etag_of
from .envelope import envelope
from .urls import media_base

MEMO_SIZE = 4096
_memo: LRUCache = LRUCache(maxsize=MEMO_SIZE)
_lock = threading.Lock()


@cache
def schema(schema_class: type[Schema]) -> Schema:
    """One instance per schema class (dumping with it is safe from any thread)."""
    return schema_class()


def post_data(
    schema_class: type[Schema], post: Post, video: Rendition | None = None
) -> tuple[dict[str, Any], str]:
    """`data` for a post through a schema, with its ETag; rendered once per post, base and
    chosen rendition (`video`: what `media.no_watermark` points at instead of the default)."""
    base = media_base()
    key = (schema_class, post.id, base, video.quality if video else None)
    with _lock:
        kept = _memo.get(key)
    if kept is not None and (kept[0] is post or kept[0] == post):
        return kept[1], kept[2]
    data = schema(schema_class).dump(post)
    if video is not None:
        _point_video_at(data, post, video, base)
    etag = etag_of(data)
    with _lock:
        _memo[key] = (post, data, etag)
    return data, etag


def _point_video_at(data: dict[str, Any], post: Post, video: Rendition, base: str | None) -> None:
    """`media.no_watermark` (and its raw URL under `source`) become the chosen rendition."""
    data["media"]["no_watermark"] = (
        media_url(base, post.id, rendition_kind(video.quality)) if base else video.url
    )
    data.setdefault("source", {}).setdefault("media", {})["no_watermark"] = video.url


def post_answer(schema_class: type[Schema], post: Post, video: Rendition | None = None) -> Response:
    """The envelope around a post's `data` (304 when the caller holds it already)."""
    data, etag = post_data(schema_class, post, video)
    return envelope(data, etag=etag)
