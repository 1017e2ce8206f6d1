"""The facade the views call: a pasted link or username in, a domain Post out; the cache in
front of TikTok lives here, so every link form and every endpoint of one post share it."""

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .cache.flight import SingleFlight
from .cache.reading import Policy, Reading, ReadThrough
from .cache.store import MemoryStore, Store
from .domain.draw import draw_post, parse_post_type
from .domain.embed_data import EmbedRefused
from .domain.errors import (
    LoginRequired,
    NotAPost,
    PostNotFound,
    PostPrivate,
    RegionBlocked,
    UserNotFound,
    UserPrivate,
    UserUnavailable,
)
from .domain.links import ShortLink, parse_link
from .domain.mapping import map_creator, map_post
from .domain.models import Creator, Post
from .domain.statuses import user_status_error
from .domain.usernames import parse_username
from .extractors.embed_user import fetch_creator
from .extractors.post_page import fetch_post
from .extractors.profile_page import fetch_user_status
from .extractors.short_link import resolve_short_link
from .extractors.transport import Transport, cookie_header
from .telemetry import note_post, note_reading


@dataclass(frozen=True, slots=True)
class Resolved:
    """A post and the cookies of the page that listed it (its CDN links need them)."""

    post: Post
    cookies: str


def cache_policies(config: Mapping[str, Any]) -> dict[str, Policy]:
    """How long each kind of reading is fresh, kept as an error, and may stand in stale."""
    negative, stale = config["CACHE_NEGATIVE_TTL"], config["CACHE_STALE_TTL"]
    return {
        "post": Policy(
            "post",
            config["CACHE_POST_TTL"],
            negative,
            stale,
            (PostNotFound, PostPrivate, RegionBlocked, LoginRequired),
        ),
        "short_link": Policy(
            "short_link", config["CACHE_SHORT_LINK_TTL"], negative, stale, (PostNotFound, NotAPost)
        ),
        "user": Policy(
            "user",
            config["CACHE_USER_TTL"],
            negative,
            stale,
            (UserNotFound, UserPrivate, UserUnavailable),
        ),
    }


class TikTok:
    """Reads TikTok through one pooled transport, and through the cache in front of it."""

    def __init__(
        self,
        config: Mapping[str, Any],
        rng: random.Random | None = None,
        store: Store | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self.config = config
        self.transport = Transport(config)
        self.rng = rng or random.Random()
        self.policies = cache_policies(config)
        self.cache = ReadThrough(
            store or MemoryStore(config["CACHE_MAX_ITEMS"], clock),
            SingleFlight(config["CACHE_WAIT"]),
            clock,
        )

    def post(self, text: str) -> Post:
        """The post a pasted link (or share text) names."""
        reading = self.resolved(self.post_id(text))
        note_reading(reading.outcome, reading.age, reading.fresh_for, cacheable=True)
        return reading.value.post

    def random_post(self, username: str, kind: str | None = None) -> Post:
        """A post drawn at random from a creator's newest posts (optionally of one kind)."""
        handle = parse_username(username, self.config["MAX_INPUT_LENGTH"])
        kind = parse_post_type(kind)
        creator = self.creator(handle)
        return draw_post(creator, kind, self.rng, self._drawn, self.config["RANDOM_MAX_READS"])

    def post_id(self, text: str) -> str:
        """The post id a pasted link names; a short link is resolved once per TTL."""
        link = parse_link(text, self.config["MAX_INPUT_LENGTH"])
        if not isinstance(link, ShortLink):
            return link.post_id
        policy = self.policies["short_link"]
        return self.cache.read(policy, f"short:{link.url}", lambda: self._resolve(link)).value

    def resolved(self, post_id: str) -> Reading:
        """The post and its page cookies: from the cache, or one page read for every caller."""
        note_post(post_id)
        policy = self.policies["post"]
        return self.cache.read(policy, f"post:{post_id}", lambda: self._extract(post_id))

    def forget(self, post_id: str) -> None:
        """Drop a post whose CDN links were refused, so the next read fetches fresh ones."""
        self.cache.forget(f"post:{post_id}")

    def creator(self, handle: str) -> Creator:
        """The account and its listed posts, once per TTL."""
        policy = self.policies["user"]
        return self.cache.read(policy, f"user:{handle}", lambda: self._creator(handle)).value

    def _drawn(self, post_id: str) -> Post:
        """A drawn post (a random answer: never for a cache to keep)."""
        reading = self.resolved(post_id)
        note_reading(reading.outcome, reading.age, reading.fresh_for, cacheable=False)
        return reading.value.post

    def _resolve(self, link: ShortLink) -> str:
        """Ask TikTok where a short link leads."""
        with self.transport.new_session() as session:
            return resolve_short_link(self.transport, session, link)

    def _extract(self, post_id: str) -> Resolved:
        """Read one post's page; keep its cookies, close its session."""
        raw, session = fetch_post(self.transport, post_id)
        try:
            return Resolved(map_post(raw, post_id), cookie_header(session.cookies))
        finally:
            session.close()

    def _creator(self, handle: str) -> Creator:
        """The creator embed page; a refusal is explained by the profile page."""
        try:
            return map_creator(fetch_creator(self.transport, handle))
        except EmbedRefused:
            raise user_status_error(fetch_user_status(self.transport, handle)) from None
