"""Pure: find a post's data in a TikTok page (every known layout) and its status code."""

from dataclasses import dataclass, field
from typing import Any

import orjson

REHYDRATION = b"__UNIVERSAL_DATA_FOR_REHYDRATION__"
API_DATA = b"api-data"
DETAIL_SCOPES = ("webapp.video-detail", "webapp.reflow.video.detail")


@dataclass(frozen=True, slots=True)
class RawPost:
    """TikTok's raw item for one post, with the layout it came from and its status."""

    layout: str
    status_code: int
    status_message: str
    item: dict[str, Any] | None
    users: dict[str, Any] = field(default_factory=dict)


class NoData(Exception):
    """The page carries no post data in any layout we know."""


class BadData(Exception):
    """A data script was found but its JSON does not parse."""


def script_text(page: bytes, script_id: bytes, tolerant: bool = True) -> memoryview | None:
    """The text of <script id=script_id>; `tolerant` also accepts any attribute order."""
    start = _script_start(page, script_id, tolerant)
    if start < 0:
        return None
    end = _script_end(page, start)
    return memoryview(page)[start:end] if end > 0 else None


def _script_start(page: bytes, script_id: bytes, tolerant: bool) -> int:
    """Where the script's text begins: the usual tag (one long, fast needle), or any tag form."""
    usual = b'<script id="' + script_id + b'" type="application/json"'
    # api-data follows the body of mobile share pages: searching from the end finds it sooner
    found = page.rfind(usual) if script_id == API_DATA else page.find(usual)
    if found >= 0:
        return page.find(b">", found) + 1 or -1
    if not tolerant:
        return -1
    marker = page.find(b'id="' + script_id + b'"')
    if marker < 0:
        return -1
    tag_start = page.rfind(b"<", 0, marker)
    if tag_start < 0 or not page.startswith(b"<script", tag_start):
        return -1
    return page.find(b">", marker) + 1 or -1


def _script_end(page: bytes, start: int) -> int:
    """Where the script ends: TikTok escapes `<` in its JSON, so the first `<` usually ends it."""
    position = page.find(b"<", start)
    while position >= 0 and not page.startswith(b"</script", position):
        position = page.find(b"<", position + 1)
    return position


def _parse(text: bytes | memoryview) -> Any:
    """Parse a data script; a broken one is BadData."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise BadData(str(error)) from error


def _detail(scope: dict[str, Any], layout: str) -> RawPost:
    """A RawPost from a `{statusCode, statusMsg|statusMessage, itemInfo}` object."""
    item = (scope.get("itemInfo") or {}).get("itemStruct") or None
    message = scope.get("statusMsg") or scope.get("statusMessage") or ""
    return RawPost(layout, int(scope.get("statusCode") or 0), str(message), item)


def find_post(page: bytes, post_id: str) -> RawPost:
    """The post's data from any layout: rehydration, api-data, SIGI_STATE, __NEXT_DATA__, JSON."""
    raw = _from_json_body(page, post_id)
    for tolerant in (False, True):  # the usual tags first: a miss costs one fast scan each
        for finder in (_from_api_data, _from_rehydration, _from_sigi, _from_next):
            raw = raw or finder(page, post_id, tolerant)
    if raw is None:
        raise NoData()
    return raw


def _from_rehydration(page: bytes, post_id: str, tolerant: bool) -> RawPost | None:
    """Desktop (`webapp.video-detail`) and mobile reflow pages."""
    text = script_text(page, REHYDRATION, tolerant)
    if text is None:
        return None
    scope = _parse(text).get("__DEFAULT_SCOPE__") or {}
    for key in DETAIL_SCOPES:
        if isinstance(scope.get(key), dict):
            return _detail(scope[key], "reflow" if "reflow" in key else "desktop")
    return None


def _from_api_data(page: bytes, post_id: str, tolerant: bool) -> RawPost | None:
    """Mobile share pages that put the post in <script id="api-data">."""
    text = script_text(page, API_DATA, tolerant)
    if text is None:
        return None
    detail = _parse(text).get("videoDetail")
    return _detail(detail, "api-data") if isinstance(detail, dict) else None


def _from_sigi(page: bytes, post_id: str, tolerant: bool) -> RawPost | None:
    """2022-2023 pages: ItemModule keyed by post id, users by handle."""
    text = script_text(page, b"SIGI_STATE", tolerant)
    if text is None:
        return None
    state = _parse(text)
    item = (state.get("ItemModule") or {}).get(post_id)
    status = int(((state.get("VideoPage") or {}).get("statusCode")) or 0)
    if item is None and status == 0:
        return None
    users = (state.get("UserModule") or {}).get("users") or {}
    return RawPost("sigi", status, "", item, users)


def _from_next(page: bytes, post_id: str, tolerant: bool) -> RawPost | None:
    """2020-2021 pages: pageProps.itemInfo.itemStruct, or the older pageProps.videoData."""
    text = script_text(page, b"__NEXT_DATA__", tolerant)
    if text is None:
        return None
    props = (_parse(text).get("props") or {}).get("pageProps") or {}
    if "videoData" in props:
        status = int(props.get("statusCode") or 0)
        return RawPost("next-videodata", status, "", props["videoData"] or None)
    if "itemInfo" in props or "statusCode" in props:
        return _detail(props, "next")
    return None


def _from_json_body(page: bytes, post_id: str) -> RawPost | None:
    """A bare JSON answer (`/api/item/detail/` or a rehydration object served as JSON)."""
    if page[:64].lstrip()[:1] != b"{":
        return None
    data = _parse(page)
    scope = (data.get("__DEFAULT_SCOPE__") or {}) if isinstance(data, dict) else {}
    for key in DETAIL_SCOPES:
        if isinstance(scope.get(key), dict):
            return _detail(scope[key], "reflow" if "reflow" in key else "desktop")
    if isinstance(data, dict) and ("itemInfo" in data or "statusCode" in data):
        return _detail(data, "api")
    return None
