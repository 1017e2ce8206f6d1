"""A zip written while it streams: stored entries with data descriptors, no temp file, no seek."""

# The standard library's zipfile does this by itself when its file object cannot tell/seek:
# it sets the data-descriptor flag and writes each entry's CRC and sizes after its bytes.
# Slides are JPEGs already, so entries are stored, not deflated.

import zipfile
from collections.abc import Iterable, Iterator
from datetime import datetime


class _Sink:
    """A write-only file object whose bytes the generator takes out after every write."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        """Keep the bytes until the next take()."""
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing is buffered beyond the pending chunks."""

    def take(self) -> bytes:
        """Everything written since the last take()."""
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def _zip_time(when: datetime | None) -> tuple[int, int, int, int, int, int]:
    """A zip timestamp (zip cannot store years before 1980)."""
    when = when or datetime.now()
    if when.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def zip_stream(
    entries: Iterable[tuple[str, Iterable[bytes]]], when: datetime | None = None
) -> Iterator[bytes]:
    """The bytes of a zip holding each (name, chunks) entry in order, yielded as they are made."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, chunks in entries:
            info = zipfile.ZipInfo(name, date_time=_zip_time(when))
            info.compress_type = zipfile.ZIP_STORED
            with archive.open(info, "w") as member:
                for chunk in chunks:
                    member.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()
