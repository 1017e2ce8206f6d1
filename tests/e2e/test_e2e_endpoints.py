"""Every endpoint through the running server, for every page layout and every link form."""

from urllib.parse import urlsplit

import pytest

from .conftest import assert_envelope_error
from .standin.catalogue import short_code
from .standin.hosts import is_tiktok

pytestmark = pytest.mark.e2e

# post id -> (layout, author handle, plays, number of stills or None for a video), from each capture
POSTS = {
    "7608826249200356630": ("desktop", "emthenutritionist", 2900000, None),
    "7526770564367748360": ("desktop", "dangthuhaf", 18500000, None),
    "7392265874427612422": ("desktop, browser-rendered", "jogjacreators", 251600, None),
    "7359111187935644961": ("desktop, capture wrapped", "hanaa_le", 1100000, None),
    "7528225211045481736": ("desktop, capture wrapped", "m.anhmlem", 11700000, None),
    "7681723633164717325": ("desktop, photo", "nasa", 254100, 2),
    "7600352599870557461": ("reflow", "sammy.becool", 192800, None),
    "7568858748001750279": ("reflow, capture wrapped", "hanoiangi", 354900, None),
    "7610426235671350549": ("reflow, photo", "mu33.__", 174, 4),
    "7631060535387163925": ("api-data, photo", "min_stark", 18100, 7),
    "7203022122757803307": ("SIGI", "dylanlemay", 101500, None),
    "6881450806688664838": ("NEXT itemStruct", "tiktok", 25700, None),
    "6807491984882765062": ("NEXT videoData", "tiktok", 445444, None),
    "7083176398923320581": ("item/detail JSON", "asgkcoaching", 10600000, None),
    "7175983749526523141": ("item/detail JSON", "3ichenglish", 163800, None),
}
PHOTOS = [post_id for post_id, spec in POSTS.items() if spec[3]]
VIDEOS = [post_id for post_id, spec in POSTS.items() if not spec[3]]
VIDEO, PHOTO = "7608826249200356630", "7610426235671350549"
STATISTIC_ROUTES = ["/api/tiktok/statistic", "/api/tiktok/statistics", "/api/tiktok/stats"]
SLIDES_ROUTES = ["/api/tiktok/slides", "/api/tiktok/images", "/api/tiktokslide/downloader"]


def page_url(post_id: str) -> str:
    return f"https://www.tiktok.com/@someone/video/{post_id}"


def assert_one_page_fetch(standin, post_id: str) -> None:
    """Exactly one upstream call: the post's page on www.tiktok.com."""
    calls = [(r["host"], r["path"]) for r in standin.requests()]
    assert calls == [("www.tiktok.com", f"/@_/video/{post_id}")]


@pytest.mark.parametrize("post_id", POSTS, ids=lambda p: f"{POSTS[p][0]}-{p}")
def test_statistic_every_layout(api, standin, post_id):
    _, author, plays, stills = POSTS[post_id]
    res = api.get("/api/tiktok/statistic", url=page_url(post_id))
    assert res.status_code == 200, res.text[:500]
    body = res.json()
    assert (body["status"], body["code"], body["author"]) == ("success", 200, "e2e")
    data = body["data"]
    assert data["id"] == post_id
    assert data["post_author"]["unique_id"] == author
    assert data["total_play"] == plays
    assert data["type"] == ("photo" if stills else "video")
    assert_one_page_fetch(standin, post_id)


@pytest.mark.parametrize("post_id", POSTS, ids=lambda p: f"{POSTS[p][0]}-{p}")
def test_downloader_every_layout(api, standin, post_id):
    stills = POSTS[post_id][3]
    res = api.get("/api/tiktok/downloader", url=page_url(post_id))
    assert res.status_code == 200, res.text[:500]
    data = res.json()["data"]
    assert data["id"] == post_id
    raw = data["source"]
    if stills:
        assert len(data["images"]) == len(raw["images"]) == stills
        files = raw["images"]
        assert data["images"][-1] == f"{api.base_url}/api/tiktok/media/{post_id}/image/{stills}"
    else:
        assert data["media"]["no_watermark"] == f"{api.base_url}/api/tiktok/media/{post_id}/video"
        files = [raw["media"]["no_watermark"]]
    assert all(
        urlsplit(url).scheme == "https" and is_tiktok(urlsplit(url).hostname) for url in files
    )
    assert_one_page_fetch(standin, post_id)


@pytest.mark.parametrize("post_id", PHOTOS)
@pytest.mark.parametrize("route", SLIDES_ROUTES)
def test_slides_of_photo_posts(api, standin, route, post_id):
    _, author, _, stills = POSTS[post_id]
    res = api.get(route, url=page_url(post_id))
    assert res.status_code == 200, res.text[:500]
    data = res.json()["data"]
    assert len(data["images"]) == stills
    assert data["cover"]
    assert data["post_author"]["unique_id"] == author
    assert_one_page_fetch(standin, post_id)


@pytest.mark.parametrize("post_id", VIDEOS[:3])
def test_slides_refuse_a_video(api, standin, post_id):
    assert_envelope_error(
        api.get("/api/tiktok/slides", url=page_url(post_id)), 422, "not_a_slideshow"
    )
    assert_one_page_fetch(standin, post_id)


@pytest.mark.parametrize("route", STATISTIC_ROUTES)
def test_statistic_aliases_answer_alike(api, route):
    data = api.get(route, url=page_url(VIDEO)).json()["data"]
    assert (data["id"], data["total_play"], data["total_save"]) == (VIDEO, 2900000, 124842)


DIRECT_FORMS = [
    "https://www.tiktok.com/@emthenutritionist/video/{id}",
    "https://www.tiktok.com/@emthenutritionist/photo/{id}",
    "https://www.tiktok.com/@/video/{id}",
    "https://tiktok.com/@emthenutritionist/video/{id}",
    "http://www.tiktok.com/@emthenutritionist/video/{id}",
    "www.tiktok.com/@emthenutritionist/video/{id}",
    "tiktok.com/@emthenutritionist/video/{id}/",
    "https://www.tiktok.com/@emthenutritionist/video/{id}?is_from_webapp=1&sender_device=pc",
    "https://www.tiktok.com/@emthenutritionist/video/{id}?_r=1&_t=ZS-8yM9kfaRWcM#comments",
    "HTTPS://WWW.TIKTOK.COM/@emthenutritionist/video/{id}",
    "https://m.tiktok.com/v/{id}.html",
    "https://www.tiktok.com/embed/v2/{id}",
    "https://www.tiktok.com/embed/{id}",
    "https://www.tiktok.com/player/v1/{id}",
    "https://www.tiktokv.com/share/video/{id}",
    "https://www.tiktok.com/share/video/{id}",
    "https://t.tiktok.com/i18n/share/video/{id}/?_r=1",
    "Check this out!\nhttps://www.tiktok.com/@emthenutritionist/video/{id} so good",
]


@pytest.mark.parametrize("form", DIRECT_FORMS)
def test_link_forms_with_the_id_cost_one_call(api, standin, form):
    res = api.get("/api/tiktok/statistic", url=form.format(id=VIDEO))
    assert res.status_code == 200, res.text[:500]
    assert res.json()["data"]["id"] == VIDEO
    assert_one_page_fetch(standin, VIDEO)


SHORT_FORMS = [
    ("https://vm.tiktok.com/{code}/", "vm.tiktok.com", "/{code}/"),
    ("https://vt.tiktok.com/{code}", "vt.tiktok.com", "/{code}/"),
    ("vm.tiktok.com/{code}", "vm.tiktok.com", "/{code}/"),
    ("https://www.tiktok.com/t/{code}/", "www.tiktok.com", "/t/{code}/"),
    ("https://lite.tiktok.com/t/{code}/", "lite.tiktok.com", "/t/{code}/"),
    ("Watch this: https://vt.tiktok.com/{code}/ 😂", "vt.tiktok.com", "/{code}/"),
]


@pytest.mark.parametrize("post_id", [VIDEO, PHOTO])
@pytest.mark.parametrize(("form", "host", "path"), SHORT_FORMS)
def test_short_links_cost_two_calls(api, standin, form, host, path, post_id):
    code = short_code(post_id)
    res = api.get("/api/tiktok/downloader", url=form.format(code=code))
    assert res.status_code == 200, res.text[:500]
    assert res.json()["data"]["id"] == post_id
    calls = [(r["host"], r["path"]) for r in standin.requests()]
    assert calls == [(host, path.format(code=code)), ("www.tiktok.com", f"/@_/video/{post_id}")]


def test_short_link_to_nowhere_is_not_found(api, standin):
    res = api.get("/api/tiktok/statistic", url="https://vm.tiktok.com/ZSunknown1/")
    assert_envelope_error(res, 404, "post_not_found")
    assert [(r["host"], r["path"]) for r in standin.requests()] == [
        ("vm.tiktok.com", "/ZSunknown1/")
    ]


@pytest.mark.parametrize(
    ("post_id", "status", "slug"),
    [
        ("7550459646654418189", 404, "post_not_found"),  # statusCode 10204, status_deleted
        ("7609111825233251598", 451, "region_blocked"),  # statusCode 10204, cross_border
        ("7000000000000000000", 404, "post_not_found"),  # unknown id: TikTok's 10204 page
    ],
)
def test_tiktok_status_codes(api, standin, post_id, status, slug):
    assert_envelope_error(api.get("/api/tiktok/statistic", url=page_url(post_id)), status, slug)
    if slug != "region_blocked":
        assert_one_page_fetch(standin, post_id)
        return
    # A regional refusal tries the embed page and oEmbed, which have nothing for this post.
    paths = [r["path"].split("?")[0] for r in standin.requests()]
    assert paths == [f"/@_/video/{post_id}", f"/embed/v2/{post_id}", "/oembed"]


def test_bot_check_is_solved_with_one_more_call(api, standin):
    standin.inject(f"post:{VIDEO}", "challenge")
    res = api.get("/api/tiktok/statistic", url=page_url(VIDEO))
    assert res.status_code == 200, res.text[:500]
    assert res.json()["data"]["total_play"] == 2900000
    first, second = standin.requests()
    assert first["path"] == second["path"] == f"/@_/video/{VIDEO}"
    assert "_wafchallengeid" not in first["cookies"]
    assert "_wafchallengeid" in second["cookies"]


def test_short_link_with_bot_check_costs_three_calls(api, standin):
    standin.inject(f"post:{PHOTO}", "challenge")
    res = api.get("/api/tiktok/slides", url=f"https://vm.tiktok.com/{short_code(PHOTO)}/")
    assert res.status_code == 200, res.text[:500]
    assert len(res.json()["data"]["images"]) == 4
    assert [r["host"] for r in standin.requests()] == ["vm.tiktok.com"] + ["www.tiktok.com"] * 2


@pytest.mark.parametrize("route", STATISTIC_ROUTES + SLIDES_ROUTES + ["/api/tiktok/downloader"])
def test_missing_url_is_refused_without_a_call(api, standin, route):
    assert_envelope_error(api.get(route), 400, "missing_parameter")
    assert standin.requests() == []


def test_unknown_route_and_method_answer_in_the_envelope(api, server):
    assert_envelope_error(api.get("/api/tiktok/nothing"), 404, "not_found")
    res = api.session.post(server.url + "/api/tiktok/statistic", timeout=15)
    assert_envelope_error(res, 405, "method_not_allowed")
