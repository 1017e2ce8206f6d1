"""Links in the JSON: our own media links by default, TikTok's raw URLs under `source`."""

import pytest
from conftest import build_app, post_url
from media_support import PHOTO, VIDEO, file_bytes, mock_cdn, mock_page


def get_post(client, endpoint: str, page, **kwargs):
    """The `data` of one post endpoint for a page."""
    link = f"https://www.tiktok.com/@x/video/{page.post_id}"
    res = client.get(f"/api/tiktok/{endpoint}", query_string={"url": link}, **kwargs)
    assert res.status_code == 200, res.json
    return res.json["data"]


def links(base: str, post_id: str) -> dict[str, str]:
    """Our link for each kind of one post."""
    return {kind: f"{base}/api/tiktok/media/{post_id}/{kind}" for kind in KINDS}


KINDS = ("video", "video_watermark", "music", "cover", "avatar")


def test_statistic_links_every_file_through_us_and_keeps_the_raw_urls(client, upstream):
    mock_page(upstream, VIDEO)
    post, ours = VIDEO.post, links("http://localhost", VIDEO.post_id)

    data = get_post(client, "statistic", VIDEO)

    assert data["media"] == {
        "music": ours["music"],
        "no_watermark": ours["video"],
        "watermark": None,
    }
    assert data["thumbnail"] == ours["cover"]
    assert data["post_author"]["profile"] == ours["avatar"]
    assert data["source"] == {
        "media": {
            "music": post.media.music,
            "no_watermark": post.media.no_watermark,
            "watermark": None,
        },
        "thumbnail": post.media.cover,
        "post_author": {"avatar": post.author.avatar, "profile": post.author.avatar},
        "subtitles": [track.url for track in post.subtitles],
    }
    assert data["subtitles"] == [
        {"language": t.language, "source": t.source, "format": "webvtt",
         "url": f"http://localhost/api/tiktok/media/{VIDEO.post_id}/subtitles/{t.language}"}
        for t in post.subtitles
    ]  # fmt: skip
    assert data["post_author"]["url"] == "https://www.tiktok.com/@emthenutritionist"


def test_downloader_of_a_slideshow_links_each_slide(client, upstream):
    mock_page(upstream, PHOTO)
    base = f"http://localhost/api/tiktok/media/{PHOTO.post_id}"

    data = get_post(client, "downloader", PHOTO)

    assert data["images"] == [f"{base}/image/{n}" for n in range(1, 5)]
    assert data["source"]["images"] == PHOTO.post.media.images
    assert data["media"]["no_watermark"] is None
    assert data["source"]["media"]["no_watermark"] is None
    assert data["media"]["music"] == f"{base}/music"
    assert data["thumbnail"] == f"{base}/cover"


def test_slides_links_cover_images_music_and_avatar(client, upstream):
    mock_page(upstream, PHOTO)
    base = f"http://localhost/api/tiktok/media/{PHOTO.post_id}"

    data = get_post(client, "slides", PHOTO)

    assert data["cover"] == f"{base}/cover"
    assert data["images"] == [f"{base}/image/{n}" for n in range(1, 5)]
    assert data["media"] == {"music": f"{base}/music"}
    assert data["post_author"]["avatar"] == f"{base}/avatar"
    assert data["source"]["cover"] == PHOTO.post.media.cover
    assert data["source"]["post_author"]["avatar"] == PHOTO.post.author.avatar
    assert data["source"]["media"] == {"music": PHOTO.post.media.music}


def test_public_base_url_sets_the_links_origin(upstream):
    client = build_app({"PUBLIC_BASE_URL": "https://media.example.net"})
    mock_page(upstream, VIDEO)

    data = get_post(client.test_client(), "statistic", VIDEO)

    assert (
        data["media"]["no_watermark"] == links("https://media.example.net", VIDEO.post_id)["video"]
    )


# What the PaaS router sets; it never sets X-Forwarded-Host, so a client's one is ignored.
FORWARDED = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Port": "443",
    "X-Forwarded-Host": "evil.example",
}


def test_links_follow_the_routers_forwarded_scheme_but_never_a_forwarded_host(upstream):
    client = build_app({"PROXY_FIX_HOPS": 1}).test_client()
    mock_page(upstream, VIDEO)

    data = get_post(client, "downloader", VIDEO, headers=FORWARDED | {"Host": "api.example.org"})

    assert data["media"]["no_watermark"] == links("https://api.example.org", VIDEO.post_id)["video"]


def test_forwarded_headers_are_ignored_without_a_trusted_proxy(client, upstream):
    mock_page(upstream, VIDEO)

    data = get_post(client, "downloader", VIDEO, headers=FORWARDED)

    assert data["media"]["no_watermark"] == links("http://localhost", VIDEO.post_id)["video"]


@pytest.mark.parametrize("endpoint", ["statistic", "downloader", "slides"])
def test_direct_links_are_tiktoks_own(upstream, endpoint):
    client = build_app({"MEDIA_LINKS": "direct"}).test_client()
    mock_page(upstream, PHOTO)
    post = PHOTO.post

    data = get_post(client, endpoint, PHOTO)

    assert data["media"]["music"] == post.media.music
    assert data["source"]["media"]["music"] == post.media.music
    if endpoint != "statistic":
        assert data["images"] == post.media.images


def test_a_link_from_the_json_serves_the_file(client, upstream):
    mock_page(upstream, PHOTO)
    body = file_bytes("slide 2")
    mock_cdn(upstream, PHOTO.post.media.images[1], body, "image/jpeg")

    link = get_post(client, "slides", PHOTO)["images"][1]
    res = client.get(link)

    assert res.status_code == 200
    assert res.data == body
    # the JSON answer and the file share one page read through the cache
    assert [c.request.url for c in upstream.calls].count(post_url(PHOTO.post_id)) == 1
