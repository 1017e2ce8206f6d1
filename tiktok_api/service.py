"""The TikTok facade the views call: a pasted link in, our Post out."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests

from .extractors.post_page import fetch_post
from .extractors.short_link import resolve_short_link
from .http import Transport
from .links import ShortLink, parse_link
from .mapping import map_post
from .models import Post
from .telemetry import note_post


@dataclass(slots=True)
class Extraction:
    """A post together with the session (cookies) that read it; media need that session."""

    post: Post
    session: requests.Session


class TikTok:
    """Reads TikTok posts through one pooled transport."""

    def __init__(self, config: Mapping[str, Any]):
        self.config = config
        self.transport = Transport(config)

    def post_id(self, text: str) -> str:
        """The post id a pasted link names, resolving short links (one upstream call)."""
        link = parse_link(text, self.config["MAX_INPUT_LENGTH"])
        if not isinstance(link, ShortLink):
            return link.post_id
        with self.transport.new_session() as session:
            return resolve_short_link(
                self.transport, session, link, self.config["UPSTREAM_MAX_REDIRECTS"]
            )

    def extract(self, post_id: str) -> Extraction:
        """Read one post by id and keep the session that read it."""
        note_post(post_id)
        raw, session = fetch_post(self.transport, post_id)
        return Extraction(map_post(raw, post_id), session)

    def post(self, text: str) -> Post:
        """The post a pasted link (or share text) names."""
        extraction = self.extract(self.post_id(text))
        extraction.session.close()
        return extraction.post
