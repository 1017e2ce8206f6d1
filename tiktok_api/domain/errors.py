"""The error types: an HTTP status, a stable slug and one sentence each; they render nothing."""


class APIError(Exception):
    """An error with an HTTP status, a stable slug and one human sentence."""

    status = 500
    slug = "internal_error"
    message = "Something went wrong on our side."
    retry_after: int | None = None
    headers: dict[str, str] | None = None
    # Seconds a cache may keep this answer (a missing post, read a moment ago); None: never.
    max_age: int | None = None

    def __init__(self, message: str | None = None, *, retry_after: int | None = None):
        super().__init__(message or self.message)
        if message:
            self.message = message
        if retry_after is not None:
            self.retry_after = retry_after


class MissingParameter(APIError):
    status, slug, message = 400, "missing_parameter", "A required query parameter is missing."


class InvalidURL(APIError):
    status, slug, message = 400, "invalid_url", "This is not a link to a TikTok post."


class PostNotFound(APIError):
    status, slug, message = 404, "post_not_found", "This post does not exist or was deleted."


class PostPrivate(APIError):
    status, slug, message = 403, "post_private", "This post is private."


class LoginRequired(APIError):
    status, slug, message = 403, "login_required", "TikTok shows this post only to logged-in users."


class RegionBlocked(APIError):
    status, slug, message = 451, "region_blocked", "TikTok does not show this post in our region."


class NotAPost(APIError):
    status, slug, message = 422, "not_a_post", "This TikTok link does not point to a post."


class NotASlideshow(APIError):
    status, slug, message = 422, "not_a_slideshow", "This post is a video, not a slideshow."


class InvalidUsername(APIError):
    status, slug, message = 400, "invalid_username", "Not a TikTok username or profile link."


class InvalidParameter(APIError):
    status, slug, message = 400, "invalid_parameter", "A query parameter has an unaccepted value."


class UserNotFound(APIError):
    status, slug, message = 404, "user_not_found", "This account does not exist or was banned."


class UserPrivate(APIError):
    status, slug, message = 403, "user_private", "This TikTok account is private."


class UserUnavailable(APIError):
    status, slug, message = 404, "user_unavailable", "TikTok does not show this account's posts."


class NoPosts(APIError):
    status, slug, message = 404, "no_posts", "This account has no public posts to choose from."


class UpstreamError(APIError):
    status, slug, message = 502, "upstream_error", "TikTok sent an answer we could not read."


class NoPostData(UpstreamError):
    """A post page TikTok served without usable post data (a layout we cannot read)."""

    message = "TikTok's page carried no post data."


class UpstreamUnavailable(APIError):
    status, slug, message = 502, "upstream_unavailable", "Could not connect to TikTok."


class UpstreamRateLimited(APIError):
    status, slug, message = 503, "upstream_rate_limited", "TikTok is rate-limiting us; retry later."
    retry_after = 60


class UpstreamBlocked(APIError):
    status, slug, message = 503, "upstream_blocked", "TikTok's bot check blocked the request."
    retry_after = 60


class UpstreamBusy(APIError):
    status, slug, message = (
        503,
        "upstream_busy",
        "TikTok has been refusing us, so we paused asking it for a while; retry later.",
    )
    retry_after = 30


class UpstreamTimeout(APIError):
    status, slug, message = 504, "upstream_timeout", "TikTok did not answer in time."


class MediaNotFound(APIError):
    status, slug, message = 404, "media_not_found", "This post has no such file."


class MediaUnavailable(APIError):
    status, slug, message = 502, "media_unavailable", "TikTok's CDN did not hand out this file."


class MediaTooLarge(APIError):
    status, slug, message = 502, "media_too_large", "This file is larger than we stream."


class MediaBusy(APIError):
    status, slug, message = 503, "media_busy", "Too many files are streaming right now; retry soon."
    retry_after = 5


class RangeNotSatisfiable(APIError):
    status, slug, message = 416, "range_not_satisfiable", "The requested range is not in the file."

    def __init__(self, content_range: str | None = None):
        super().__init__()
        self.headers = {"Content-Range": content_range} if content_range else {}


class InvalidHost(APIError):
    status, slug, message = (
        400,
        "invalid_host",
        "The request's host or scheme cannot make our links.",
    )


class BadRequest(APIError):
    status, slug, message = 400, "bad_request", "The HTTP request is malformed."


class URITooLong(APIError):
    status, slug, message = 414, "uri_too_long", "The request line is longer than we accept."


class HeadersTooLarge(APIError):
    status, slug, message = (
        431,
        "headers_too_large",
        "The request has too many headers, or one longer than we accept.",
    )


class RateLimited(APIError):
    status, slug, message = (
        429,
        "rate_limited",
        "Too many requests from this client; retry after Retry-After seconds.",
    )
    retry_after = 60


class Unauthorized(APIError):
    status, slug, message = 401, "unauthorized", "This address needs the metrics bearer token."


class NotReady(APIError):
    status, slug, message = 503, "not_ready", "The service is not ready to serve requests."


HTTP_SLUGS = {
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This method is not allowed here; use GET."),
}
