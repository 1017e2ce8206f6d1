"""Entries as JSON for a shared store: our domain models and error types only, nothing else
decodes (a value in Redis is never code)."""

from dataclasses import fields, is_dataclass
from datetime import datetime
from functools import cache
from typing import Any

import orjson

from ..domain import models
from ..domain.errors import APIError
from .store import Entry

TAG = "@"
MODELS = {
    cls.__name__: cls
    for cls in (
        models.Resolved,
        models.Post,
        models.Author,
        models.Music,
        models.Stats,
        models.Media,
        models.Rendition,
        models.Subtitle,
        models.Creator,
        models.ListedPost,
    )
}


class CodecError(ValueError):
    """Bytes that are not an entry this version wrote."""


@cache
def _error_types() -> dict[str, type[APIError]]:
    """Every APIError subclass by name (walked once)."""
    found, queue = {}, [APIError]
    while queue:
        cls = queue.pop()
        found[cls.__name__] = cls
        queue.extend(cls.__subclasses__())
    return found


def _plain(value: Any) -> Any:
    """A value as JSON-ready data, dataclasses and datetimes tagged with their type."""
    if is_dataclass(value):
        data = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        return {TAG: type(value).__name__, **data}
    if isinstance(value, datetime):
        return {TAG: "datetime", "iso": value.isoformat()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _typed(value: Any) -> Any:
    """The inverse of `_plain`; an unknown tag is a CodecError."""
    if isinstance(value, list):
        return [_typed(item) for item in value]
    if not isinstance(value, dict):
        return value
    tag = value.get(TAG)
    if tag == "datetime":
        return datetime.fromisoformat(value["iso"])
    if tag not in MODELS:
        raise CodecError(f"unknown type {tag!r}")
    return MODELS[tag](**{k: _typed(v) for k, v in value.items() if k != TAG})


def encode(entry: Entry) -> bytes:
    """An entry as JSON bytes."""
    error = entry.error
    kept = [type(error).__name__, str(error), error.max_age] if error is not None else None
    return orjson.dumps(
        {"v": _plain(entry.value), "e": kept, "t": entry.stored_at, "k": entry.keep_for}
    )


def decode(raw: bytes) -> Entry:
    """Bytes `encode` wrote, as the entry; anything else is a CodecError."""
    try:
        data = orjson.loads(raw)
        error = None
        if data["e"] is not None:
            name, message, max_age = data["e"]
            error = _error_types()[name](message)
            error.max_age = max_age
        return Entry(_typed(data["v"]), error, float(data["t"]), float(data["k"]))
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as problem:
        raise CodecError(str(problem)) from None
