"""marshmallow schemas: our models -> the seed's `data` shapes."""

from typing import Any

from marshmallow import Schema, fields, post_dump

from ..media.links import link_media
from .urls import media_base

ISO_UTC = "%Y-%m-%dT%H:%M:%SZ"


class PostAuthorSchema(Schema):
    """`post_author`: the seed's id/nickname/profile (statistic) and avatar/unique_id (slides)."""

    id = fields.String(allow_none=True)
    nickname = fields.String(allow_none=True)
    profile = fields.Function(lambda author: author.avatar, allow_none=True)
    avatar = fields.String(allow_none=True)
    unique_id = fields.String(allow_none=True)
    url = fields.String(allow_none=True)


class VideoMediaSchema(Schema):
    """`media` of statistic and downloader: the sound and both video files."""

    music = fields.String(allow_none=True)
    no_watermark = fields.String(allow_none=True)
    watermark = fields.String(allow_none=True)


class RenditionSchema(Schema):
    """One quality of the video in `media.renditions`."""

    quality = fields.String(metadata={"description": "TikTok's gear name, e.g. `normal_540_0`."})
    width = fields.Integer(allow_none=True)
    height = fields.Integer(allow_none=True)
    codec = fields.String(metadata={"description": "`h264` (plays everywhere) or `h265`."})
    bitrate = fields.Integer(allow_none=True, metadata={"description": "Bits per second."})
    size = fields.Integer(allow_none=True, metadata={"description": "Bytes."})
    url = fields.String(
        metadata={"description": "Our link: `/api/tiktok/media/<id>/video/<quality>`."}
    )


class SubtitleSchema(Schema):
    """One WebVTT track in `subtitles`."""

    language = fields.String(metadata={"description": "TikTok's language code, e.g. `eng-US`."})
    source = fields.String(
        allow_none=True,
        metadata={
            "description": "`ASR` auto-captions, `MT` machine translation, `LC` the creator's."
        },
    )
    format = fields.String(metadata={"description": "Always `webvtt`."})
    url = fields.String(
        metadata={
            "description": "Our link: `/api/tiktok/media/<id>/subtitles/<language>` (text/vtt)."
        }
    )


class DownloaderMediaSchema(VideoMediaSchema):
    """`media` of the downloader: both video files, the sound, and every quality."""

    renditions = fields.List(
        fields.Nested(RenditionSchema),
        attribute="renditions",
        metadata={"description": "Every quality TikTok lists, best first; `[]` when none."},
    )


class MusicMediaSchema(Schema):
    """`media` of slides and random: the sound."""

    music = fields.String(allow_none=True)


class PostIdentitySchema(Schema):
    """What every post answer starts with: id, canonical link and kind."""

    id = fields.String()
    url = fields.String()
    type = fields.String()
    post_author = fields.Nested(PostAuthorSchema, attribute="author")
    # Filled in by the post_dump hook: TikTok's raw CDN URLs under the keys they replace.
    source = fields.Dict(
        metadata={"description": "TikTok's raw CDN URLs (signed, expiring, session-bound)."}
    )
    partial = fields.Function(
        lambda post: bool(post.missing),
        metadata={
            "description": "`true` when the post page could not be read and the answer comes "
            "from TikTok's embed player page or oEmbed instead; `false` for a full read."
        },
    )
    missing = fields.List(
        fields.String(),
        metadata={"description": "The fields of this answer a partial source could not fill."},
    )

    @post_dump
    def _media_links(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """Media fields become our own links; TikTok's raw URLs move to `source`; `missing`
        keeps the fields this answer has."""
        data["missing"] = [name for name in data["missing"] if name.split(".")[0] in data]
        return link_media(data, media_base())


class StatisticSchema(PostIdentitySchema):
    """`/api/tiktok/statistic`: statistics, media and author of one post."""

    title = fields.String(attribute="caption")
    create_time = fields.DateTime(format=ISO_UTC, allow_none=True)
    duration = fields.Integer(allow_none=True)
    region = fields.String(allow_none=True)
    hashtags = fields.List(fields.String())
    tags = fields.List(fields.String(), attribute="mentions")
    thumbnail = fields.String(attribute="media.cover", allow_none=True)
    media = fields.Nested(VideoMediaSchema)
    total_play = fields.Integer(attribute="stats.plays", allow_none=True)
    total_like = fields.Integer(attribute="stats.likes", allow_none=True)
    total_comment = fields.Integer(attribute="stats.comments", allow_none=True)
    total_share = fields.Integer(attribute="stats.shares", allow_none=True)
    total_save = fields.Integer(attribute="stats.saves", allow_none=True)
    total_download = fields.Integer(attribute="stats.downloads", allow_none=True)
    subtitles = fields.List(
        fields.Nested(SubtitleSchema),
        metadata={"description": "Every WebVTT track the page lists, in its order; `[]` if none."},
    )


class DownloaderSchema(PostIdentitySchema):
    """`/api/tiktok/downloader`: the files of one post."""

    thumbnail = fields.String(attribute="media.cover", allow_none=True)
    media = fields.Nested(DownloaderMediaSchema)
    images = fields.List(fields.String(), attribute="media.images")
    subtitles = fields.List(
        fields.Nested(SubtitleSchema),
        metadata={"description": "Every WebVTT track the page lists, in its order; `[]` if none."},
    )


class SlidesSchema(PostIdentitySchema):
    """`/api/tiktok/slides`: every still of a photo post, in order, with its sound."""

    title = fields.String(attribute="caption")
    cover = fields.String(attribute="media.cover", allow_none=True)
    images = fields.List(fields.String(), attribute="media.images")
    media = fields.Nested(MusicMediaSchema)


class RandomSchema(StatisticSchema, SlidesSchema):
    """`/api/tiktok/random`: the slides shape (cover, images) plus every statistic field.

    Fields come from both parents; where both define one (`media`, `title`), StatisticSchema's
    wins, so `media` carries the music and both video links (null for a photo post).
    """

    class Meta:
        # `cover` and `thumbnail` both read media.cover; marshmallow allows that only on dump.
        dump_only = ("cover",)
