"""Pure: find the creator node (`userInfo` + `videoList`) in a creator embed page, and the
post node (`videoData`) in a post embed page `/embed/v2/<id>`."""

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


def find_embed_post(page: bytes, post_id: str) -> dict[str, Any]:
    """The `videoData` of a post embed page (under its own route, else the first that has one);
    NoData when there is none, BadData when its JSON does not parse."""
    text = script_text(page, FRONTITY_STATE)
    if text is None:
        raise NoData()
    try:
        data = _source_data(orjson.loads(text))
    except orjson.JSONDecodeError as error:
        raise BadData(str(error)) from error
    own = data.get(f"/embed/v2/{post_id}")
    nodes = [own, *data.values()] if isinstance(own, dict) else list(data.values())
    for node in nodes:
        if isinstance(node, dict) and isinstance(node.get("videoData"), dict):
            if node.get("isError"):
                raise NoData()
            return node["videoData"]
    raise NoData()


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
