"""The facade the views call: a pasted link or username in, a domain Post out."""

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests

from .domain.draw import draw_post, parse_post_type
from .domain.embed_data import EmbedRefused
from .domain.links import ShortLink, parse_link
from .domain.mapping import map_creator, map_post
from .domain.models import Creator, Post
from .domain.statuses import user_status_error
from .domain.usernames import parse_username
from .extractors.embed_user import fetch_creator
from .extractors.post_page import fetch_post
from .extractors.profile_page import fetch_user_status
from .extractors.short_link import resolve_short_link
from .extractors.transport import Transport
from .telemetry import note_post


@dataclass(slots=True)
class Extraction:
    """A post together with the session (cookies) that read it; media need that session."""

    post: Post
    session: requests.Session


class TikTok:
    """Reads TikTok posts through one pooled transport."""

    def __init__(self, config: Mapping[str, Any], rng: random.Random | None = None):
        self.config = config
        self.transport = Transport(config)
        self.rng = rng or random.Random()

    def post_id(self, text: str) -> str:
        """The post id a pasted link names, resolving short links (one upstream call)."""
        link = parse_link(text, self.config["MAX_INPUT_LENGTH"])
        if not isinstance(link, ShortLink):
            return link.post_id
        with self.transport.new_session() as session:
            return resolve_short_link(self.transport, session, link)

    def extract(self, post_id: str) -> Extraction:
        """Read one post by id and keep the session that read it."""
        note_post(post_id)
        raw, session = fetch_post(self.transport, post_id)
        return Extraction(map_post(raw, post_id), session)

    def post(self, text: str) -> Post:
        """The post a pasted link (or share text) names."""
        return self._read(self.post_id(text))

    def random_post(self, username: str, kind: str | None = None) -> Post:
        """A post drawn at random from a creator's newest posts (optionally of one kind)."""
        handle = parse_username(username, self.config["MAX_INPUT_LENGTH"])
        kind = parse_post_type(kind)
        creator = self.creator(handle)
        return draw_post(creator, kind, self.rng, self._read, self.config["RANDOM_MAX_READS"])

    def creator(self, handle: str) -> Creator:
        """The account and its listed posts; a refused embed is explained by the profile page."""
        try:
            return map_creator(fetch_creator(self.transport, handle))
        except EmbedRefused:
            raise user_status_error(fetch_user_status(self.transport, handle)) from None

    def _read(self, post_id: str) -> Post:
        """One post by id, its session closed (the answer carries links, not bytes)."""
        extraction = self.extract(post_id)
        extraction.session.close()
        return extraction.post
