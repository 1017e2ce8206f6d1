"""/docs: served by the app from the spec, no CDN, one section per endpoint, runnable examples."""

import base64
import hashlib
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import post_url

from tiktok_api.api.docs import code_spans
from tiktok_api.openapi.examples import PHOTO_URL, VIDEO_URL

SECTIONS = ["statistic", "downloader", "slides", "health", "docs"]


class Page(HTMLParser):
    """The parts of the page the tests look at."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.forms: list[dict] = []
        self.urls: list[str] = []
        self.tags: set[str] = set()
        self.styles: list[str] = []
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        self._in_style = tag == "style"
        if "id" in attrs:
            self.ids.append(attrs["id"])
        self.urls += [attrs[a] for a in ("href", "src", "action") if a in attrs]
        if tag == "form":
            self.forms.append({"action": attrs["action"], "method": attrs["method"], "inputs": {}})
        if tag == "input":
            self.forms[-1]["inputs"][attrs["name"]] = attrs["value"]

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in_style = False


@pytest.fixture
def page(client):
    res = client.get("/docs")
    assert res.status_code == 200
    assert res.mimetype == "text/html"
    return res, Page(res.get_data(as_text=True))


def test_a_section_per_endpoint_with_the_envelope_anchor(page):
    _, html = page
    for section in [*SECTIONS, "envelope", "errors"]:
        assert html.ids.count(section) == 1, section
    assert len(html.ids) == len(set(html.ids))


@pytest.mark.parametrize(
    ("path", "section"),
    [("/api/tiktok/stats", "statistic"), ("/readyz", "health"), ("/api/tiktok/images", "slides")],
)
def test_envelope_docs_link_lands_on_an_existing_section(client, page, path, section):
    _, html = page
    docs = client.get(path).json["docs"]
    assert docs == f"http://localhost/docs#{section}"
    assert urlsplit(docs).fragment in html.ids


def test_nothing_is_loaded_from_elsewhere(page):
    res, html = page
    assert "script" not in html.tags and "link" not in html.tags
    external = [u for u in html.urls if urlsplit(u).netloc and not u.startswith("http://localhost")]
    assert external == []


def test_csp_allows_exactly_the_inline_stylesheet(page):
    res, html = page
    (css,) = html.styles
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    csp = res.headers["Content-Security-Policy"]
    assert f"style-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "form-action 'self'" in csp
    assert "script-src" not in csp and "unsafe" not in csp


def test_every_endpoint_has_a_runnable_example(page):
    _, html = page
    forms = {form["action"]: form for form in html.forms}
    assert forms["/api/tiktok/statistic"]["inputs"] == {"url": VIDEO_URL}
    assert forms["/api/tiktok/downloader"]["inputs"] == {"url": VIDEO_URL}
    assert forms["/api/tiktok/slides"]["inputs"] == {"url": PHOTO_URL}
    assert forms["/healthz"]["inputs"] == {}
    assert all(form["method"] == "get" for form in html.forms)


def test_runnable_example_really_runs(client, upstream, fixture, page):
    _, html = page
    form = next(f for f in html.forms if f["action"] == "/api/tiktok/statistic")
    post_id = "7608826249200356630"
    upstream.get(post_url(post_id), body=fixture(f"video-page-camillebrown-{post_id}.html"))
    res = client.get(form["action"], query_string=form["inputs"])
    assert res.status_code == 200
    assert res.json["data"]["id"] == post_id


def test_aliases_and_curl_examples_are_shown(page):
    res, _ = page
    text = res.get_data(as_text=True)
    assert "<code>/api/tiktok/statistics</code>, <code>/api/tiktok/stats</code>" in text
    assert "<code>/api/tiktok/images</code>, <code>/api/tiktokslide/downloader</code>" in text
    curls = re.findall(r"curl -s '(http://localhost[^']+)'", text)
    assert "http://localhost/healthz" in curls
    statistic = next(c for c in curls if "/api/tiktok/statistic?" in c)
    assert parse_qs(urlsplit(statistic).query) == {"url": [VIDEO_URL]}


def test_error_catalog_is_listed(page):
    res, _ = page
    text = res.get_data(as_text=True)
    for status, slug in [(400, "invalid_url"), (422, "not_a_slideshow"), (503, "not_ready")]:
        assert f"<td>{status}</td><td><code>{slug}</code></td>" in text


def test_backticks_become_code_and_text_is_escaped(page):
    res, _ = page
    text = res.get_data(as_text=True)
    assert "refused with <code>not_a_slideshow</code>" in text
    assert "<td>422</td><td><code>not_a_post</code> This TikTok link" in text
    assert "`" not in text


def test_code_filter_escapes_before_marking_up():
    assert str(code_spans("use `<b>` & <i>")) == "use <code>&lt;b&gt;</code> &amp; &lt;i&gt;"
