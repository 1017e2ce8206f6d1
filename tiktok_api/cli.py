"""The command line: the same reader as the API, no server. `python -m tiktok_api --help`."""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from .config import ConfigError, checked, load_config
from .domain.errors import APIError, MediaUnavailable
from .domain.media_kinds import (
    content_type,
    download_name,
    extension,
    parse_quality,
    pick_rendition,
    rendition_kind,
    slide_kind,
    subtitle_kind,
)
from .domain.models import Post
from .media.upstream import MediaSource
from .service import TikTok

CHUNK = 256 * 1024
PART = ".part"


class Reader:
    """The service facade and the media source, built once from the environment's settings."""

    def __init__(self) -> None:
        config = checked(load_config())
        self.tiktok = TikTok(config)
        self.media = MediaSource(config, self.tiktok)

    def post(self, link: str) -> Post:
        """The post a link names."""
        return self.tiktok.post(link)


def dump(schema_name: str, post: Post) -> dict[str, Any]:
    """The answer's `data` for a post, with TikTok's own URLs (there is no server to link to)."""
    from .api import schemas

    return getattr(schemas, schema_name)().dump(post)


def save(reader: Reader, post: Post, kind: str, folder: Path, progress: bool) -> Path:
    """Download one file of the post into `folder`, resuming a `.part` file with Range."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = download_name(post, kind, "x")[:-2]
    parts = sorted(folder.glob(f"{stem}.*{PART}"))
    offset = parts[0].stat().st_size if parts else 0
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    response, post = reader.media.open(post.id, kind, headers)
    with response:
        kind_type = content_type(response.headers.get("Content-Type"), kind)
        final = folder / download_name(post, kind, extension(kind_type, kind))
        if response.status_code != 206:  # a whole file: start over
            offset = 0
        part = final.with_name(final.name + PART)
        if parts and parts[0] != part:
            parts[0].rename(part)
        total = _total(response, offset)
        with (
            part.open("ab" if offset else "wb") as out,
            _bar(total, offset, final.name, progress) as bar,
        ):
            for chunk in response.raw.stream(CHUNK, decode_content=False):
                out.write(chunk)
                bar.update(len(chunk))
    part.replace(final)
    return final


def _total(response, offset: int) -> int | None:
    """The whole file's size, from Content-Range or Content-Length."""
    ranged = response.headers.get("Content-Range", "")
    if "/" in ranged and ranged.rsplit("/", 1)[1].isdigit():
        return int(ranged.rsplit("/", 1)[1])
    length = response.headers.get("Content-Length", "")
    return offset + int(length) if length.isdigit() else None


def _bar(total: int | None, done: int, name: str, shown: bool):
    """A tqdm progress bar on stderr, shown only when stdout is a terminal."""
    from tqdm import tqdm

    return tqdm(
        total=total,
        initial=done,
        unit="B",
        unit_scale=True,
        desc=name,
        disable=not shown,
        file=sys.stderr,
    )


def run(args: argparse.Namespace, reader: Reader) -> dict[str, Any]:
    """One command's `data` (and the files it saved)."""
    if args.command == "stats":
        return dump("StatisticSchema", reader.post(args.link))
    if args.command == "random":
        return dump("RandomSchema", reader.tiktok.random_post(args.user, args.type))
    folder, progress = Path(args.output), sys.stdout.isatty()
    if args.command == "download":
        quality = parse_quality(args.quality)
        post = reader.post(args.link)
        data = dump("DownloaderSchema", post)
        rendition = pick_rendition(post, quality)
        kinds = (
            [slide_kind(n) for n in range(1, len(post.media.images) + 1)]
            if post.is_photo
            else [
                "video_watermark"
                if args.watermark
                else rendition_kind(rendition.quality)
                if rendition
                else "video"
            ]
        )
        kinds += ["music"] if args.music else []
    elif args.command == "slides":
        post = reader.post(args.link)
        data = dump("SlidesSchema", post)
        kinds = [slide_kind(n) for n in range(1, len(post.media.images) + 1)]
    else:  # subtitles
        post = reader.post(args.link)
        data = {"subtitles": dump("StatisticSchema", post)["subtitles"]}
        languages = [t.language for t in post.subtitles if args.language in (None, t.language)]
        if args.language and not languages:
            have = ", ".join(t.language for t in post.subtitles) or "none"
            raise MediaUnavailable(f"This post has no {args.language} subtitles (it has: {have}).")
        kinds = [subtitle_kind(language) for language in languages]
    data["saved"] = [str(save(reader, post, kind, folder, progress)) for kind in kinds]
    return data


def parser() -> argparse.ArgumentParser:
    """The commands and their options."""
    top = argparse.ArgumentParser(prog="tiktok-api", description=__doc__.split(".")[0] + ".")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--pretty", action="store_true", help="indent the JSON for people")
    commands = top.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:  # noqa: A002
        return commands.add_parser(name, help=help, parents=[common])

    stats = command("stats", "statistics, media and author of a post")
    stats.add_argument("link", help="a post link, short link or share text")
    download = command("download", "save a post's video (or its photos)")
    download.add_argument("link")
    download.add_argument("-o", "--output", default=".", help="folder (default: here)")
    download.add_argument("--watermark", action="store_true", help="the watermarked video")
    download.add_argument("--music", action="store_true", help="the sound too")
    download.add_argument("--quality", help="h264 (default), best, smallest or a height: 720")
    slides = command("slides", "save every photo of a photo post")
    slides.add_argument("link")
    slides.add_argument("-o", "--output", default=".")
    random = command("random", "a random post of an account")
    random.add_argument("user", help="a handle (@name) or profile link")
    random.add_argument("--type", choices=("photo", "video"))
    subtitles = command("subtitles", "save a video's subtitle tracks (.vtt)")
    subtitles.add_argument("link")
    subtitles.add_argument("--language", help="only this track, e.g. eng-US")
    subtitles.add_argument("-o", "--output", default=".")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; print its JSON `data`; a failure is one line on stderr and exit 1."""
    args = parser().parse_args(argv)
    try:
        data = run(args, Reader())
    except APIError as error:
        print(f"tiktok-api: {error.slug}: {error.message}", file=sys.stderr)
        return 1
    except ConfigError as error:
        print(f"tiktok-api: bad setting: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("tiktok-api: interrupted (run it again to resume a download)", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"tiktok-api: cannot write: {error}", file=sys.stderr)
        return 1
    option = orjson.OPT_INDENT_2 if args.pretty else 0
    sys.stdout.write(orjson.dumps(data, option=option).decode() + "\n")
    return 0
