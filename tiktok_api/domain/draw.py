"""Pure: the random draw among a creator's listed posts, and the post type a caller asks for."""

import dataclasses
import random
from collections.abc import Callable

from .errors import (
    InvalidParameter,
    LoginRequired,
    NoPosts,
    PostNotFound,
    PostPrivate,
    RegionBlocked,
    UserPrivate,
)
from .models import Author, Creator, Post

POST_TYPES = ("video", "photo")
# A listed post that cannot be read any more (deleted, made private, hidden here): try another.
UNREADABLE = (PostNotFound, PostPrivate, RegionBlocked, LoginRequired)


def parse_post_type(value: str | None) -> str | None:
    """`video`, `photo`, or None for no restriction; anything else is a 400."""
    value = (value or "").strip().lower()
    if not value:
        return None
    if value not in POST_TYPES:
        raise InvalidParameter("The query parameter 'type' must be 'video' or 'photo'.")
    return value


def draw_post(
    creator: Creator,
    kind: str | None,
    rng: random.Random,
    read: Callable[[str], Post],
    max_reads: int,
) -> Post:
    """One listed post (of `kind`) drawn uniformly, read in full; its kind confirmed on the read."""
    candidates = [p for p in creator.posts if kind is None or p.type == kind]
    if not candidates:
        raise _no_posts(creator, kind)
    unreadable: list[Exception] = []
    tries = rng.sample(candidates, min(len(candidates), max_reads))
    for listed in tries:
        try:
            post = read(listed.id)
        except UNREADABLE as error:
            unreadable.append(error)
            continue
        if kind is None or post.type == kind:
            return with_creator_author(post, creator.author)
    # Every try unreadable: say why; some read but of the other kind: nothing of this kind.
    raise unreadable[-1] if len(unreadable) == len(tries) else _no_posts(creator, kind)


def _no_posts(creator: Creator, kind: str | None) -> Exception:
    """Why there is nothing to draw: a private account, or no (such) posts."""
    if creator.private and not creator.posts:
        return UserPrivate()
    if kind:
        return NoPosts(f"This account has no {kind} posts among its newest posts.")
    return NoPosts()


def with_creator_author(post: Post, creator: Author) -> Post:
    """The post with author fields its page left out filled in from the account (same account)."""
    author = post.author
    same_handle = author.unique_id and author.unique_id.lower() == (creator.unique_id or "").lower()
    if not (same_handle or (author.id and author.id == creator.id)):
        return post
    missing = {
        name: getattr(creator, name)
        for name in ("id", "unique_id", "nickname", "avatar")
        if getattr(author, name) is None
    }
    return dataclasses.replace(post, author=dataclasses.replace(author, **missing))
