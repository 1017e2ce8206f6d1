"""The whole request path for one real desktop page."""

from conftest import post_url

POST_ID = "7608826249200356630"


def test_statistic_desktop_page(client, upstream, fixture):
    upstream.get(post_url(POST_ID), body=fixture(f"video-page-camillebrown-{POST_ID}.html"))
    res = client.get(
        "/api/tiktok/statistic",
        query_string={"url": f"https://www.tiktok.com/@emthenutritionist/video/{POST_ID}"},
    )
    assert res.status_code == 200, res.json
    data = res.json["data"]
    assert data["total_play"] == 2900000
    assert data["total_save"] == 124842
    assert data["post_author"]["unique_id"] == "emthenutritionist"
    assert data["hashtags"] == ["#healthyrecipes", "#quickrecipes"]
    assert len(upstream.calls) == 1
