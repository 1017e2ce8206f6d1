"""A walled post end to end: the bot check survives the solver, so the post is answered from
its embed player page (or oEmbed), partial, and its video still plays through our link."""

from .conftest import assert_envelope_error

EMBEDDED = "6718335390845095173"  # the stand-in has its /embed/v2/ page, not its post page
OEMBEDDED = "7504044860782021930"  # the stand-in has only its oEmbed


def link(post_id: str) -> str:
    """A post's link."""
    return f"https://www.tiktok.com/@_/video/{post_id}"


def asked(standin, path_start: str) -> int:
    """How many requests the stand-in saw whose path starts so."""
    return sum(1 for e in standin.requests() if e["path"].startswith(path_start))


def test_a_walled_post_is_answered_from_its_embed_page_and_plays(api, standin):
    standin.inject(f"post:{EMBEDDED}", "challenge_unsolvable")
    res = api.get("/api/tiktok/downloader", url=link(EMBEDDED))
    assert res.status_code == 200, res.text[:300]
    data = res.json()["data"]
    assert data["partial"] is True and "post_author.avatar" in data["missing"]
    assert data["post_author"]["unique_id"] == "scout2015"
    assert asked(standin, f"/embed/v2/{EMBEDDED}") == 1 and asked(standin, "/oembed") == 0
    video = api.session.get(data["media"]["no_watermark"], timeout=15)
    assert video.status_code == 200 and len(video.content) > 0
    assert video.headers["Content-Type"] == "video/mp4"


def test_then_oembed_answers_what_it_knows(api, standin):
    standin.inject(f"post:{OEMBEDDED}", "challenge_unsolvable")
    data = api.get("/api/tiktok/statistic", url=link(OEMBEDDED)).json()["data"]
    assert data["partial"] is True
    assert data["post_author"]["unique_id"] == "tjrobertson52"
    assert data["title"].startswith("Digital marketing will be DEAD by 2027")
    assert data["total_play"] is None and "total_play" in data["missing"]
    assert asked(standin, "/oembed") == 1


def test_a_walled_post_nothing_describes_keeps_its_precise_error(api, standin):
    (post_id,) = standin.clones(1)
    standin.inject(f"post:{post_id}", "challenge_unsolvable")
    res = api.get("/api/tiktok/statistic", url=link(post_id))
    assert_envelope_error(res, 503, "upstream_blocked")
    assert asked(standin, f"/embed/v2/{post_id}") == 1 and asked(standin, "/oembed") == 1
