"""Drawing a post: uniform over the listed posts, kind filtered and confirmed, bounded reads."""

import dataclasses
import random
from collections import Counter

import pytest
from conftest import embed_page, read_fixture, rehydration_page

from tiktok_api.domain.draw import draw_post, parse_post_type, with_creator_author
from tiktok_api.domain.embed_data import find_creator
from tiktok_api.domain.errors import InvalidParameter, NoPosts, PostNotFound, UserPrivate
from tiktok_api.domain.mapping import map_creator, map_post
from tiktok_api.domain.page_data import find_post

NASA_PHOTO = "7681723633164717325"
VIDEO_ID = "7608826249200356630"
NASA = map_creator(
    find_creator(embed_page(read_fixture("embed-user-nasa-2026-09-22.json"), "nasa"), "nasa")
)
LISTED = {p.id for p in NASA.posts}
PHOTO_POST = map_post(
    find_post(
        rehydration_page(read_fixture(f"photo-detail-trimmed-2scraper-{NASA_PHOTO}.json")),
        NASA_PHOTO,
    ),
    NASA_PHOTO,
)
VIDEO_POST = map_post(
    find_post(read_fixture(f"video-page-camillebrown-{VIDEO_ID}.html"), VIDEO_ID), VIDEO_ID
)


class Reader:
    """A stand-in for the post read: records the ids asked for, answers from a script."""

    def __init__(self, *answers):
        self.ids = []
        self.answers = list(answers)

    def __call__(self, post_id):
        self.ids.append(post_id)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_every_listed_post_comes_up_evenly_and_nothing_else():
    rng, read = random.Random(20260922), Reader(VIDEO_POST)
    for _ in range(11_000):
        draw_post(NASA, None, rng, read, 3)
    counts = Counter(read.ids)
    assert set(counts) == LISTED
    assert all(850 <= n <= 1150 for n in counts.values()), counts


def test_video_filter_never_draws_the_photo_post():
    rng, read = random.Random(7), Reader(VIDEO_POST)
    for _ in range(500):
        draw_post(NASA, "video", rng, read, 3)
    assert set(read.ids) == LISTED - {NASA_PHOTO}


def test_photo_filter_draws_the_only_photo_post():
    read = Reader(PHOTO_POST)
    post = draw_post(NASA, "photo", random.Random(1), read, 3)
    assert read.ids == [NASA_PHOTO]
    assert post.type == "photo"


def test_kind_is_confirmed_on_the_read():
    read = Reader(PHOTO_POST, VIDEO_POST)
    post = draw_post(NASA, "video", random.Random(3), read, 3)
    assert post.id == VIDEO_ID
    assert len(read.ids) == 2
    assert len(set(read.ids)) == 2


def test_reads_are_bounded_when_no_read_post_fits():
    read = Reader(PHOTO_POST)
    with pytest.raises(NoPosts) as error:
        draw_post(NASA, "video", random.Random(3), read, 3)
    assert len(read.ids) == 3
    assert "video" in error.value.message


def test_unreadable_post_makes_way_for_another():
    read = Reader(PostNotFound(), VIDEO_POST)
    assert draw_post(NASA, None, random.Random(5), read, 3) is VIDEO_POST
    assert len(set(read.ids)) == 2


def test_all_tries_unreadable_says_why():
    read = Reader(PostNotFound())
    with pytest.raises(PostNotFound):
        draw_post(NASA, None, random.Random(5), read, 2)
    assert len(read.ids) == 2


def test_no_posts_of_that_kind_reads_nothing():
    videos_only = dataclasses.replace(NASA, posts=[p for p in NASA.posts if p.type == "video"])
    read = Reader(VIDEO_POST)
    with pytest.raises(NoPosts):
        draw_post(videos_only, "photo", random.Random(1), read, 3)
    assert read.ids == []


def test_private_account_without_posts():
    private = dataclasses.replace(NASA, posts=[], private=True)
    with pytest.raises(UserPrivate):
        draw_post(private, None, random.Random(1), Reader(VIDEO_POST), 3)


def test_author_fields_missing_on_the_page_come_from_the_account():
    assert PHOTO_POST.author.avatar is None  # the trimmed capture has no avatar
    post = with_creator_author(PHOTO_POST, NASA.author)
    assert post.author.avatar == NASA.author.avatar
    assert post.author.nickname == "NASA"


def test_another_accounts_post_is_left_alone():
    assert with_creator_author(VIDEO_POST, NASA.author) is VIDEO_POST


@pytest.mark.parametrize(
    ("value", "kind"),
    [("video", "video"), (" Photo ", "photo"), ("", None), (None, None)],
)
def test_post_type_parameter(value, kind):
    assert parse_post_type(value) == kind


@pytest.mark.parametrize("value", ["gif", "videos", "image", "video,photo", "1", "vid\x00eo"])
def test_post_type_parameter_refused(value):
    with pytest.raises(InvalidParameter):
        parse_post_type(value)
