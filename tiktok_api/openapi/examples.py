"""Two real posts (a video and a photo slideshow) for the docs; signed CDN queries shortened."""

from datetime import UTC, datetime

from ..domain.models import Author, Media, Music, Post, Stats

VIDEO_URL = "https://www.tiktok.com/@emthenutritionist/video/7608826249200356630"
PHOTO_URL = "https://www.tiktok.com/@mu33.__/photo/7610426235671350549"

_VIDEO_SOUND = (
    "https://v19.tiktokcdn-us.com/e948e79f9702cd0dbef4b2c0f08b42d7/6a58cc91/video/tos/no1a/"
    "tos-no1a-v-2370-no/oQIiLM0TDICEoeGLETfAbsD5F9fAEDzAEIgvAG/?a=1233&bti=ODszNWYuMDE6&bt=125"
    "&mime_type=audio_mpeg&vvpl=1&l=20260716061939267AC1A1D97A4203D6EA&btag=e00048000"
)
_PHOTO_SOUND = (
    "https://v16m.tiktokcdn.com/38126975bb8a431d13692187928bbb6c/699f2462/video/tos/alisg/"
    "tos-alisg-v-27dcd7/oEPQoAr8QXEee6AAQTUMgPO4ny4ABORUeDT8CJ/?a=1233&bti=ODszNWYuMDE6&br=250"
    "&bt=125&mime_type=audio_mpeg&vvpl=1&l=202602250033075E5AD6D60A2BB473B2E6&btag=e00048000"
)
_PHOTO_CDN = "https://p77-sign-sg.tiktokcdn.com/tos-alisg-i-photomode-sg/"
_PHOTO_SIGNED = "~tplv-photomode-image.jpeg?dr=14555&x-expires=1772121600&idc=my2&ftpl=1"
_PHOTO_IMAGES = [
    f"{_PHOTO_CDN}{key}{_PHOTO_SIGNED}"
    for key in (
        "5adc61558c14473cb13360223465c50f",
        "9dc39f586f344ee8836975d5ce996a5e",
        "1da2bea3f4d7469db73939d0690c9e01",
        "42bbf3834b3c4cb0aceb7f450ed6c6ec",
    )
]

VIDEO_POST = Post(
    id="7608826249200356630",
    type="video",
    caption="15 MINUTE CREAMY THAI COCONUT COD CURRY … #healthyrecipes #quickrecipes",
    create_time=datetime(2026, 2, 20, 6, 12, 10, tzinfo=UTC),
    duration=54,
    region="GB",
    hashtags=["#healthyrecipes", "#quickrecipes"],
    mentions=[],
    author=Author(
        id="6813808072638399493",
        unique_id="emthenutritionist",
        nickname="Emily English",
        avatar=(
            "https://p16-common-sign.tiktokcdn-us.com/tos-maliva-avt-0068/"
            "5f790612f475d215ac636c07465f139d~tplv-tiktokx-cropcenter:1080:1080.jpeg"
            "?dr=9640&x-expires=1784354400&idc=useast8"
        ),
    ),
    music=Music(
        id="7608826260956908310", title="original sound", author_name="Emily English", url=None
    ),
    stats=Stats(plays=2900000, likes=105200, comments=499, shares=42400, saves=124842),
    media=Media(
        no_watermark=(
            "https://v16-webapp-prime.us.tiktok.com/video/tos/useast2a/"
            "tos-useast2a-ve-68c810-euttp/o0vKALDgwITQF0XqdIfDjs7i2uEaefIzAELotQ/?a=1988"
            "&bti=ODszNWYuMDE6&bt=1267&mime_type=video_mp4&expire=1784355633"
            "&l=20260716061939267AC1A1D97A4203D6EA&ply_type=2&policy=2&tk=tt_chain_token"
        ),
        watermark=None,
        music=_VIDEO_SOUND,
        cover=(
            "https://p19-common-sign.tiktokcdn-us.com/tos-no1a-p-0037-no/"
            "oIqLDfu7IEDIQzeEsITAFDKvQvjfASXosL6Wz1~tplv-tiktokx-origin.image"
            "?dr=9636&x-expires=1784354400&idc=useast8"
        ),
    ),
)

PHOTO_POST = Post(
    id="7610426235671350549",
    type="photo",
    caption="#انا_زوبعي_حر_من_نسل_الاحرار  #فزعات_ربعي_بالشدايد_قويه...",
    create_time=datetime(2026, 2, 24, 13, 40, 48, tzinfo=UTC),
    duration=0,
    region="IQ",
    hashtags=["#انا_زوبعي_حر_من_نسل_الاحرار", "#فزعات_ربعي_بالشدايد_قويه"],
    mentions=[],
    author=Author(
        id="7076878307794568197",
        unique_id="mu33.__",
        nickname="مصطفى عبد",
        avatar=(
            "https://p16-sign-sg.tiktokcdn.com/tos-alisg-avt-0068/"
            "4b10f2f3c7e0e71ba70523444e8694c3~tplv-tiktokx-cropcenter:1080:1080.jpeg"
            "?dr=14579&x-expires=1772121600&idc=my3"
        ),
    ),
    music=Music(id="7563012855580347154", title="الصوت الأصلي", author_name="Sa__0", url=None),
    stats=Stats(plays=174, likes=22, comments=13, shares=27, saves=1),
    media=Media(music=_PHOTO_SOUND, cover=_PHOTO_IMAGES[0], images=_PHOTO_IMAGES),
)
