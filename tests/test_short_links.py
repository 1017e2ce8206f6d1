"""Short links: one checked hop, never a request to a host that is not TikTok's."""

import pytest
from conftest import post_url

ID = "7675963488111480072"
TARGET = (
    f"https://www.tiktok.com/@bundayul52/video/{ID}?_r=1&_t=ZS-997EVrv5MHA"  # recorded Location
)
PAGE = "video-page-camillebrown-7608826249200356630.html"


def _stat(client, link):
    return client.get("/api/tiktok/statistic", query_string={"url": link})


@pytest.mark.parametrize(
    ("link", "requested"),
    [
        ("https://vt.tiktok.com/ZSVu2Cmd9/", "https://vt.tiktok.com/ZSVu2Cmd9/"),
        ("https://vm.tiktok.com/ZSVu2Cmd9", "https://vm.tiktok.com/ZSVu2Cmd9/"),
        ("https://www.tiktok.com/t/ZSVu2Cmd9/", "https://www.tiktok.com/t/ZSVu2Cmd9/"),
        ("Check this out https://vt.tiktok.com/ZSVu2Cmd9/ !", "https://vt.tiktok.com/ZSVu2Cmd9/"),
    ],
)
def test_short_link_resolves_in_one_hop(client, upstream, fixture, link, requested):
    upstream.get(
        requested,
        status=301,
        headers={"Location": TARGET},
        body=f'<a href="{TARGET}">Moved Permanently</a>.',
    )
    upstream.get(post_url(ID), body=fixture(PAGE))
    res = _stat(client, link)
    assert res.status_code == 200
    assert [c.request.url for c in upstream.calls] == [requested, post_url(ID)]
    assert upstream.calls[0].request.method == "GET"


def test_photo_short_link(client, upstream, fixture):
    photo = "7610426235671350549"
    upstream.get(
        "https://vt.tiktok.com/ZSPhoto01/",
        status=301,
        headers={"Location": f"https://www.tiktok.com/@mu33.__/photo/{photo}?_r=1"},
    )
    upstream.get(post_url(photo), body=fixture(f"photo-page-reflow-iqshift-{photo}.html"))
    res = client.get("/api/tiktok/slides", query_string={"url": "https://vt.tiktok.com/ZSPhoto01/"})
    assert res.status_code == 200 and len(res.json["data"]["images"]) == 4


def test_lite_share_target(client, upstream, fixture):
    lite = f"https://t.tiktok.com/i18n/share/video/{ID}/?_d=secCgYIASAHKAE&share_item_id={ID}"
    upstream.get("https://vm.tiktok.com/ZMLite001/", status=301, headers={"Location": lite})
    upstream.get(post_url(ID), body=fixture(PAGE))
    assert _stat(client, "https://vm.tiktok.com/ZMLite001/").status_code == 200


def test_short_link_to_home_page_is_not_found(client, upstream):
    upstream.get(
        "https://vt.tiktok.com/ZSxxxxxxx/",
        status=301,
        headers={"Location": "https://www.tiktok.com/?_r=1"},
    )
    res = _stat(client, "https://vt.tiktok.com/ZSxxxxxxx/")
    assert (res.status_code, res.json["error"]) == (404, "post_not_found")
    assert len(upstream.calls) == 1


def test_geo_login_redirect_carries_the_post(client, upstream, fixture):
    login = f"https://www.tiktok.com/login?redirect_url=https%3A%2F%2Fwww.tiktok.com%2F%40u%2Fvideo%2F{ID}"
    upstream.get("https://vt.tiktok.com/ZSGeo0001/", status=302, headers={"Location": login})
    upstream.get(post_url(ID), body=fixture(PAGE))
    assert _stat(client, "https://vt.tiktok.com/ZSGeo0001/").status_code == 200


def test_short_link_to_a_profile_is_not_a_post(client, upstream):
    upstream.get(
        "https://vt.tiktok.com/ZSProf001/",
        status=301,
        headers={"Location": "https://www.tiktok.com/@nasa?_r=1"},
    )
    res = _stat(client, "https://vt.tiktok.com/ZSProf001/")
    assert (res.status_code, res.json["error"]) == (422, "not_a_post")


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://tiktok.com.evil.example/@u/video/" + ID,
        "https://eviltiktok.com/@u/video/" + ID,
        "https://user@www.tiktok.com.evil.example/",
        "ftp://www.tiktok.com/@u/video/" + ID,
    ],
)
def test_hop_outside_tiktok_is_never_requested(client, upstream, target):
    upstream.get("https://vt.tiktok.com/ZSEvil001/", status=301, headers={"Location": target})
    res = _stat(client, "https://vt.tiktok.com/ZSEvil001/")
    assert (res.status_code, res.json["error"]) == (502, "upstream_error")
    assert len(upstream.calls) == 1


def test_redirect_chain_is_capped_at_five_hops(client, upstream):
    for i in range(7):
        upstream.get(
            f"https://vt.tiktok.com/ZSLoop000{i}/",
            status=301,
            headers={"Location": f"https://vt.tiktok.com/ZSLoop000{i + 1}/"},
        )
    res = _stat(client, "https://vt.tiktok.com/ZSLoop0000/")
    assert (res.status_code, res.json["error"]) == (502, "upstream_error")
    assert len(upstream.calls) == 6  # the short link and UPSTREAM_MAX_REDIRECTS=5 hops


def test_short_link_answering_404(client, upstream):
    upstream.get("https://vt.tiktok.com/ZSGone001/", status=404)
    assert _stat(client, "https://vt.tiktok.com/ZSGone001/").json["error"] == "post_not_found"


def test_short_link_without_location(client, upstream):
    upstream.get("https://vt.tiktok.com/ZSNoLoc01/", status=200, body="<html></html>")
    assert _stat(client, "https://vt.tiktok.com/ZSNoLoc01/").json["error"] == "upstream_error"
