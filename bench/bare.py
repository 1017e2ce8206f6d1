"""The yardsticks for a cache hit: bare Flask endpoints answering fixed JSON bytes.

Served by gunicorn exactly as the service is (same gunicorn.conf.py): BARE_BODY_FILE names the
file whose bytes they answer (a real answer of the service, captured by bench/capacity.py);
BARE_HEADERS_FILE a JSON list of that answer's own headers, which the second route answers
too, fixed, so the cost of the headers an answer must carry is told apart from the rest.
"""

import json
import os
from pathlib import Path

from flask import Flask, Response

app = Flask(__name__)
BODY = Path(os.environ["BARE_BODY_FILE"]).read_bytes()
HEADERS = [tuple(pair) for pair in json.loads(Path(os.environ["BARE_HEADERS_FILE"]).read_text())]


@app.get("/api/tiktok/statistic")
def statistic() -> Response:
    """The same JSON the service answered, as it is."""
    return Response(BODY, mimetype="application/json")


@app.get("/same-headers/api/tiktok/statistic")
def statistic_with_headers() -> Response:
    """The same JSON with the same headers the service answered."""
    return Response(BODY, mimetype="application/json", headers=HEADERS)
