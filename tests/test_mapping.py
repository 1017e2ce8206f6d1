"""page_data.py + mapping.py on every captured layout: values must be what the payload holds."""

import json
import re
from datetime import UTC, datetime

import pytest
from conftest import read_fixture, rehydration_page

from tiktok_api.domain.mapping import map_post
from tiktok_api.domain.page_data import BadData, NoData, RawPost, find_post

# (fixture, post id, layout) for every page layout we parse
PAGES = [
    ("video-page-camillebrown-7608826249200356630.html", "7608826249200356630", "desktop"),
    ("video-page-rimineuit-7526770564367748360.html", "7526770564367748360", "desktop"),
    (
        "video-page-rendered-dom-aqilwahid-7392265874427612422.html",
        "7392265874427612422",
        "desktop",
    ),
    ("video-page-reflow-cong99x-7600352599870557461.html", "7600352599870557461", "reflow"),
    ("photo-page-reflow-iqshift-7610426235671350549.html", "7610426235671350549", "reflow"),
    (
        "photo-page-mobile-apidata-minta1234-7631060535387163925.html",
        "7631060535387163925",
        "api-data",
    ),
    ("next-data-video-drawrowfly-6881450806688664838.html", "6881450806688664838", "next"),
    ("next-data-video-drawrowfly-2020-03.html", "6807491984882765062", "next-videodata"),
    ("sigi-user-page-aladynjr-dylanlemay-2023-02.html", "7203022122757803307", "sigi"),
    ("item-detail-api-aladynjr-7175983749526523141.json", "7175983749526523141", "api"),
]
# rehydration objects captured as JSON, served inside a page
SCOPES = [
    ("video-detail-britmoji-7359111187935644961.json", "7359111187935644961", "desktop"),
    (
        "video-detail-rehydration-rimineuit-7528225211045481736.json",
        "7528225211045481736",
        "desktop",
    ),
    ("video-detail-reflow-cong99x-7568858748001750279.json", "7568858748001750279", "reflow"),
    ("photo-detail-trimmed-2scraper-7681723633164717325.json", "7681723633164717325", "desktop"),
]


def _page(name: str) -> bytes:
    data = read_fixture(name)
    return rehydration_page(data) if (name,) and name in {s[0] for s in SCOPES} else data


def _item(page: bytes, post_id: str) -> dict:
    """The raw item, found independently with the regex TikTok's layout notes give."""
    for script in ("__UNIVERSAL_DATA_FOR_REHYDRATION__", "api-data", "SIGI_STATE", "__NEXT_DATA__"):
        match = re.search(rf'<script[^>]+id="{script}"[^>]*>(.*?)</script>', page.decode(), re.S)
        if not match:
            continue
        data = json.loads(match.group(1))
        scope = data.get("__DEFAULT_SCOPE__", {})
        for key in ("webapp.video-detail", "webapp.reflow.video.detail"):
            if key in scope:
                return scope[key]["itemInfo"]["itemStruct"]
        if "videoDetail" in data:
            return data["videoDetail"]["itemInfo"]["itemStruct"]
        if "ItemModule" in data:
            return data["ItemModule"][post_id]
        if "props" in data:
            return data["props"]["pageProps"]["itemInfo"]["itemStruct"]
    return json.loads(page)["itemInfo"]["itemStruct"]


@pytest.mark.parametrize(("name", "post_id", "layout"), PAGES + SCOPES)
def test_every_layout_parses_and_maps(name, post_id, layout):
    raw = find_post(_page(name), post_id)
    assert (raw.layout, raw.status_code) == (layout, 0)
    post = map_post(raw, post_id)
    assert post.id == post_id
    assert post.author.unique_id and post.author.nickname
    assert post.create_time is not None
    assert post.stats.plays is not None and post.stats.plays >= 0
    assert post.media.cover and post.media.cover.startswith("https://")
    if post.type == "video":
        assert post.media.no_watermark.startswith(("https://", "http://"))
        assert post.media.images == []
    else:
        assert post.media.no_watermark is None and post.media.images


@pytest.mark.parametrize(
    ("name", "post_id", "layout"), [p for p in PAGES + SCOPES if p[2] != "next-videodata"]
)
def test_values_come_from_the_item(name, post_id, layout):
    page = _page(name)
    item = _item(page, post_id)
    post = map_post(find_post(page, post_id), post_id)
    exact, rounded = item.get("statsV2") or {}, item["stats"]
    assert post.stats.plays == int(exact.get("playCount", rounded["playCount"]))
    assert post.stats.likes == int(exact.get("diggCount", rounded["diggCount"]))
    assert post.stats.comments == int(exact.get("commentCount", rounded["commentCount"]))
    assert post.stats.shares == int(exact.get("shareCount", rounded["shareCount"]))
    assert post.stats.downloads is None  # the web never gives a download count
    assert post.caption == item["desc"]
    assert post.create_time == datetime.fromtimestamp(int(item["createTime"]), UTC)
    assert post.region == (item.get("locationCreated") or None)
    assert post.duration == item["video"].get("duration")
    author = item["author"]
    if isinstance(author, dict):
        assert (post.author.id, post.author.unique_id) == (author["id"], author["uniqueId"])
    else:  # SIGI names the author by handle
        assert (post.author.id, post.author.unique_id) == (item["authorId"], author)
    if post.type == "video":
        assert post.media.music == (item["music"].get("playUrl") or None)


def test_desktop_picks_best_h264_rendition():
    page = read_fixture("video-page-camillebrown-7608826249200356630.html")
    item = _item(page, "7608826249200356630")
    post = map_post(find_post(page, "7608826249200356630"), "7608826249200356630")
    h264 = [g for g in item["video"]["bitrateInfo"] if g["CodecType"] == "h264"]
    best = max(h264, key=lambda g: (g["PlayAddr"]["Width"] * g["PlayAddr"]["Height"], g["Bitrate"]))
    assert post.media.no_watermark == best["PlayAddr"]["UrlList"][0]
    assert best["GearName"] == "normal_540_0"
    assert post.media.watermark is None  # anonymous page: downloadAddr is ""


def test_watermark_is_download_addr_when_different():
    page = read_fixture("video-page-rendered-dom-aqilwahid-7392265874427612422.html")
    item = _item(page, "7392265874427612422")
    post = map_post(find_post(page, "7392265874427612422"), "7392265874427612422")
    assert post.media.watermark == item["video"]["downloadAddr"]
    assert post.media.watermark != post.media.no_watermark


def test_reflow_video_without_bitrate_info_uses_play_addr():
    page = read_fixture("video-page-reflow-cong99x-7600352599870557461.html")
    item = _item(page, "7600352599870557461")
    post = map_post(find_post(page, "7600352599870557461"), "7600352599870557461")
    assert "bitrateInfo" not in item["video"]
    assert post.media.no_watermark == item["video"]["playAddr"]


@pytest.mark.parametrize(
    ("name", "post_id", "slides"),
    [
        ("photo-page-reflow-iqshift-7610426235671350549.html", "7610426235671350549", 4),
        ("photo-page-mobile-apidata-minta1234-7631060535387163925.html", "7631060535387163925", 7),
        ("photo-detail-trimmed-2scraper-7681723633164717325.json", "7681723633164717325", 2),
    ],
)
def test_photo_posts_keep_slide_order(name, post_id, slides):
    page = _page(name)
    item = _item(page, post_id)
    post = map_post(find_post(page, post_id), post_id)
    assert post.type == "photo" and len(post.media.images) == slides
    for url, image in zip(post.media.images, item["imagePost"]["images"], strict=True):
        assert url in image["imageURL"]["urlList"] and ".jpeg" in url
    assert post.media.cover in (
        item["video"]["cover"],
        *item["imagePost"]["cover"]["imageURL"]["urlList"],
    )


def test_photo_music_is_the_sound():
    page = read_fixture("photo-page-reflow-iqshift-7610426235671350549.html")
    item = _item(page, "7610426235671350549")
    post = map_post(find_post(page, "7610426235671350549"), "7610426235671350549")
    assert (
        post.media.music == item["music"]["playUrl"] and "mime_type=audio_mpeg" in post.media.music
    )


def test_hashtags_after_emoji_use_utf16_offsets():
    page = read_fixture("item-detail-api-aladynjr-7083176398923320581.json")
    post = map_post(find_post(page, "7083176398923320581"), "7083176398923320581")
    assert post.caption.startswith("Latest top viewed videos 🔥🔥🔥 #gk")
    assert post.hashtags == [
        "#gk", "#gktraining", "#saves", "#football", "#tiktok", "#fyp", "#foryou", "#viral",
    ]  # fmt: skip


def test_mentions_take_the_handle_not_the_display_name():
    name = "video-detail-rehydration-rimineuit-7528225211045481736.json"
    post = map_post(find_post(_page(name), "7528225211045481736"), "7528225211045481736")
    item = _item(_page(name), "7528225211045481736")
    handles = [e["userUniqueId"] for e in item["textExtra"] if e.get("userUniqueId")]
    assert post.mentions == ["@" + h for h in handles] and "@n.uynt" in post.mentions
    assert "#quanghungmasterd" in post.hashtags


def test_caption_without_text_extra_falls_back_to_the_text():
    page = read_fixture("next-data-video-drawrowfly-2020-03.html")
    post = map_post(find_post(page, "6807491984882765062"), "6807491984882765062")
    assert post.hashtags == ["#happyathome"]
    assert post.stats.plays == 445444 and post.author.nickname == "TikTok"


def test_int32_wrapped_count_is_unwrapped():
    scope = json.loads(read_fixture("video-detail-britmoji-7359111187935644961.json"))
    item = scope["__DEFAULT_SCOPE__"]["webapp.video-detail"]["itemInfo"]["itemStruct"]
    item.pop("statsV2", None)
    item["stats"]["diggCount"] = -1614092016
    post = map_post(find_post(rehydration_page(scope), item["id"]), item["id"])
    assert post.stats.likes == 2680875280


def test_missing_fields_become_none():
    page = rehydration_page(
        {
            "webapp.video-detail": {
                "statusCode": 0,
                "itemInfo": {"itemStruct": {"id": "7608826249200356630"}},
            }
        }
    )
    post = map_post(find_post(page, "7608826249200356630"), "7608826249200356630")
    assert post.author.unique_id is None and post.stats.plays is None and post.media.music is None
    assert post.create_time == datetime.fromtimestamp(7608826249200356630 >> 32, UTC)


def test_error_page_reports_its_status():
    raw = find_post(read_fixture("error-video-page-10204-ca74ca.html"), "7276437262283859205")
    assert (raw.status_code, raw.status_message, raw.item) == (10204, "item doesn't exist", None)


def test_shell_without_detail_is_no_data():
    with pytest.raises(NoData):
        find_post(
            read_fixture("photo-page-shell-no-detail-guidocjh-7395933425804381473.html"),
            "7395933425804381473",
        )


def test_truncated_json_is_bad_data():
    page = read_fixture("video-page-camillebrown-7608826249200356630.html")
    start = page.index(b"__UNIVERSAL_DATA_FOR_REHYDRATION__")
    end = page.index(b"</script>", start)
    with pytest.raises(BadData):
        find_post(page[: end - 5000] + page[end:], "7608826249200356630")


def _list_items(name: str) -> list[dict]:
    data = json.loads(read_fixture(name))
    if isinstance(data, list):
        return data
    data = data.get("data", data)
    return data["itemList"]


@pytest.mark.parametrize(
    "name",
    [
        "itemlist-items-aladynjr-2022-12.json",
        "related-itemlist-tiktokapi-2023-10.json",
        "item-list-recommend-sherifcodeur-2025-01-b.json",
        "item-list-rapidapi-zg.520-2025-10.json",
    ],
)
def test_list_api_items_map(name):
    items = _list_items(name)
    assert items
    for item in items:
        post = map_post(RawPost("api", 0, "", item), item["id"])
        exact, rounded = item.get("statsV2") or {}, item["stats"]
        assert post.stats.plays == int(exact.get("playCount", rounded["playCount"]))
        assert post.stats.saves == (
            int(exact.get("collectCount", rounded.get("collectCount")))
            if "collectCount" in rounded or "collectCount" in exact
            else None
        )
        assert post.create_time == datetime.fromtimestamp(int(item["createTime"]), UTC)
        assert post.author.unique_id == item["author"]["uniqueId"]
        assert post.media.no_watermark or post.type == "photo"
        assert post.media.watermark != post.media.no_watermark or post.media.watermark is None


def test_sigi_item_module_entry_maps():
    item = json.loads(read_fixture("sigi-itemmodule-item-7235267734261484801.json"))
    post = map_post(RawPost("sigi", 0, "", item), item["id"])
    assert (post.author.unique_id, post.author.id) == (item["author"], item["authorId"])
    assert post.author.nickname == item["nickname"] and post.author.avatar == item["avatarThumb"]
    assert post.stats.saves == int(item["stats"]["collectCount"])
