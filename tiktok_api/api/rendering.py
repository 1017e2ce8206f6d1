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

from ..domain.models import Post
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


def post_data(schema_class: type[Schema], post: Post) -> tuple[dict[str, Any], str]:
    """`data` for a post through a schema, with its ETag; rendered once per post and base."""
    key = (schema_class, post.id, media_base())
    with _lock:
        kept = _memo.get(key)
    if kept is not None and (kept[0] is post or kept[0] == post):
        return kept[1], kept[2]
    data = schema(schema_class).dump(post)
    etag = etag_of(data)
    with _lock:
        _memo[key] = (post, data, etag)
    return data, etag


def post_answer(schema_class: type[Schema], post: Post) -> Response:
    """The envelope around a post's `data` (304 when the caller holds it already)."""
    data, etag = post_data(schema_class, post)
    return envelope(data, etag=etag)
