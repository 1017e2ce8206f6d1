"""Username and profile-link parsing: every accepted form, and hostile input refused."""

import pytest

from tiktok_api.domain.errors import InvalidUsername
from tiktok_api.domain.usernames import parse_username


@pytest.mark.parametrize(
    "text",
    [
        "nasa",
        "@nasa",
        "NASA",
        "  @Nasa  ",
        "https://www.tiktok.com/@nasa",
        "https://www.tiktok.com/@nasa/",
        "https://www.tiktok.com/@nasa?lang=en&is_from_webapp=1",
        "https://www.tiktok.com/@nasa/?_t=ZS-8yM9kfaRWcM&_r=1",
        "https://www.tiktok.com/@nasa#videos",
        "http://tiktok.com/@nasa",
        "tiktok.com/@nasa",
        "www.tiktok.com/@nasa/",
        "https://m.tiktok.com/@nasa",
        "HTTPS://WWW.TIKTOK.COM/@NASA",
    ],
)
def test_username_forms(text):
    assert parse_username(text) == "nasa"


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("ab", "ab"),
        ("a" * 24, "a" * 24),
        ("sammy.becool", "sammy.becool"),
        ("_under_score_", "_under_score_"),
        (".dotfirst", ".dotfirst"),
        ("tiktok.com", "tiktok.com"),  # a bare name with a dot is a handle, not a link
        ("https://www.tiktok.com/@m.anhmlem", "m.anhmlem"),
    ],
)
def test_username_edges_accepted(text, handle):
    assert parse_username(text) == handle


HOSTILE = [
    "a",  # too short
    "@a",
    "a" * 25,  # too long
    "nasa.",  # ends with a dot
    "@",
    "@@nasa",
    "na sa",
    "nasa!",
    "nasa-team",
    "<script>alert(1)</script>",
    "'; DROP TABLE users;--",
    "../../etc/passwd",  # path traversal
    "nasa/../../api",
    "..",
    "nasa\x00",  # NUL
    "nasa\r\nX-Injected: 1",  # header injection
    "nasa\t",
    "\x7fnasa",
    "nasa%00",  # URL-encoded tricks (the query string is decoded once already)
    "%2e%2e%2f%2e%2e",
    "na%73a",
    "https://www.tiktok.com/@nasa%2F..%2F..%2Fapi",
    "https://www.tiktok.com/@nasa%00",
    "https://evil.com/@nasa",  # other hosts
    "https://www.youtube.com/@nasa",
    "https://instagram.com/nasa",
    "https://tiktok.com.evil.com/@nasa",  # look-alikes
    "https://www.tiktok.com.evil.com/@nasa",
    "https://tiktok.co/@nasa",
    "https://tiktok-com.net/@nasa",
    "https://www.tiktok.com@evil.com/@nasa",
    "https://evil.com@www.tiktok.com/@nasa",
    "https://www.tiktok.com:8443/@nasa",
    "https://www%2etiktok.com/@nasa",
    "https://www.tiktok.com\\@nasa",
    "https://vm.tiktok.com/@nasa",  # a TikTok host that serves no profiles
    "https://www.tiktokv.com/@nasa",
    "ftp://www.tiktok.com/@nasa",
    "javascript:alert(1)//www.tiktok.com/@nasa",
    "https://www.tiktok.com/nasa",  # no @
    "https://www.tiktok.com/@",
    "https://www.tiktok.com/@nasa/video/7608826249200356630",  # a post, not a profile
    "https://www.tiktok.com/@nasa/extra/path",
    "ｎａｓａ",  # full-width letters
    "nаsa",  # Cyrillic а
    "nasa\u200b",  # zero-width space
    "a" * 5000,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_usernames_refused(text):
    with pytest.raises(InvalidUsername):
        parse_username(text)


def test_longer_than_the_input_cap_is_refused():
    with pytest.raises(InvalidUsername):
        parse_username("https://www.tiktok.com/@nasa?" + "x" * 100, max_length=50)
