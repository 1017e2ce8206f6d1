"""A redirect answer reaches our own hop-by-hop code instead of failing inside requests."""

from conftest import post_url
from media_support import VIDEO

SHORT_LINK = "https://vt.tiktok.com/ZSabcdef1/"


def test_a_short_link_redirect_is_read_not_refused(client, upstream):
    target = f"https://www.tiktok.com/@emthenutritionist/video/{VIDEO.post_id}?_r=1"
    upstream.get(SHORT_LINK, status=301, headers={"Location": target})
    upstream.get(post_url(VIDEO.post_id), body=VIDEO.body)

    res = client.get("/api/tiktok/statistic", query_string={"url": SHORT_LINK})

    assert res.status_code == 200, res.json
    assert res.json["data"]["id"] == VIDEO.post_id
    assert [c.request.url for c in upstream.calls] == [SHORT_LINK, post_url(VIDEO.post_id)]
