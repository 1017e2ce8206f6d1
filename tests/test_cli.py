"""The command line on the same reader: JSON data out, files saved (resumed with Range), one
line and exit 1 on any error; no server, no Flask request."""

import json
from pathlib import Path

import pytest
from conftest import post_url, read_fixture
from media_support import PHOTO, VIDEO, file_bytes, mock_cdn, mock_page

from tiktok_api.cli import main
from tiktok_api.domain.mapping import map_post
from tiktok_api.domain.page_data import find_post

LINK = f"https://www.tiktok.com/@emthenutritionist/video/{VIDEO.post_id}"
PHOTO_LINK = f"https://www.tiktok.com/@iqshift/photo/{PHOTO.post_id}"


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    """No retries or backoff in these runs (the command reads the environment's settings)."""
    monkeypatch.setenv("UPSTREAM_RETRIES", "0")
    monkeypatch.setenv("UPSTREAM_BACKOFF", "0")


def run(capsys, *argv: str) -> tuple[int, dict | None, str]:
    """(exit code, the JSON printed, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def test_stats_prints_the_statistic_data_with_tiktoks_urls(capsys, upstream):
    mock_page(upstream, VIDEO)
    code, data, _ = run(capsys, "stats", LINK)
    post = VIDEO.post
    assert code == 0
    assert data["id"] == VIDEO.post_id and data["title"] == post.caption
    assert data["total_play"] == post.stats.plays
    assert data["media"]["no_watermark"] == post.media.no_watermark  # no server to link to
    assert data["partial"] is False


def test_pretty_indents(capsys, upstream):
    mock_page(upstream, VIDEO)
    main(["stats", LINK, "--pretty"])
    assert capsys.readouterr().out.startswith('{\n  "')


def test_download_saves_the_video_into_the_folder(capsys, upstream, tmp_path):
    mock_page(upstream, VIDEO)
    body = file_bytes("video")
    mock_cdn(upstream, VIDEO.post.media.no_watermark, body, "video/mp4")
    code, data, _ = run(capsys, "download", LINK, "-o", str(tmp_path))
    saved = tmp_path / f"emthenutritionist_{VIDEO.post_id}.mp4"
    assert code == 0 and data["saved"] == [str(saved)]
    assert saved.read_bytes() == body
    assert not list(tmp_path.glob("*.part"))


def test_a_partial_file_is_resumed_with_range(capsys, upstream, tmp_path):
    mock_page(upstream, VIDEO)
    body = file_bytes("video")
    url = VIDEO.post.media.no_watermark
    mock_cdn(upstream, url, body, "video/mp4")
    part = tmp_path / f"emthenutritionist_{VIDEO.post_id}.mp4.part"
    part.write_bytes(body[:70_000])
    assert run(capsys, "download", LINK, "-o", str(tmp_path))[0] == 0
    assert (tmp_path / f"emthenutritionist_{VIDEO.post_id}.mp4").read_bytes() == body
    (cdn,) = [c for c in upstream.calls if c.request.url == url]
    assert cdn.request.headers["Range"] == "bytes=70000-"


def test_music_and_quality(capsys, upstream, tmp_path):
    mock_page(upstream, VIDEO)
    post = VIDEO.post
    smallest = min(post.media.renditions, key=lambda r: r.size)
    mock_cdn(upstream, smallest.url, b"small video", "video/mp4")
    mock_cdn(upstream, post.media.music, b"ID3 sound", "audio/mpeg")
    code, data, _ = run(
        capsys, "download", LINK, "-o", str(tmp_path), "--quality", "smallest", "--music"
    )
    assert code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [
            f"emthenutritionist_{VIDEO.post_id}.mp3",
            f"emthenutritionist_{VIDEO.post_id}_{smallest.quality}.mp4",
        ]
    )


def test_slides_saves_every_photo_in_order(capsys, upstream, tmp_path):
    mock_page(upstream, PHOTO)
    post = PHOTO.post
    for n, url in enumerate(post.media.images, 1):
        mock_cdn(upstream, url, f"photo {n}".encode(), "image/jpeg")
    code, data, _ = run(capsys, "slides", PHOTO_LINK, "-o", str(tmp_path))
    assert code == 0 and len(data["saved"]) == len(post.media.images) > 1
    for n, path in enumerate(data["saved"], 1):
        assert Path(path).read_bytes() == f"photo {n}".encode()
        assert path.endswith(f"_{n}.jpg")


def test_subtitles_saves_the_track_as_vtt(capsys, upstream, tmp_path):
    mock_page(upstream, VIDEO)
    track = VIDEO.post.subtitles[0]
    mock_cdn(upstream, track.url, b"WEBVTT\n", "video/mp4")
    code, data, _ = run(
        capsys, "subtitles", LINK, "--language", track.language, "-o", str(tmp_path)
    )
    assert code == 0
    assert data["saved"] == [
        str(tmp_path / f"emthenutritionist_{VIDEO.post_id}_{track.language}.vtt")
    ]
    code, _, err = run(capsys, "subtitles", LINK, "--language", "fra-FR", "-o", str(tmp_path))
    assert code == 1 and err.startswith("tiktok-api: media_unavailable: ") and err.count("\n") == 1


def test_random_prints_a_post_of_the_account(capsys, upstream):
    from random_helpers import NASA_PHOTO, nasa_embed, photo_page

    nasa_embed(upstream)
    upstream.get(post_url(NASA_PHOTO), body=photo_page())
    code, data, _ = run(capsys, "random", "@nasa", "--type", "photo")
    assert code == 0 and data["id"] == NASA_PHOTO and data["type"] == "photo"


@pytest.mark.parametrize(
    ("argv", "slug"),
    [(["stats", "hello"], "invalid_url"), (["stats", "https://www.tiktok.com/@nasa"], "not_a_post"),
     (["download", LINK, "--quality", "ultra"], "invalid_parameter"),
     (["random", "not a user!"], "invalid_username")],
)  # fmt: skip
def test_an_error_is_one_line_and_exit_1(capsys, argv, slug):
    code, data, err = run(capsys, *argv)
    assert code == 1 and data is None
    assert err.startswith(f"tiktok-api: {slug}: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_tiktok_failing_is_its_slug(capsys, upstream):
    upstream.get(post_url(VIDEO.post_id), status=429)
    code, _, err = run(capsys, "stats", LINK)
    assert code == 1 and err.startswith("tiktok-api: upstream_rate_limited: ")


def test_a_bad_setting_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("UPSTREAM_RETRIES", "many")
    code, _, err = run(capsys, "stats", LINK)
    assert code == 1 and "UPSTREAM_RETRIES" in err and err.count("\n") == 1


def test_the_page_mapping_is_the_apis(capsys, upstream):
    mock_page(upstream, VIDEO)
    _, data, _ = run(capsys, "stats", LINK)
    post = map_post(
        find_post(read_fixture(VIDEO.name.format(VIDEO.post_id)), VIDEO.post_id), VIDEO.post_id
    )
    assert data["hashtags"] == post.hashtags
