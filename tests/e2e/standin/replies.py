"""What the stand-in answers: a status, headers and a body given whole, streamed, or withheld."""

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

BLOCK = 64 * 1024


@dataclass(slots=True)
class Reply:
    """One answer. `chunks` streams the body (chunked, or with `length` declared);
    `hang` holds the connection silent for that many seconds; `reset` closes it unanswered."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    chunks: Iterable[bytes] | None = None
    length: int | None = None
    hang: float = 0.0
    reset: bool = False


def html(body: bytes, status: int = 200, headers: list[tuple[str, str]] | None = None) -> Reply:
    """An HTML page."""
    return Reply(status, [("Content-Type", "text/html; charset=utf-8"), *(headers or [])], body)


def redirect(location: str, status: int = 301) -> Reply:
    """A redirect with TikTok's tiny 'Moved Permanently' body."""
    body = f'<a href="{location}">Moved Permanently</a>.'.encode()
    return Reply(
        status, [("Location", location), ("Content-Type", "text/html; charset=utf-8")], body
    )


def filler(size: int) -> Iterator[bytes]:
    """`size` bytes of page-like filler, one block at a time (never held whole in memory)."""
    block = (b"<div>" + b"x" * 1018 + b"</div>") * (BLOCK // 1024)
    sent = 0
    while sent < size:
        piece = block[: min(BLOCK, size - sent)]
        sent += len(piece)
        yield piece


def trickle(body: bytes, first_delay: float, pieces: int, gap: float) -> Iterator[bytes]:
    """`body` cut in `pieces`, the first after `first_delay` s, the others `gap` s apart."""
    time.sleep(first_delay)
    step = -(-len(body) // pieces)
    for index in range(0, len(body), step):
        if index:
            time.sleep(gap)
        yield body[index : index + step]
