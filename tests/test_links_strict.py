"""parse_link refuses look-alike digits and control characters before any I/O."""

import pytest

from tiktok_api.errors import InvalidURL
from tiktok_api.links import PostLink, parse_link, validate_post_id

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
