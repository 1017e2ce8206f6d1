"""Every rendition and subtitle track a page lists: in the answers, under our links, streamed
(subtitles always as text/vtt), and `quality=` choosing what `media.no_watermark` points at."""

import pytest
from conftest import build_app
from media_support import PHOTO, VIDEO, Page, file_bytes, mock_cdn, mock_page

from tiktok_api.domain.media_kinds import parse_quality, pick_rendition
from tiktok_api.domain.page_data import find_post

MEDIA = f"http://localhost/api/tiktok/media/{VIDEO.post_id}"
PAGES = [
    VIDEO,
    Page("7600352599870557461", "video-page-reflow-cong99x-{}.html"),
    Page("7392265874427612422", "video-page-rendered-dom-aqilwahid-{}.html"),
    Page("7526770564367748360", "video-page-rimineuit-{}.html"),
]


def raw_video(page: Page) -> dict:
    """The raw `video` object of the page's item."""
    return find_post(page.body, page.post_id).item["video"]


def downloader(client, page: Page = VIDEO, **params):
    """GET /api/tiktok/downloader for a page's post."""
    link = f"https://www.tiktok.com/@x/video/{page.post_id}"
    return client.get("/api/tiktok/downloader", query_string={"url": link} | params)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name.split("-{}")[0])
def test_every_webvtt_track_of_the_page_in_its_order(client, upstream, page):
    mock_page(upstream, page)
    tracks = [t for t in raw_video(page).get("subtitleInfos", []) if t["Format"] == "webvtt"]
    base = f"http://localhost/api/tiktok/media/{page.post_id}/subtitles"
    for path in ("/api/tiktok/statistic", "/api/tiktok/downloader"):
        link = f"https://www.tiktok.com/@x/video/{page.post_id}"
        data = client.get(path, query_string={"url": link}).json["data"]
        assert data["subtitles"] == [
            {"language": t["LanguageCodeName"], "source": t["Source"], "format": "webvtt",
             "url": f"{base}/{t['LanguageCodeName']}"}
            for t in tracks
        ]  # fmt: skip
        assert data["source"]["subtitles"] == [t["Url"] for t in tracks]


def test_a_photo_post_has_no_tracks_and_no_renditions(client, upstream):
    mock_page(upstream, PHOTO)
    data = downloader(client, PHOTO).json["data"]
    assert data["subtitles"] == [] and data["media"]["renditions"] == []


def test_a_track_streams_as_webvtt_whatever_the_cdn_says(client, upstream):
    mock_page(upstream, VIDEO)
    track = VIDEO.post.subtitles[0]
    body = b"WEBVTT\n\n00:00.000 --> 00:02.000\nhello\n"
    mock_cdn(upstream, track.url, body, "video/mp4")  # the CDN's own label, as on the page
    res = client.get(f"/api/tiktok/media/{VIDEO.post_id}/subtitles/{track.language}?download=1")
    assert res.status_code == 200 and res.data == body
    assert res.headers["Content-Type"] == "text/vtt; charset=utf-8"
    disposition = res.headers["Content-Disposition"]
    assert f"emthenutritionist_{VIDEO.post_id}_{track.language}.vtt" in disposition


def test_an_unknown_track_or_rendition_is_media_not_found(client, upstream):
    mock_page(upstream, VIDEO)
    for kind in ("subtitles/fra-FR", "video/normal_2160_0"):
        res = client.get(f"/api/tiktok/media/{VIDEO.post_id}/{kind}")
        assert (res.status_code, res.json["error"]) == (404, "media_not_found"), kind
    for bad in ("subtitles/<script>", "video/..%2f..%2fetc", "subtitles/e"):
        assert client.get(f"/api/tiktok/media/{VIDEO.post_id}/{bad}").status_code == 404


def test_every_rendition_best_first_under_our_links(client, upstream):
    mock_page(upstream, VIDEO)
    gears = raw_video(VIDEO)["bitrateInfo"]
    data = downloader(client).json["data"]
    renditions = data["media"]["renditions"]

    def area(gear):
        play = gear["PlayAddr"]
        return play["Width"] * play["Height"], gear["Bitrate"]

    expected = sorted(gears, key=area, reverse=True)
    assert [r["quality"] for r in renditions] == [g["GearName"] for g in expected]
    for rendition, gear in zip(renditions, expected, strict=True):
        play = gear["PlayAddr"]
        assert rendition == {
            "quality": gear["GearName"],
            "width": play["Width"],
            "height": play["Height"],
            "codec": "h265" if gear["CodecType"].startswith("h265") else "h264",
            "bitrate": gear["Bitrate"],
            "size": int(play["DataSize"]),
            "url": f"{MEDIA}/video/{gear['GearName']}",
        }
    assert data["source"]["media"]["renditions"] == [g["PlayAddr"]["UrlList"][0] for g in expected]
    # no_watermark stays the best h264
    best_h264 = next(g for g in expected if g["CodecType"] == "h264")
    assert data["source"]["media"]["no_watermark"] == best_h264["PlayAddr"]["UrlList"][0]
    assert data["media"]["no_watermark"] == f"{MEDIA}/video"


def test_a_rendition_streams_with_range(client, upstream):
    mock_page(upstream, VIDEO)
    gear = VIDEO.post.media.renditions[0]
    body = file_bytes(gear.quality)
    mock_cdn(upstream, gear.url, body, "video/mp4")
    res = client.get(
        f"/api/tiktok/media/{VIDEO.post_id}/video/{gear.quality}", headers={"Range": "bytes=10-19"}
    )
    assert res.status_code == 206 and res.data == body[10:20]
    assert res.headers["Content-Range"] == f"bytes 10-19/{len(body)}"


@pytest.mark.parametrize(
    ("quality", "expected"),
    [("best", "adapt_lowest_1080_1"), ("h264", "normal_540_0"), ("smallest", "adapt_540_1"),
     ("720", "adapt_lower_720_1"), ("720p", "adapt_lower_720_1"), ("540", "normal_540_0"),
     ("100", "adapt_540_1")],
)  # fmt: skip
def test_quality_picks_what_no_watermark_points_at(client, upstream, quality, expected):
    mock_page(upstream, VIDEO)
    gears = {r.quality: r for r in VIDEO.post.media.renditions}
    assert expected in gears  # the captured page's own gear names
    data = downloader(client, quality=quality).json["data"]
    assert data["media"]["no_watermark"] == f"{MEDIA}/video/{expected}"
    assert data["source"]["media"]["no_watermark"] == gears[expected].url


def test_a_bad_quality_is_refused_before_tiktok_is_asked(upstream):
    client = build_app().test_client()
    res = downloader(client, quality="ultra")
    assert (res.status_code, res.json["error"]) == (400, "invalid_parameter")
    assert len(upstream.calls) == 0


def test_quality_on_a_page_without_renditions_keeps_the_one_file():
    post = PAGES[1].post
    assert post.media.renditions == []
    assert pick_rendition(post, parse_quality("best")) is None
