"""Benchmark: page -> domain objects, against a bare json.loads of the page's data script.

Run: python bench/parse.py   (or `make bench`). Prints, per page fixture, the median time of the
whole extraction (find the data script, parse it, map it) and its ratio to json.loads of that
script's text alone, measured in the same run. Target: ratio <= 1.0 on every page.
"""

import functools
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tiktok_api.domain.mapping import map_post  # noqa: E402
from tiktok_api.domain.page_data import find_post  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
PAGES = {
    "video-page-camillebrown-7608826249200356630.html": (
        "7608826249200356630",
        "__UNIVERSAL_DATA_FOR_REHYDRATION__",
    ),
    "video-page-rimineuit-7526770564367748360.html": (
        "7526770564367748360",
        "__UNIVERSAL_DATA_FOR_REHYDRATION__",
    ),
    "video-page-rendered-dom-aqilwahid-7392265874427612422.html": (
        "7392265874427612422",
        "__UNIVERSAL_DATA_FOR_REHYDRATION__",
    ),
    "video-page-reflow-cong99x-7600352599870557461.html": (
        "7600352599870557461",
        "__UNIVERSAL_DATA_FOR_REHYDRATION__",
    ),
    "photo-page-reflow-iqshift-7610426235671350549.html": (
        "7610426235671350549",
        "__UNIVERSAL_DATA_FOR_REHYDRATION__",
    ),
    "photo-page-mobile-apidata-minta1234-7631060535387163925.html": (
        "7631060535387163925",
        "api-data",
    ),
    "sigi-user-page-aladynjr-dylanlemay-2023-02.html": ("7203022122757803307", "SIGI_STATE"),
    "next-data-video-drawrowfly-6881450806688664838.html": ("6881450806688664838", "__NEXT_DATA__"),
    "next-data-video-drawrowfly-2020-03.html": ("6807491984882765062", "__NEXT_DATA__"),
    "error-video-page-10204-ca74ca.html": (
        "7276437262283859205",
        "__UNIVERSAL_DATA_FOR_REHYDRATION__",
    ),
}
ROUNDS = 200


def _seconds(action) -> float:
    """Wall time of one call."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def paired_medians(first, second, rounds: int = ROUNDS) -> tuple[float, float]:
    """Median times of two actions, run alternately so machine noise hits both alike."""
    first(), second()
    samples = [(_seconds(first), _seconds(second)) for _ in range(rounds)]
    return statistics.median(a for a, _ in samples), statistics.median(b for _, b in samples)


def script_text(page: str, script_id: str) -> str:
    """The data script's text, cut out once (not timed)."""
    pattern = rf'<script[^>]+id="{re.escape(script_id)}"[^>]*>(.*?)</script>'
    return re.search(pattern, page, re.S).group(1)


def extract(page: bytes, post_id: str) -> None:
    """What the service does with a fetched page."""
    raw = find_post(page, post_id)
    if raw.item:
        map_post(raw, post_id)


def main() -> int:
    """Print a table and return 1 if any page misses the target."""
    print(f"{'page':62} {'extract ms':>10} {'json.loads ms':>13} {'ratio':>6}")
    worst = 0.0
    for name, (post_id, script_id) in PAGES.items():
        page = (FIXTURES / name).read_bytes()
        text = script_text(page.decode("utf-8"), script_id)
        floor, ours = paired_medians(
            functools.partial(json.loads, text), functools.partial(extract, page, post_id)
        )
        ratio = ours / floor
        worst = max(worst, ratio)
        print(f"{name[:62]:62} {ours * 1e3:10.3f} {floor * 1e3:13.3f} {ratio:6.2f}")
    print(f"worst ratio {worst:.2f} (target <= 1.0)")
    return 0 if worst <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
