"""The profile page's `webapp.user-detail` status code."""

import json

import pytest
from conftest import read_fixture, rehydration_page

from tiktok_api.extractors.profile_page import user_status

NOT_FOUND = "error-user-detail-excerpt-10221-2scraper.json"


def test_status_of_a_missing_user():
    assert user_status(rehydration_page(read_fixture(NOT_FOUND))) == 10221


def test_status_of_a_real_profile_page():
    assert user_status(read_fixture("user-page-dashzorvak-alcaldiasa.html")) == 0


@pytest.mark.parametrize(
    "page",
    [
        b"",
        read_fixture("challenge-page-waf-snaptik-2026-03.html"),
        rehydration_page({"webapp.app-context": {}}),
        rehydration_page({"webapp.user-detail": {"statusCode": "10221"}}),
        b'<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">{not json</script>',
    ],
)
def test_unreadable_status_is_none(page):
    assert user_status(page) is None


def test_private_status_read_from_the_same_place():
    # No 10222 page was ever captured: the 10221 excerpt with its statusCode changed.
    excerpt = json.loads(read_fixture(NOT_FOUND))
    excerpt["__DEFAULT_SCOPE__"]["webapp.user-detail"]["statusCode"] = 10222
    assert user_status(rehydration_page(excerpt)) == 10222
