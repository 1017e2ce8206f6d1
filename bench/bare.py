"""The yardstick for a cache hit: a bare Flask endpoint answering fixed JSON bytes.

Served by gunicorn exactly as the service is (same gunicorn.conf.py): BARE_BODY_FILE names the
file whose bytes it answers (a real answer of the service, captured by bench/capacity.py).
"""

import os
from pathlib import Path

from flask import Flask, Response

app = Flask(__name__)
BODY = Path(os.environ["BARE_BODY_FILE"]).read_bytes()


@app.get("/api/tiktok/statistic")
def statistic() -> Response:
    """The same JSON the service answered, as it is."""
    return Response(BODY, mimetype="application/json")
