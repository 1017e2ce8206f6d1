"""Pure: TikTok's loosely typed JSON values as the types we use (every layout varies them)."""

from typing import Any


def as_dict(value: Any) -> dict[str, Any]:
    """A dict, or an empty one for anything else."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """A list, or an empty one for anything else."""
    return value if isinstance(value, list) else []


def first(value: Any) -> Any:
    """The first element of a non-empty list, or the value itself when it is a string."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def text(value: Any) -> str | None:
    """A non-empty string, else None."""
    return value if isinstance(value, str) and value else None


def number(value: Any) -> int | None:
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
