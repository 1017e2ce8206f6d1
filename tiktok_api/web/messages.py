"""One message a person understands per error slug: a title and what to do next."""

from dataclasses import dataclass

from ..domain.errors import APIError


@dataclass(frozen=True, slots=True)
class Message:
    """What the page says when something went wrong."""

    slug: str
    title: str
    text: str


BUSY = (
    "TikTok is busy",
    "TikTok is limiting how often we may ask it right now. Try again in a minute.",
)
UNREACHABLE = ("TikTok did not answer", "We could not get a proper answer from TikTok. Try again.")
MESSAGES: dict[str, tuple[str, str]] = {
    "missing_parameter": ("Paste a link first", "Paste a TikTok link into the field above."),
    "invalid_url": (
        "That is not a link to a TikTok post",
        "Paste a link like https://www.tiktok.com/@user/video/…, a vm.tiktok.com short link, "
        "or the text TikTok's Share button copies.",
    ),
    "not_a_post": (
        "That TikTok link is not a post",
        "It points to a profile, a LIVE, a sound or a tag. Open the video or photo post itself "
        "and copy its link.",
    ),
    "post_not_found": (
        "Post not found",
        "TikTok says this post does not exist: it was deleted, or the link is wrong.",
    ),
    "post_private": ("This post is private", "Only the people its author chose can see it."),
    "login_required": (
        "TikTok shows this post only to signed-in users",
        "It is age-restricted, so it cannot be shown here.",
    ),
    "region_blocked": (
        "Not available in our region",
        "TikTok does not show this post in the country our requests come from.",
    ),
    "upstream_rate_limited": BUSY,
    "upstream_busy": BUSY,
    "upstream_blocked": (
        "TikTok's bot check stopped us",
        "TikTok asked us to prove we are a person. Try again in a few minutes.",
    ),
    "upstream_timeout": ("TikTok is slow", "TikTok took too long to answer. Try again."),
    "upstream_error": UNREACHABLE,
    "upstream_unavailable": UNREACHABLE,
    "rate_limited": (
        "Slow down a little",
        "You have made many requests in a short time. Wait a moment, then try again.",
    ),
    "invalid_username": (
        "That is not a TikTok username",
        "Type a handle like @nasa, or paste a profile link.",
    ),
    "invalid_parameter": ("Choose a kind of post", "Pick any, video or photo."),
    "user_not_found": ("Account not found", "No TikTok account has this username."),
    "user_private": ("This account is private", "Its posts cannot be shown here."),
    "user_unavailable": (
        "TikTok does not show this account's posts",
        "The account may be restricted.",
    ),
    "no_posts": ("No posts to choose from", "This account has no public posts of that kind."),
    "invalid_host": ("This address is not ours", "Open the page at the service's own address."),
}


def message_for(error: APIError) -> Message:
    """The page's message for an error (its own sentence where we have no better one)."""
    title, text = MESSAGES.get(error.slug, ("Something went wrong", error.message))
    return Message(error.slug, title, text)
