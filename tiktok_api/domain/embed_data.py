"""Pure: find the creator node (`userInfo` + `videoList`) in a creator embed page."""

from dataclasses import dataclass
from typing import Any

import orjson

from .page_data import BadData, NoData, script_text

FRONTITY_STATE = b"__FRONTITY_CONNECT_STATE__"


@dataclass(frozen=True, slots=True)
class RawCreator:
    """TikTok's raw `userInfo` and `videoList` of one creator embed page."""

    user: dict[str, Any]
    items: list[dict[str, Any]]


class EmbedRefused(Exception):
    """The embed page reports an error for this account instead of its posts."""


def find_creator(page: bytes, username: str) -> RawCreator:
    """The creator node, found by shape (TikTok keys it by the page's path, which may vary)."""
    text = script_text(page, FRONTITY_STATE)
    if text is None:
        raise NoData()
    try:
        state = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise BadData(str(error)) from error
    node = _creator_node(_source_data(state), username)
    if node.get("isError"):
        raise EmbedRefused()
    user = node.get("userInfo")
    items = node.get("videoList")
    return RawCreator(
        user if isinstance(user, dict) else {},
        [i for i in items if isinstance(i, dict)] if isinstance(items, list) else [],
    )


def _source_data(state: Any) -> dict[str, Any]:
    """`source.data`: Frontity's route -> data map."""
    source = state.get("source") if isinstance(state, dict) else None
    data = source.get("data") if isinstance(source, dict) else None
    if not isinstance(data, dict):
        raise NoData()
    return data


def _is_creator_node(node: Any) -> bool:
    """A data node of a creator page (not `strategy` or another sibling)."""
    return isinstance(node, dict) and ("videoList" in node or "userInfo" in node)


def _creator_node(data: dict[str, Any], username: str) -> dict[str, Any]:
    """The node under this page's own route when it has the shape, else the first that does."""
    for key in (f"/embed/@{username}", f"/embed/@{username}/"):
        if _is_creator_node(data.get(key)):
            return data[key]
    for node in data.values():
        if _is_creator_node(node):
            return node
    raise NoData()
