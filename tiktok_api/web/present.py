"""A domain Post as the page shows it: compact counts, a duration, our download links (always
same-origin paths: the page loads nothing from anywhere else)."""

from dataclasses import dataclass

from ..domain.media_kinds import ZIP_KIND, download_name, slide_kind
from ..domain.models import Post
from ..media.links import MEDIA_PATH

UNITS = ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K"))


@dataclass(frozen=True, slots=True)
class Count:
    """One engagement count: its label, compact figure and exact figure."""

    label: str
    short: str
    exact: str


@dataclass(frozen=True, slots=True)
class Download:
    """A download button: what it gets, our link, the file name it saves as."""

    label: str
    href: str
    filename: str


@dataclass(frozen=True, slots=True)
class Slide:
    """One still of a photo post: shown, and downloadable."""

    number: int
    src: str
    download: Download


@dataclass(frozen=True, slots=True)
class PostView:
    """Everything the page shows of one post."""

    id: str
    is_photo: bool
    caption: str
    url: str
    nickname: str
    handle: str | None
    profile_url: str | None
    avatar: str | None
    cover: str | None
    counts: list[Count]
    duration: str | None
    music: str | None
    downloads: list[Download]
    slides: list[Slide]


def compact(number: int | None) -> str:
    """6400000 -> 6.4M, 12345 -> 12.3K, 999 -> 999; None -> a dash."""
    if number is None:
        return "–"
    for index, (size, unit) in enumerate(UNITS):
        if number >= size:
            value = number / size
            text = f"{value:.1f}".removesuffix(".0") if value < 100 else f"{value:.0f}"
            if text == "1000" and index > 0:
                return f"1{UNITS[index - 1][1]}"
            return text + unit
    return str(number)


def exact(number: int | None) -> str:
    """6400000 -> 6,400,000; None -> why there is no figure."""
    return f"{number:,}" if number is not None else "TikTok gives no figure"


def duration(seconds: int | None) -> str | None:
    """42 -> 0:42, 3725 -> 1:02:05."""
    if not seconds:
        return None
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def media_path(post: Post, kind: str, download: bool = False) -> str:
    """Our same-origin link to one file of the post."""
    return f"{MEDIA_PATH}/{post.id}/{kind}" + ("?download=1" if download else "")


def _download(post: Post, kind: str, label: str, ext: str) -> Download:
    """A download button for one kind of file."""
    return Download(label, media_path(post, kind, True), download_name(post, kind, ext))


def downloads(post: Post) -> list[Download]:
    """The post's files, the video without watermark first."""
    media, found = post.media, []
    if media.no_watermark:
        found.append(_download(post, "video", "Video without watermark", "mp4"))
    if media.watermark:
        found.append(_download(post, "video_watermark", "Video with watermark", "mp4"))
    if media.images:
        found.append(_download(post, ZIP_KIND, f"All {len(media.images)} photos (zip)", "zip"))
    if media.music:
        found.append(_download(post, "music", "Music", "mp3"))
    if media.cover:
        found.append(_download(post, "cover", "Cover", "jpg"))
    return found


def slides(post: Post) -> list[Slide]:
    """Every still of a photo post, in order."""
    kinds = [(n, slide_kind(n)) for n in range(1, len(post.media.images) + 1)]
    return [
        Slide(n, media_path(post, kind), _download(post, kind, f"Photo {n}", "jpg"))
        for n, kind in kinds
    ]


def present(post: Post) -> PostView:
    """The page's view of a post."""
    stats, author = post.stats, post.author
    figures = (
        ("Plays", stats.plays),
        ("Likes", stats.likes),
        ("Comments", stats.comments),
        ("Shares", stats.shares),
        ("Saves", stats.saves),
    )
    return PostView(
        id=post.id,
        is_photo=post.is_photo,
        caption=post.caption,
        url=post.url,
        nickname=author.nickname or author.unique_id or "Unknown author",
        handle=author.unique_id,
        profile_url=author.url,
        avatar=media_path(post, "avatar") if author.avatar else None,
        cover=media_path(post, "cover") if post.media.cover else None,
        counts=[Count(label, compact(n), exact(n)) for label, n in figures],
        duration=duration(post.duration),
        music=post.music.title,
        downloads=downloads(post),
        slides=slides(post),
    )
