"""The home page in a real headless Chromium against the running server and the TikTok
stand-in: a person pastes a link, sees the post, downloads its files; errors they understand;
without JavaScript; on a phone; nothing loaded from another origin, no console error."""

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tiktok_api.web.messages import MESSAGES

from .browser import FAILURES, chromium  # noqa: F401 - the session's browser fixture
from .conftest import NO_CACHE, SERVICE_ENV, Client
from .harness import Gunicorn

VIDEO = "7608826249200356630"
PHOTO = "7610426235671350549"
SHOTS = FAILURES / "pages"  # the screenshots every run leaves of the main states
PHONE = {"width": 390, "height": 844}


def link(post_id: str) -> str:
    """A post's link."""
    return f"https://www.tiktok.com/@_/video/{post_id}"


class Watched:
    """A page with what it requested, and the console errors and script errors it met."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str = "/", **params: str):
        """Go to a path of ours (params in the query string) and wait for it to load."""
        from urllib.parse import urlencode

        query = f"?{urlencode(params)}" if params else ""
        return self.page.goto(self.base + path + query, wait_until="load")

    def assert_clean(self) -> None:
        """Only our own origin was asked for anything; no console or script error."""
        foreign = [url for url in self.requests if not url.startswith(self.base + "/")]
        assert not foreign, foreign
        assert not self.errors, self.errors

    def shot(self, name: str) -> Path:
        """A full-page screenshot kept for people to look at."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def new_page(chromium, base: str, **options) -> Watched:  # noqa: F811
    """A fresh browser context (own cookies) and page."""
    context = chromium.new_context(accept_downloads=True, **options)
    return Watched(context.new_page(), base)


@pytest.fixture
def site(chromium, server) -> Iterator[Watched]:  # noqa: F811
    """A desktop page on the shared server."""
    watched = new_page(chromium, server.url, viewport={"width": 1280, "height": 900})
    yield watched
    watched.page.context.close()


@pytest.fixture
def page(site):
    """The Playwright page (a failing test's screenshot is taken from it)."""
    return site.page


def api_data(server, path: str, **params: str) -> dict:
    """`data` of one API answer, to compare the page with."""
    res = Client(server.url).get(path, **params)
    assert res.status_code == 200, res.text[:300]
    return res.json()["data"]


def test_a_pasted_video_link_shows_the_post_and_downloads_its_video(site, page, server, tmp_path):
    data = api_data(server, "/api/tiktok/statistic", url=link(VIDEO))
    site.open()
    page.fill("#url", link(VIDEO))
    page.press("#url", "Enter")
    page.wait_for_selector("article.post")
    assert page.inner_text(".caption").startswith(data["title"][:40])
    assert page.inner_text(".nickname") == data["post_author"]["nickname"]
    assert page.inner_text(".handle") == "@" + data["post_author"]["unique_id"]
    exact = page.eval_on_selector_all(".counts dd", "els => els.map(e => e.title)")
    assert exact[:2] == [f"{data['total_play']:,}", f"{data['total_like']:,}"]
    cover = page.locator("img.cover")
    assert cover.get_attribute("src") == f"/api/tiktok/media/{VIDEO}/cover"
    assert cover.get_attribute("alt").startswith("Cover of the video by")
    with page.expect_download() as info:
        page.click("text=Video without watermark")
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.suffix == ".mp4" and saved.stat().st_size > 0
    assert page.url.startswith(server.url + "/?url=")  # the address shows the same post
    site.shot("desktop-video")
    site.assert_clean()


def test_a_photo_short_link_shows_every_slide_and_a_zip(site, page, server, standin, tmp_path):
    admin = f"http://127.0.0.1:{standin.info['admin']}/short-code/{PHOTO}"
    code = standin.admin.get(admin, timeout=5).json()["code"]
    short = f"https://vm.tiktok.com/{code}/"
    slides = api_data(server, "/api/tiktok/slides", url=short)["images"]
    site.open("/", url=short)
    shown = page.locator(".gallery img")
    assert shown.count() == len(slides) > 1
    for n in range(len(slides)):
        assert shown.nth(n).get_attribute("src") == f"/api/tiktok/media/{PHOTO}/image/{n + 1}"
        assert shown.nth(n).get_attribute("alt") == f"Photo {n + 1} of {len(slides)}"
    with page.expect_download() as info:
        page.click(f"text=All {len(slides)} photos (zip)")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert len(archive.namelist()) == len(slides)
    site.shot("photo-gallery")
    site.assert_clean()


ERRORS = [
    ("url", "hello there", "invalid_url", None),
    ("url", "https://www.tiktok.com/@nasa", "not_a_post", None),
    ("url", link("7000000000000000001"), "post_not_found", None),
    ("url", None, "upstream_rate_limited", {"kind": "status", "status": 429}),
    ("url", None, "upstream_blocked", {"kind": "challenge_unsolvable"}),
    ("username", "not a user!", "invalid_username", None),
]


@pytest.mark.parametrize(("field", "typed", "slug", "fault"), ERRORS, ids=[e[2] for e in ERRORS])
def test_each_error_reads_as_its_message_and_keeps_what_was_typed(
    site, page, standin, field, typed, slug, fault
):
    if fault is not None:
        (post_id,) = standin.clones(1)
        typed = link(post_id)
        standin.inject(f"post:{post_id}", fault.pop("kind"), **fault)
    site.open()
    page.fill(f"#{field}", typed)
    page.press(f"#{field}", "Enter")
    alert = page.locator('[role="alert"]')
    alert.wait_for()
    title, text = MESSAGES[slug]
    assert alert.get_attribute("data-error") == slug
    assert title in alert.inner_text() and text in alert.inner_text()
    assert page.input_value(f"#{field}") == typed
    assert page.get_attribute(f"#{field}", "aria-invalid") == "true"
    if slug == "post_not_found":
        site.shot("error-post-not-found")
    site.errors = [e for e in site.errors if "Failed to load resource" not in e]  # the 4xx itself
    site.assert_clean()


def test_a_bad_link_and_a_missing_post_read_differently(site, page):
    site.open("/", url="hello there")
    bad = page.inner_text('[role="alert"]')
    site.open("/", url=link("7000000000000000001"))
    missing = page.inner_text('[role="alert"]')
    assert bad != missing


@pytest.fixture(scope="module")
def limited(standin, tmp_path_factory) -> Iterator[str]:
    """A server whose clients may load 3 pages a minute (one worker: without Redis, each
    process counts on its own)."""
    env = standin.service_env() | SERVICE_ENV | NO_CACHE
    env |= {"RATE_LIMIT": "3/minute", "WEB_CONCURRENCY": "1"}
    server = Gunicorn(tmp_path_factory.mktemp("limited"), env, name="limited").start()
    try:
        yield server.url
    finally:
        server.stop()


def test_past_the_rate_limit_the_page_says_so(chromium, limited):  # noqa: F811
    watched = new_page(chromium, limited)
    try:
        statuses = [watched.open("/", url="hello").status for _ in range(4)]
        assert statuses[-1] == 429
        alert = watched.page.locator('[role="alert"]')
        assert alert.get_attribute("data-error") == "rate_limited"
        assert MESSAGES["rate_limited"][0] in alert.inner_text()
    finally:
        watched.page.context.close()


def test_the_random_form_shows_a_random_post_of_that_kind(site, page):
    site.open()
    page.fill("#username", "nasa")
    page.select_option("#type", "photo")
    page.click("form.random button")
    page.wait_for_selector("article.post")
    assert page.inner_text(".drawn") == "A random post of @nasa"
    assert page.locator(".gallery img").count() >= 1
    assert page.input_value("#username") == "nasa" and page.input_value("#type") == "photo"
    site.assert_clean()


def test_without_javascript_the_same_address_shows_the_same_post(chromium, server):  # noqa: F811
    watched = new_page(chromium, server.url, java_script_enabled=False)
    try:
        watched.open()
        watched.page.fill("#url", link(VIDEO))
        watched.page.press("#url", "Enter")
        watched.page.wait_for_selector("article.post")
        assert watched.page.url == server.url + "/?url=" + link(VIDEO).replace(":", "%3A").replace(
            "/", "%2F"
        ).replace("@", "%40")
        assert watched.page.locator(".downloads a").count() >= 3
        assert not watched.page.is_visible("button.copy")  # it needs the script
        watched.assert_clean()
    finally:
        watched.page.context.close()


def test_with_javascript_a_pasted_link_opens_at_once(site, page):
    site.open()
    page.fill("#url", link(VIDEO))
    with page.expect_navigation():
        page.dispatch_event("#url", "paste")
    page.wait_for_selector("article.post")
    assert page.is_visible("button.copy")
    site.assert_clean()


def test_a_phone_sees_everything_without_sideways_scroll(chromium, server):  # noqa: F811
    watched = new_page(chromium, server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        for params in ({"url": link(VIDEO)}, {"url": f"https://www.tiktok.com/@x/photo/{PHOTO}"},
                       {"url": "hello there"}):  # fmt: skip
            watched.open("/", **params)
            width = watched.page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (params, width)
            field = watched.page.locator("#url").bounding_box()
            assert field["width"] >= PHONE["width"] - 40
            heights = watched.page.eval_on_selector_all(
                "a.button, button:not([hidden])",
                "els => els.map(e => e.getBoundingClientRect().height)",
            )
            assert heights and min(heights) >= 44, heights
        watched.open("/", url=link(VIDEO))
        watched.shot("phone-video")
        watched.errors = [e for e in watched.errors if "Failed to load resource" not in e]
        watched.assert_clean()
    finally:
        watched.page.context.close()


def test_dark_mode_follows_the_system(chromium, server):  # noqa: F811
    watched = new_page(chromium, server.url, color_scheme="dark")
    try:
        watched.open()
        background = watched.page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(18, 18, 18)"
    finally:
        watched.page.context.close()


def test_the_keyboard_walks_the_forms_in_reading_order(site, page):
    site.open()
    order = []
    for _ in range(7):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
        )
    assert order == [
        "tiktok-api",
        "API documentation",
        "url",
        "Show post",
        "username",
        "type",
        "Random post",
    ]


def test_a_caption_with_markup_stays_text(site, page, standin):
    markup = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> <b>bold</b>'
    (post_id,) = standin.clones(1, caption=markup)
    site.open("/", url=link(post_id))
    assert page.inner_text(".caption") == markup
    assert page.evaluate("window.pwned === undefined")
    assert page.locator(".caption img, .caption script, .caption b").count() == 0
    site.assert_clean()
