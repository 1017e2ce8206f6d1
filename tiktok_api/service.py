"""The facade the views call: a pasted link or username in, a domain Post out; the cache in
front of TikTok lives here, so every link form and every endpoint of one post share it."""

import functools
import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from .cache.flight import SingleFlight
from .cache.reading import Policy, Reading, ReadThrough
from .cache.redis_store import RedisStore
from .cache.shared_flight import SharedFlight
from .cache.store import MemoryStore, Store
from .domain.draw import draw_post, parse_post_type
from .domain.embed_data import EmbedRefused
from .domain.errors import (
    APIError,
    LoginRequired,
    NoPostData,
    NotAPost,
    PostNotFound,
    PostPrivate,
    RegionBlocked,
    UpstreamBlocked,
    UpstreamBusy,
    UpstreamRateLimited,
    UpstreamTimeout,
    UserNotFound,
    UserPrivate,
    UserUnavailable,
)
from .domain.fallback import from_embed, from_oembed
from .domain.links import ShortLink, parse_link
from .domain.mapping import map_creator, map_post
from .domain.models import Creator, Post, Resolved
from .domain.statuses import user_status_error
from .domain.usernames import parse_username
from .extractors.embed_post import fetch_embed_post, fetch_oembed
from .extractors.embed_user import fetch_creator
from .extractors.post_page import fetch_post
from .extractors.profile_page import fetch_user_status
from .extractors.short_link import resolve_short_link
from .extractors.transport import Transport, cookie_header
from .metrics import UPSTREAM
from .shared.breaker import Breaker, MemoryState, RedisState
from .shared.redis_link import RedisLink
from .telemetry import note_post, note_reading

T = TypeVar("T")


# The page could not be read (a wall we cannot pass, a regional refusal, a page without data):
# the embed player page, then oEmbed, may still describe the post.
FALLBACK_ON = (UpstreamBlocked, RegionBlocked, NoPostData)
log = logging.getLogger(__name__)


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
        # A partial answer is kept briefly: the page itself may be readable again soon.
        "partial": Policy("partial", negative, negative, 0),
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
        url = config["REDIS_URL"]
        self.redis = RedisLink(url, config["REDIS_TIMEOUT"]) if url else None
        self.cache = ReadThrough(*self._cache_parts(store, clock), clock)
        self.breaker = Breaker(
            RedisState(self.redis) if self.redis else MemoryState(),
            config["BREAKER_THRESHOLD"],
            config["BREAKER_WINDOW"],
            config["BREAKER_COOLDOWN"],
            clock,
        )

    def _cache_parts(
        self, store: Store | None, clock: Callable[[], float]
    ) -> tuple[Store, SingleFlight | SharedFlight]:
        """The store and single-flight: shared through Redis when set, else this process's."""
        wait = self.config["CACHE_WAIT"]
        local = MemoryStore(self.config["CACHE_MAX_ITEMS"], clock)
        if store is None and self.redis is not None:
            recent = MemoryStore(self.config["CACHE_MAX_ITEMS"], clock)
            shared = RedisStore(self.redis, local, recent, self.config["CACHE_LOCAL_TTL"])
            return shared, SharedFlight(self.redis, shared, wait, clock)
        return store or local, SingleFlight(wait)

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
        """The post and its page cookies: from the cache, or one page read for every caller;
        when the page cannot be read and nothing is kept, what the embed page or oEmbed say."""
        note_post(post_id)
        policy, partial = self.policies["post"], self.policies["partial"]
        # A fresh post first; else a partial answer made a moment ago (the page was unreadable).
        kept = self.cache.fresh(policy, f"post:{post_id}") or self.cache.fresh(
            partial, f"partial:{post_id}"
        )
        if kept is not None:
            return kept
        try:
            return self.cache.read(policy, f"post:{post_id}", lambda: self._extract(post_id))
        except FALLBACK_ON as error:
            fetch = functools.partial(self._partial, post_id, error)
            return self.cache.read(partial, f"partial:{post_id}", fetch)

    def _partial(self, post_id: str, error: APIError) -> Resolved:
        """The post from its embed player page, else oEmbed; nothing there: `error` again."""
        embed = self._ask("embed", lambda: fetch_embed_post(self.transport, post_id))
        post = from_embed(embed[0], post_id) if embed else None
        source, cookies = "embed", embed[1] if embed else ""
        if post is None:
            body = self._ask("oembed", lambda: fetch_oembed(self.transport, post_id))
            post, source = (from_oembed(body, post_id) if body else None), "oembed"
        if post is None:
            raise error
        log.warning(
            "partial answer",
            extra={"post_id": post_id, "source": source, "because": error.slug},
        )
        return Resolved(post, cookies)

    def forget(self, post_id: str) -> None:
        """Drop a post whose CDN links were refused, so the next read fetches fresh ones."""
        self.cache.forget(f"post:{post_id}")

    def with_account_avatar(self, resolved: Resolved) -> Resolved:
        """A post whose page lacks its author's avatar, completed from the account's embed page
        (read once per CACHE_USER_TTL); unchanged when that fails too."""
        author = resolved.post.author
        if author.avatar or not author.unique_id:
            return resolved
        try:
            avatar = self.creator(author.unique_id).author.avatar
        except APIError:
            return resolved
        if not avatar:
            return resolved
        post = replace(resolved.post, author=replace(author, avatar=avatar))
        return replace(resolved, post=post)

    def creator(self, handle: str) -> Creator:
        """The account and its listed posts, once per TTL."""
        policy = self.policies["user"]
        return self.cache.read(policy, f"user:{handle}", lambda: self._creator(handle)).value

    def _drawn(self, post_id: str) -> Post:
        """A drawn post (a random answer: never for a cache to keep)."""
        reading = self.resolved(post_id)
        note_reading(reading.outcome, reading.age, reading.fresh_for, cacheable=False)
        return reading.value.post

    def _ask(self, kind: str, read: Callable[[], T]) -> T:
        """One read from TikTok, through the breaker, counted by kind and outcome."""
        try:
            result = self.breaker.call(read)
        except UpstreamBusy:
            raise
        except APIError as error:
            UPSTREAM.labels(kind, outcome_of(error)).inc()
            raise
        UPSTREAM.labels(kind, "ok").inc()
        return result

    def _resolve(self, link: ShortLink) -> str:
        """Ask TikTok where a short link leads."""

        def read() -> str:
            with self.transport.new_session() as session:
                return resolve_short_link(self.transport, session, link)

        return self._ask("short_link", read)

    def _extract(self, post_id: str) -> Resolved:
        """Read one post's page; keep its cookies, close its session."""

        def read() -> Resolved:
            raw, session = fetch_post(self.transport, post_id)
            try:
                return Resolved(map_post(raw, post_id), cookie_header(session.cookies))
            finally:
                session.close()

        return self._ask("page", read)

    def _creator(self, handle: str) -> Creator:
        """The creator embed page; a refusal is explained by the profile page."""

        def read() -> Creator:
            try:
                return map_creator(fetch_creator(self.transport, handle))
            except EmbedRefused:
                raise user_status_error(fetch_user_status(self.transport, handle)) from None

        return self._ask("user", read)


def outcome_of(error: APIError) -> str:
    """How a failed read from TikTok is counted: 429, wall_unsolved, timeout, 5xx or 4xx."""
    if isinstance(error, UpstreamRateLimited):
        return "429"
    if isinstance(error, UpstreamBlocked):
        return "wall_unsolved"
    if isinstance(error, UpstreamTimeout):
        return "timeout"
    return "5xx" if error.status >= 500 else "4xx"
