"""domain/links.py: every link form people paste, and every hostile one refused."""

import pytest

from tiktok_api.domain.errors import InvalidURL, NotAPost
from tiktok_api.domain.links import PostLink, ShortLink, parse_link, post_page_url, validate_post_id

ID = "7608826249200356630"


@pytest.mark.parametrize(
    "link",
    [
        f"https://www.tiktok.com/@emthenutritionist/video/{ID}",
        f"https://www.tiktok.com/@emthenutritionist/video/{ID}?is_from_webapp=1&sender_device=pc",
        f"https://www.tiktok.com/@emthenutritionist/video/{ID}?_r=1&_t=ZS-8yM9kfaRWcM",
        f"https://www.tiktok.com/@emthenutritionist/video/{ID}#comments",
        f"https://www.tiktok.com/@emthenutritionist/video/{ID}/",
        f"www.tiktok.com/@emthenutritionist/video/{ID}",
        f"tiktok.com/@emthenutritionist/video/{ID}",
        f"https://tiktok.com/@emthenutritionist/video/{ID}",
        f"http://www.tiktok.com/@emthenutritionist/video/{ID}",
        f"HTTPS://WWW.TIKTOK.COM/@emthenutritionist/video/{ID}",
        f"https://www.tiktok.com/@_/video/{ID}",
        f"https://www.tiktok.com/@/video/{ID}",
        f"https://www.tiktok.com/%40emthenutritionist/video/{ID}",
        f"https://www.tiktok.com/@nasa/photo/{ID}",
        f"https://m.tiktok.com/v/{ID}.html",
        f"https://www.tiktok.com/embed/v2/{ID}",
        f"https://www.tiktok.com/embed/{ID}",
        f"https://www.tiktok.com/player/v1/{ID}",
        f"https://www.tiktok.com/share/video/{ID}",
        f"https://www.tiktokv.com/share/video/{ID}",
        f"https://t.tiktok.com/i18n/share/video/{ID}/?_d=secCgYIASAHKAESPgo8&share_item_id={ID}",
        f"  https://www.tiktok.com/@emthenutritionist/video/{ID}\n",
        f"https://www.tiktok.com/?item_id={ID}",
    ],
)
def test_post_link_forms_give_the_id(link):
    assert parse_link(link) == PostLink(ID)


@pytest.mark.parametrize(
    ("link", "short_url"),
    [
        ("https://vm.tiktok.com/ZMRqBxMsV/", "https://vm.tiktok.com/ZMRqBxMsV/"),
        ("https://vt.tiktok.com/ZSDMtC7eH", "https://vt.tiktok.com/ZSDMtC7eH/"),
        ("vm.tiktok.com/ZMRqBxMsV", "https://vm.tiktok.com/ZMRqBxMsV/"),
        ("http://vt.tiktok.com/ZSDMtC7eH/", "https://vt.tiktok.com/ZSDMtC7eH/"),
        ("https://www.tiktok.com/t/ZTRAbCdEf/", "https://www.tiktok.com/t/ZTRAbCdEf/"),
        ("https://tiktok.com/t/ZTRAbCdEf", "https://www.tiktok.com/t/ZTRAbCdEf/"),
        (
            "https://lite.tiktok.com/t/ZSHwo6gjkDWYc-0cnFY/",
            "https://lite.tiktok.com/t/ZSHwo6gjkDWYc-0cnFY/",
        ),
    ],
)
def test_short_link_forms(link, short_url):
    assert parse_link(link) == ShortLink(short_url)


@pytest.mark.parametrize(
    "text",
    [
        "Look at this https://vm.tiktok.com/ZMRqBxMsV/ wow",
        "Check out this video (https://vm.tiktok.com/ZMRqBxMsV/) thanks!",
        "https://example.com/x and then https://vm.tiktok.com/ZMRqBxMsV/",
        "Shared via TikTok Lite\nhttps://vm.tiktok.com/ZMRqBxMsV/",
    ],
)
def test_share_text_takes_the_first_tiktok_link(text):
    assert parse_link(text) == ShortLink("https://vm.tiktok.com/ZMRqBxMsV/")


HOSTILE = [
    "",
    "   ",
    "not a link",
    "https://example.com/@user/video/" + ID,
    "https://tiktok.com.evil.example/@user/video/" + ID,
    "https://eviltiktok.com/@user/video/" + ID,
    "https://www.tiktok.com.evil.example/@user/video/" + ID,
    "https://www.tiktok.com@evil.example/@user/video/" + ID,
    "https://user:pass@www.tiktok.com/@user/video/" + ID,
    "https://evil.example#@www.tiktok.com/@user/video/" + ID,
    "https://evil.example\\@www.tiktok.com/@user/video/" + ID,
    "https://127.0.0.1/@user/video/" + ID,
    "https://2130706433/@user/video/" + ID,
    "https://0x7f000001/@user/video/" + ID,
    "https://[::1]/@user/video/" + ID,
    "https://169.254.169.254/latest/meta-data/",
    "https://www.tiktok.com:8080/@user/video/" + ID,
    "https://www.tiktok.com:443/@user/video/" + ID,
    "ftp://www.tiktok.com/@user/video/" + ID,
    "file:///etc/passwd",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "gopher://www.tiktok.com/@user/video/" + ID,
    "https://www.tiktok.com/@user/video/123",
    "https://www.tiktok.com/@user/video/12345678901234567890",
    "https://www.tiktok.com/@user/video/0000000000000000001",
    "https://www.tiktok.com/@user/video/9999999999999999999",
    "https://www.tiktok.com/@user/video/" + ID + "/../../admin",
    "https://www.tiktok.com/../../etc/passwd",
    "https://www.tiktok.com/@user/video/" + ID + "\x00",
    "https://www.tiktok.com/@user/video/\r\nHost: evil.example",
    "https://www%2etiktok.com/@user/video/" + ID,
    "https://www.tiktok.com./@user/video/" + ID,
    "https://xn--tiktk-rta.com/@user/video/" + ID,
    "https://www.tiktok.com/" + "a" * 3000,
    "Look at https://example.com/video and https://evil.example/tiktok",
    "https://vm.tiktok.com/../../x",
    "https://vm.tiktok.com/a",
    "https://www.tiktok.com/",
]


@pytest.mark.parametrize("link", HOSTILE)
def test_hostile_links_are_refused(link):
    with pytest.raises(InvalidURL):
        parse_link(link)


@pytest.mark.parametrize(
    ("link", "what"),
    [
        ("https://www.tiktok.com/@nasa", "a profile"),
        ("https://www.tiktok.com/@nasa/", "a profile"),
        ("https://www.tiktok.com/live", "a LIVE"),
        ("https://www.tiktok.com/@nasa/live", "a LIVE"),
        ("https://m.tiktok.com/share/live/7412345678901234567", "a LIVE"),
        (
            "https://www.tiktok.com/@nasa/collection/Space%20facts-7412345678901234567",
            "a collection",
        ),
        ("https://www.tiktok.com/@nasa/playlist/Moon-7412345678901234567", "a collection"),
        ("https://www.tiktok.com/sticker/Green-Screen-1234567", "an effect"),
        ("https://www.tiktok.com/share/user/6543210987654321", "a profile"),
        ("https://m.tiktok.com/h5/share/usr/6543210987654321.html", "a profile"),
        ("https://www.tiktok.com/music/original-sound-7012345678901234567", "a sound"),
        ("https://www.tiktok.com/tag/space", "a hashtag"),
        ("https://www.tiktok.com/discover/moon-landing", "a topic page"),
    ],
)
def test_links_to_other_tiktok_pages_are_not_posts_and_say_what_they_are(link, what):
    with pytest.raises(NotAPost, match=f"points to {what}, not to a post"):
        parse_link(link)


def test_the_old_trending_share_form_is_that_post():
    link = f"https://www.tiktok.com/trending?shareId={ID}"
    assert parse_link(link) == PostLink(ID)
    assert parse_link(f"https://m.tiktok.com/trending/?shareId={ID}&lang=en") == PostLink(ID)


def test_the_endpoints_answer_422_naming_what_the_link_is(client):
    res = client.get(
        "/api/tiktok/statistic", query_string={"url": "https://www.tiktok.com/@nasa/live"}
    )
    assert (res.status_code, res.json["error"]) == (422, "not_a_post")
    assert res.json["message"] == "This TikTok link points to a LIVE, not to a post."


def test_input_length_is_capped():
    with pytest.raises(InvalidURL, match="longer than 100"):
        parse_link(f"https://www.tiktok.com/@u/video/{ID}?x={'a' * 100}", max_length=100)


def test_post_id_timestamp_must_be_plausible():
    assert validate_post_id(ID) == ID
    too_new = str((2_000_000_000 << 32) + 1)
    with pytest.raises(InvalidURL):
        validate_post_id(too_new, now=1_790_000_000)


def test_post_page_is_always_the_video_form():
    assert post_page_url(ID) == f"https://www.tiktok.com/@_/video/{ID}"


POST_ID = "7608826249200356630"
FULLWIDTH = POST_ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
ARABIC_INDIC = POST_ID.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


@pytest.mark.parametrize("digits", [FULLWIDTH, ARABIC_INDIC])
def test_non_ascii_digits_are_not_a_post_id(digits):
    with pytest.raises(InvalidURL):
        parse_link(f"https://www.tiktok.com/@a/video/{digits}")
    with pytest.raises(InvalidURL):
        validate_post_id(digits)


@pytest.mark.parametrize("control", ["\x00", "\x0b", "\x0c", "\x1c", "\x1f", "\x7f", "\x1b"])
@pytest.mark.parametrize("where", ["before", "after"])
def test_control_characters_are_refused_even_at_the_edges(control, where):
    link = f"https://www.tiktok.com/@a/video/{POST_ID}"
    text = control + link if where == "before" else link + control
    with pytest.raises(InvalidURL):
        parse_link(text)


def test_tab_and_newlines_still_separate_a_share_text():
    text = f"Look!\r\n\thttps://www.tiktok.com/@a/video/{POST_ID}\n"
    assert parse_link(text) == PostLink(POST_ID)


def test_a_link_pasted_again_is_a_lookup_and_a_refused_one_is_refused_again():
    text = f"https://www.tiktok.com/@someone/video/{ID}?lang=en"
    before = parse_link.cache_info().hits
    assert parse_link(text) is parse_link(text)
    assert parse_link.cache_info().hits == before + 1
    for _ in range(2):
        with pytest.raises(InvalidURL):
            parse_link("https://www.tiktok.com.evil.example/@someone/video/" + ID)
