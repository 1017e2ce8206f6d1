"""What the stand-in serves: posts in every page layout, users, embeds, built from fixture files."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
REHYDRATION = "__UNIVERSAL_DATA_FOR_REHYDRATION__"
FRONTITY = "__FRONTITY_CONNECT_STATE__"
WAF_PAGE = "challenge-page-waf-snaptik-2026-03.html"
NOT_FOUND_PAGE = "error-video-page-10204-ca74ca.html"
NO_SUCH_USER = "error-user-detail-excerpt-10221-2scraper.json"


@dataclass(frozen=True, slots=True)
class Post:
    """One post the stand-in knows: its page layout, author handle, kind and fixture file."""

    post_id: str
    layout: str
    author: str
    photo: bool
    fixture: str


# Every post is served from its capture: an HTML page as captured, or a JSON capture wrapped the
# way TikTok wraps it (rehydration objects in their script, API bodies as they are).
POSTS = (
    Post("7608826249200356630", "desktop", "emthenutritionist", False,
         "video-page-camillebrown-7608826249200356630.html"),
    Post("7526770564367748360", "desktop", "dangthuhaf", False,
         "video-page-rimineuit-7526770564367748360.html"),
    Post("7392265874427612422", "desktop-rendered", "jogjacreators", False,
         "video-page-rendered-dom-aqilwahid-7392265874427612422.html"),
    Post("7359111187935644961", "desktop-json", "hanaa_le", False,
         "video-detail-britmoji-7359111187935644961.json"),
    Post("7528225211045481736", "desktop-json", "m.anhmlem", False,
         "video-detail-rehydration-rimineuit-7528225211045481736.json"),
    Post("7681723633164717325", "desktop-json", "nasa", True,
         "photo-detail-trimmed-2scraper-7681723633164717325.json"),
    Post("7600352599870557461", "reflow", "sammy.becool", False,
         "video-page-reflow-cong99x-7600352599870557461.html"),
    Post("7568858748001750279", "reflow-json", "hanoiangi", False,
         "video-detail-reflow-cong99x-7568858748001750279.json"),
    Post("7610426235671350549", "reflow", "mu33.__", True,
         "photo-page-reflow-iqshift-7610426235671350549.html"),
    Post("7631060535387163925", "api-data", "min_stark", True,
         "photo-page-mobile-apidata-minta1234-7631060535387163925.html"),
    Post("7203022122757803307", "sigi", "dylanlemay", False,
         "sigi-user-page-aladynjr-dylanlemay-2023-02.html"),
    Post("6881450806688664838", "next", "tiktok", False,
         "next-data-video-drawrowfly-6881450806688664838.html"),
    Post("6807491984882765062", "next-videodata", "tiktok", False,
         "next-data-video-drawrowfly-2020-03.html"),
    Post("7083176398923320581", "api-json", "asgkcoaching", False,
         "item-detail-api-aladynjr-7083176398923320581.json"),
    Post("7175983749526523141", "api-json", "3ichenglish", False,
         "item-detail-api-aladynjr-7175983749526523141.json"),
    Post("7550459646654418189", "error-deleted", "_", False,
         "error-video-detail-excerpt-10204-status_deleted-7550459646654418189.json"),
    Post("7609111825233251598", "error-cross-border", "_", False,
         "error-video-detail-excerpt-10204-cross_border-7609111825233251598.json"),
)  # fmt: skip
PROFILE_PAGES = (
    "user-page-dashzorvak-alcaldiasa.html",
    "sigi-user-page-aladynjr-dylanlemay-2023-02.html",
)
EMBEDS = ("embed-user-nasa-2026-09-22.json", "embed-user-therock-2026-09-22.json")
POST_EMBEDS = (
    "embed-v2-6718335390845095173-excerpt.json",
    "embed-v2-7553302113757990166-photo-excerpt.json",
)
OEMBEDS = ("oembed-automaton-tjrobertson52-7504044860782021930-2026-09.json",)
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def read(name: str) -> bytes:
    """The bytes of one fixture file."""
    return (FIXTURES / name).read_bytes()


def short_code(post_id: str) -> str:
    """The short-link code the stand-in answers for a post (letters and digits, like TikTok's)."""
    number, digits = int(post_id), []
    while number:
        number, rest = divmod(number, 36)
        digits.append(_BASE36[rest])
    return "ZS" + "".join(reversed(digits))


def data_page(script_id: str, data: dict) -> bytes:
    """An HTML page holding `data` in <script id=script_id>, as TikTok serves it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        f'<!DOCTYPE html><html><head><script id="{script_id}" type="application/json">'
        f"{text}</script></head><body></body></html>"
    ).encode()


def rehydration_page(capture: bytes) -> bytes:
    """A captured rehydration object (whole or its scope only) inside its data script."""
    data = json.loads(capture)
    return data_page(
        REHYDRATION, data if "__DEFAULT_SCOPE__" in data else {"__DEFAULT_SCOPE__": data}
    )


def post_body(post: Post) -> tuple[bytes, str]:
    """The body TikTok answers for a post's page, with its content type."""
    raw = read(post.fixture)
    if post.fixture.endswith(".html"):
        return raw, "text/html; charset=utf-8"
    if post.layout == "api-json":
        return raw, "application/json; charset=utf-8"
    return rehydration_page(raw), "text/html; charset=utf-8"


def embed_page(capture: bytes, user: str) -> bytes:
    """A creator embed page: the captured data node keyed by its real route."""
    nodes = json.loads(capture)["source"]["data"]
    node = next(
        value for value in nodes.values() if isinstance(value, dict) and "userInfo" in value
    )
    return data_page(FRONTITY, {"source": {"data": {f"/embed/@{user}": node}}})


def profile_handle(page: bytes) -> str:
    """The handle a captured profile page belongs to (rehydration or SIGI layout)."""
    match = re.search(
        rb'"webapp.user-detail":\{"userInfo":\{"user":\{.*?"uniqueId":"([^"]+)"', page
    )
    if match is None:
        match = re.search(rb'"UserModule":\{"users":\{"([^"]+)"', page)
    return match.group(1).decode()


class Catalogue:
    """Everything the stand-in serves, read once at start."""

    def __init__(self) -> None:
        self.posts = {post.post_id: post for post in POSTS}
        self.pages = {post.post_id: post_body(post) for post in POSTS}
        self.codes = {short_code(post.post_id): post for post in POSTS}
        self.not_found_page = read(NOT_FOUND_PAGE)
        self.waf_page = read(WAF_PAGE)
        self.profiles = {profile_handle(read(name)): read(name) for name in PROFILE_PAGES}
        self.no_such_user = rehydration_page(read(NO_SUCH_USER))
        self.embeds = {}
        for name in EMBEDS:
            user = json.loads(read(name))["source"]["data"]["/embed/fixture"]["userInfo"][
                "uniqueId"
            ]
            self.embeds[user] = embed_page(read(name), user)

        # Post embed pages and oEmbed bodies by post id (the id in each capture's name).
        self.post_embeds = {
            re.search(r"embed-v2-([0-9]{19})", name).group(1): data_page(
                FRONTITY, json.loads(read(name))
            )
            for name in POST_EMBEDS
        }
        self.oembeds = {re.search(r"([0-9]{19})", name).group(1): read(name) for name in OEMBEDS}

    def post_page(self, post_id: str) -> tuple[bytes, str]:
        """The page for a post id; TikTok's 10204 'item doesn't exist' page for an unknown one."""
        return self.pages.get(post_id) or (self.not_found_page, "text/html; charset=utf-8")
