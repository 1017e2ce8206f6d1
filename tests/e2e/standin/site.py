"""TikTok as the stand-in plays it: post pages, short links, profiles, embeds and CDN media."""

import json
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import formatdate
from urllib.parse import parse_qs, urlsplit

from .catalogue import Catalogue
from .cdn import MEDIA_SIZE, file_key, media_type, ranged
from .faults import Context, apply_fault
from .hosts import PAGE_HOSTS, SHORT_HOSTS
from .replies import Reply, html, redirect
from .state import State
from .waf import Challenge

HOME = "https://www.tiktok.com/?_r=1"
POST_PATH = re.compile(r"^/@[^/]*/(?:video|photo)/(\d+)/?$")
SHORT_PATH = re.compile(r"^/([A-Za-z0-9_-]+)/?$")
T_PATH = re.compile(r"^/t/([A-Za-z0-9_-]+)/?$")
PROFILE_PATH = re.compile(r"^/@([^/]+)/?$")
EMBED_PATH = re.compile(r"^/embed/@([^/]+)/?$")
POST_EMBED_PATH = re.compile(r"^/embed/v2/(\d+)/?$")
OEMBED_PATH = re.compile(r"^/(oembed)$")
OEMBED_ID = re.compile(r"/video/(\d{19})")
ACCESS_DENIED = b"<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>Access Denied</BODY></HTML>"


UNIVERSAL_DATA = re.compile(
    rb'(<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">)(.*?)(</script>)',
    re.S,
)


def with_caption(page: bytes, caption: str) -> bytes:
    """A universal-data post page whose item carries another caption (JSON-escaped, as TikTok
    escapes `<` inside its data script)."""

    def replace(match: re.Match) -> bytes:
        data = json.loads(match.group(2))
        data["__DEFAULT_SCOPE__"]["webapp.video-detail"]["itemInfo"]["itemStruct"]["desc"] = caption
        text = json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")
        return match.group(1) + text.encode() + match.group(3)

    return UNIVERSAL_DATA.sub(replace, page, count=1)


@dataclass(frozen=True, slots=True)
class Request:
    """One request as the stand-in sees it, TLS already removed."""

    scheme: str
    host: str
    method: str
    target: str
    headers: Mapping[str, str]
    cookies: Mapping[str, str]

    @property
    def url(self) -> str:
        """The absolute URL asked for."""
        return f"{self.scheme}://{self.host}{self.target}"


def _cookie(name: str, value: str, days: int) -> tuple[str, str]:
    """A Set-Cookie header as TikTok sends it: one per cookie, an Expires date with a comma."""
    expires = formatdate(time.time() + days * 86400, usegmt=True)
    attributes = f"Domain=.tiktok.com; Path=/; Expires={expires}; Secure; HttpOnly"
    return ("Set-Cookie", f"{name}={value}; {attributes}")


class Site:
    """Routes a request by host and path to the answer TikTok would give."""

    def __init__(self, catalogue: Catalogue, state: State) -> None:
        self.catalogue, self.state = catalogue, state
        self.challenge = Challenge(catalogue.waf_page)

    def respond(self, request: Request) -> Reply:
        """The answer for one request."""
        path = urlsplit(request.target).path
        if request.host in SHORT_HOSTS:
            match = SHORT_PATH.match(path)
            return self.short_link(request, match.group(1)) if match else redirect(HOME)
        if request.host not in PAGE_HOSTS or path.startswith("/aweme/v1/play"):
            return self.media(request)
        for pattern, route in (
            (T_PATH, self.short_link),
            (POST_PATH, self.post_page),
            (EMBED_PATH, self.embed_page),
            (POST_EMBED_PATH, self.post_embed_page),
            (OEMBED_PATH, self.oembed),
            (PROFILE_PATH, self.profile_page),
        ):
            match = pattern.match(path)
            if match:
                return route(request, match.group(1))
        if path in ("", "/"):
            return html(b"<!DOCTYPE html><html><head><title>TikTok</title></head></html>")
        return html(b"<html><body>Page not available</body></html>", 404)

    def _faulted(self, key: str, request: Request, normal: Reply) -> Reply:
        """The normal answer, unless a test injected a fault for this key."""
        fault = self.state.fault(key)
        if fault is None:
            return normal
        context = Context(request.url, request.cookies, normal, self.challenge)
        return apply_fault(fault, context) or normal

    def session_cookies(self) -> list[tuple[str, str]]:
        """The cookies a page sets; the chain token is remembered to check media requests."""
        token = secrets.token_urlsafe(24)
        self.state.issue_token(token)
        return [_cookie("tt_chain_token", token, 180), _cookie("ttwid", "1%7C" + token[:20], 365)]

    def post_page(self, request: Request, post_id: str) -> Reply:
        """A post's page in its captured layout (the 10204 page for an unknown id); a clone is
        its template's page under its own id. Pages come after the latency set, if any."""
        if self.state.latency:
            time.sleep(self.state.latency)
        template = self.state.clone_of(post_id)
        body, content_type = self.catalogue.post_page(template or post_id)
        if template:
            body = body.replace(template.encode(), post_id.encode())
        caption = self.state.caption_of(post_id)
        if caption is not None:
            body = with_caption(body, caption)
        normal = Reply(200, [("Content-Type", content_type), *self.session_cookies()], body)
        return self._faulted(f"post:{post_id}", request, normal)

    def short_link(self, request: Request, code: str) -> Reply:
        """301 to the post a code names (Lite codes to the i18n share page); unknown: home."""
        post = self.catalogue.codes.get(code)
        if post is None:
            normal = redirect(HOME)
        elif request.host == "lite.tiktok.com":
            normal = redirect(f"https://t.tiktok.com/i18n/share/video/{post.post_id}/?_r=1")
        else:
            kind = "photo" if post.photo else "video"
            target = f"https://www.tiktok.com/@{post.author}/{kind}/{post.post_id}"
            normal = redirect(f"{target}?_r=1&_t=ZS-{code[2:12]}")
        return self._faulted(f"short:{code}", request, normal)

    def profile_page(self, request: Request, user: str) -> Reply:
        """A captured profile page; TikTok's 10221 'user banned' data for an unknown handle."""
        body = self.catalogue.profiles.get(user) or self.catalogue.no_such_user
        return self._faulted(f"user:{user}", request, html(body, headers=self.session_cookies()))

    def embed_page(self, request: Request, user: str) -> Reply:
        """A creator embed page; HTTP 400 for an unknown (or private) handle, as TikTok answers."""
        body = self.catalogue.embeds.get(user)
        normal = html(body) if body else Reply(400, [("Content-Type", "text/html")])
        return self._faulted(f"embed:{user}", request, normal)

    def post_embed_page(self, request: Request, post_id: str) -> Reply:
        """A post's embed player page (captured ones only); 404 for any other post."""
        body = self.catalogue.post_embeds.get(post_id)
        normal = html(body) if body else html(b"<html><body>Page not available</body></html>", 404)
        return self._faulted(f"embed:{post_id}", request, normal)

    def oembed(self, request: Request, _: str) -> Reply:
        """TikTok's oEmbed for a captured post; its 400 JSON for anything else."""
        url = parse_qs(urlsplit(request.target).query).get("url", [""])[0]
        match = OEMBED_ID.search(url)
        body = self.catalogue.oembeds.get(match.group(1)) if match else None
        if body is None:
            return Reply(
                400,
                [("Content-Type", "application/json")],
                b'{"code":400,"message":"Something went wrong"}',
            )
        return Reply(200, [("Content-Type", "application/json")], body)

    def media(self, request: Request) -> Reply:
        """CDN bytes with Range; `tk=tt_chain_token` URLs need the cookie a page of ours set."""
        parts = urlsplit(request.target)
        query = parse_qs(parts.query)
        bound = "tt_chain_token" in query.get("tk", [])
        if bound and not self.state.token_issued(request.cookies.get("tt_chain_token")):
            return html(ACCESS_DENIED, 403)
        seed = file_key(request.url)
        size = self.state.media_size(seed) or MEDIA_SIZE
        reply = ranged(seed, size, media_type(parts.path, query), request.headers.get("Range"))
        return self._faulted(f"media:{request.host}", request, reply)
