"""The transport: redirects are returned to the caller, never followed nor refused by requests."""

from conftest import TEST_CONFIG

from tiktok_api.config import load_config
from tiktok_api.http import Transport

SHORT = "https://vm.tiktok.com/ZMabcdefg/"
TARGET = "https://www.tiktok.com/@someone/video/7608826249200356630?_r=1"


def test_redirect_is_returned_not_followed(upstream):
    upstream.get(SHORT, status=301, headers={"Location": TARGET})
    transport = Transport(load_config(TEST_CONFIG))
    with transport.new_session() as session:
        page = transport.get(session, SHORT)
    assert page.status == 301
    assert page.location == TARGET
    assert len(upstream.calls) == 1


def test_short_link_resolves_through_the_app(client, upstream, fixture):
    upstream.get(SHORT, status=301, headers={"Location": TARGET})
    upstream.get(
        "https://www.tiktok.com/@_/video/7608826249200356630",
        body=fixture("video-page-camillebrown-7608826249200356630.html"),
    )
    res = client.get("/api/tiktok/statistic", query_string={"url": SHORT})
    assert res.status_code == 200, res.json
    assert res.json["data"]["post_author"]["unique_id"] == "emthenutritionist"
    assert [call.request.url for call in upstream.calls] == [
        SHORT,
        "https://www.tiktok.com/@_/video/7608826249200356630",
    ]
