"""The command line end to end: `python -m tiktok_api` and the `tiktok-api` script read the
stand-in the way the server does and download a video into a folder, resuming a partial one."""

import json
import os
import subprocess
import sys
from pathlib import Path

from .standin.cdn import MEDIA_SIZE

VIDEO = "7608826249200356630"
LINK = f"https://www.tiktok.com/@_/video/{VIDEO}"
REPO = Path(__file__).resolve().parents[2]


def cli(standin, *argv: str, script: bool = False) -> subprocess.CompletedProcess:
    """Run the command line with the stand-in as TikTok (its proxy and CA), nothing else set."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env |= standin.service_env() | {"UPSTREAM_RETRIES": "0"}
    command = (
        [str(Path(sys.executable).with_name("tiktok-api"))]
        if script
        else [sys.executable, "-m", "tiktok_api"]
    )
    return subprocess.run(
        [*command, *argv], capture_output=True, text=True, env=env, cwd=REPO, timeout=60
    )


def test_download_saves_the_video_and_prints_the_data(standin, tmp_path):
    done = cli(standin, "download", LINK, "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    (saved,) = data["saved"]
    assert Path(saved).parent == tmp_path and saved.endswith(f"_{VIDEO}.mp4")
    assert Path(saved).stat().st_size == MEDIA_SIZE
    assert data["id"] == VIDEO and data["media"]["renditions"]
    assert standin.foreign() == []


def test_the_script_resumes_a_partial_download(standin, tmp_path):
    first = cli(standin, "download", LINK, "-o", str(tmp_path), script=True)
    assert first.returncode == 0, first.stderr
    (saved,) = json.loads(first.stdout)["saved"]
    whole = Path(saved).read_bytes()
    part = Path(saved + ".part")
    Path(saved).rename(part)
    part.write_bytes(whole[:100_000])
    standin.reset()
    again = cli(standin, "download", LINK, "-o", str(tmp_path), script=True)
    assert again.returncode == 0, again.stderr
    assert Path(saved).read_bytes() == whole and not part.exists()
    ranges = [e["range"] for e in standin.requests() if e["range"]]
    assert ranges == ["bytes=100000-"]


def test_an_error_is_one_line_without_a_traceback(standin):
    done = cli(standin, "stats", "https://www.tiktok.com/@_/video/7000000000000000001")
    assert done.returncode == 1
    assert done.stderr.startswith("tiktok-api: post_not_found: ") and "Traceback" not in done.stderr
    assert done.stdout == ""
