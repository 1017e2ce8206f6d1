"""Small dataclasses in our own words: Post, Author, Music, Stats, Media."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Author:
    """The creator of a post."""

    id: str | None
    unique_id: str | None
    nickname: str | None
    avatar: str | None

    @property
    def url(self) -> str | None:
        """The creator's profile page."""
        return f"https://www.tiktok.com/@{self.unique_id}" if self.unique_id else None


@dataclass(frozen=True, slots=True)
class Music:
    """The sound of a post."""

    id: str | None
    title: str | None
    author_name: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Stats:
    """Engagement counts; None where TikTok gives no number."""

    plays: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None
    downloads: int | None = None


@dataclass(frozen=True, slots=True)
class Rendition:
    """One quality of a video (TikTok's `bitrateInfo` gear)."""

    quality: str
    width: int | None
    height: int | None
    codec: str
    bitrate: int | None
    size: int | None
    url: str


@dataclass(frozen=True, slots=True)
class Subtitle:
    """One WebVTT track of a video: auto-captions (ASR), a machine translation (MT) or the
    creator's own (LC)."""

    language: str
    source: str | None
    format: str
    url: str


@dataclass(frozen=True, slots=True)
class Media:
    """Where the post's media live on TikTok's CDN."""

    no_watermark: str | None = None
    watermark: str | None = None
    music: str | None = None
    cover: str | None = None
    images: list[str] = field(default_factory=list)
    # Every quality of the video, best first.
    renditions: list[Rendition] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Post:
    """One TikTok post (video or photo slideshow)."""

    id: str
    type: str
    caption: str
    create_time: datetime | None
    duration: int | None
    region: str | None
    hashtags: list[str]
    mentions: list[str]
    author: Author
    music: Music
    stats: Stats
    media: Media
    subtitles: list[Subtitle] = field(default_factory=list)
    # Answer fields a fallback source (embed page, oEmbed) could not fill; empty: a full read.
    missing: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        """The canonical link of the post."""
        handle = self.author.unique_id or "_"
        return f"https://www.tiktok.com/@{handle}/{self.type}/{self.id}"

    @property
    def is_photo(self) -> bool:
        """True for a photo slideshow."""
        return self.type == "photo"


@dataclass(frozen=True, slots=True)
class ListedPost:
    """A post as a creator's post list shows it: its id and kind, nothing more."""

    id: str
    type: str


@dataclass(frozen=True, slots=True)
class Creator:
    """A TikTok account and its newest posts, newest first (a pinned post may lead)."""

    author: Author
    private: bool
    posts: list[ListedPost]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A post and the cookies of the page that listed it (its CDN links need them)."""

    post: Post
    cookies: str
