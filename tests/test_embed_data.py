"""The creator embed parser and its mapping, on the captured @nasa and @therock nodes."""

import json

import pytest
from conftest import embed_node, embed_page, read_fixture

from tiktok_api.domain.embed_data import EmbedRefused, find_creator
from tiktok_api.domain.mapping import map_creator
from tiktok_api.domain.page_data import BadData, NoData

NASA = "embed-user-nasa-2026-09-22.json"
THEROCK = "embed-user-therock-2026-09-22.json"
NASA_PHOTO = "7681723633164717325"
THEROCK_PHOTO = "7685423290961136910"


def listed_ids(name: str) -> list[str]:
    """The post ids of a captured node, in page order."""
    return [item["id"] for item in embed_node(read_fixture(name))["videoList"]]


@pytest.mark.parametrize(
    ("name", "username", "photo", "first"),
    [
        (NASA, "nasa", NASA_PHOTO, "7665075736742530317"),
        (THEROCK, "therock", THEROCK_PHOTO, "7667749432279977230"),
    ],
)
def test_creator_from_embed_page(name, username, photo, first):
    creator = map_creator(find_creator(embed_page(read_fixture(name), username), username))
    assert [p.id for p in creator.posts] == listed_ids(name)
    assert len(creator.posts) == 11
    assert creator.posts[0].id == first  # the pinned, older post leads
    assert [p.id for p in creator.posts if p.type == "photo"] == [photo]
    assert creator.author.unique_id == username
    assert creator.private is False


def test_creator_author_from_user_info():
    author = map_creator(find_creator(embed_page(read_fixture(NASA), "nasa"), "nasa")).author
    user = embed_node(read_fixture(NASA))["userInfo"]
    assert author.id == "7664638705177150477" == user["id"]
    assert author.nickname == "NASA"
    assert author.avatar == user["avatarThumbUrl"]
    assert author.avatar.startswith("https://p16-common-sign.tiktokcdn-eu.com/")


def test_node_found_by_shape_under_any_route_key():
    # The capture as stored: keyed `/embed/fixture`, no `strategy` sibling.
    raw = find_creator(_frontity(json.loads(read_fixture(THEROCK))), "someone-else")
    assert raw.user["uniqueId"] == "therock"
    assert len(raw.items) == 11


def test_own_route_key_preferred_over_another_node():
    state = {
        "source": {
            "data": {
                "/embed/@nasa": embed_node(read_fixture(NASA)),
                "/embed/@therock": embed_node(read_fixture(THEROCK)),
            }
        }
    }
    assert find_creator(_frontity(state), "therock").user["uniqueId"] == "therock"


def test_error_node_is_refused():
    node = embed_node(read_fixture(NASA)) | {"isError": True}
    with pytest.raises(EmbedRefused):
        find_creator(embed_page(node, "nasa"), "nasa")


@pytest.mark.parametrize(
    "page",
    [
        b"<html><body>no data here</body></html>",
        b'<script id="__FRONTITY_CONNECT_STATE__" type="application/json">{}</script>',
        b'<script id="__FRONTITY_CONNECT_STATE__">{"source":{"data":{"strategy":{}}}}</script>',
        b'<script id="__FRONTITY_CONNECT_STATE__">[1,2]</script>',
    ],
)
def test_page_without_creator_node_is_no_data(page):
    with pytest.raises(NoData):
        find_creator(page, "nasa")


def test_broken_json_is_bad_data():
    page = embed_page(read_fixture(NASA), "nasa").replace(b'"videoList":[', b'"videoList":[,')
    with pytest.raises(BadData):
        find_creator(page, "nasa")


def test_unusable_items_are_dropped():
    # The captured node with three items altered: a private one and two with ids we must not
    # put into a URL (TikTok never sends these; the parser must not trust that it never will).
    node = embed_node(read_fixture(NASA))
    items = node["videoList"]
    items[1] = items[1] | {"privateItem": True}
    items[2] = items[2] | {"id": "../../api/evil"}
    items[3] = items[3] | {"id": 7686148096895569165}
    creator = map_creator(find_creator(embed_page(node, "nasa"), "nasa"))
    assert [p.id for p in creator.posts] == [items[0]["id"]] + [i["id"] for i in items[4:]]


def _frontity(state: dict) -> bytes:
    """A page holding `state` in the Frontity script, nothing else."""
    text = json.dumps(state, ensure_ascii=False)
    tag = '<script type="application/json" id="__FRONTITY_CONNECT_STATE__">'
    return f"{tag}{text}</script>".encode()
