"""The only place author / code / docs / server_time / status are set."""

from typing import Any

from flask import current_app, jsonify, request
from werkzeug.http import http_date


def _docs_url() -> str:
    """Absolute URL of the documentation section for the endpoint being served."""
    base = current_app.config["DOCS_URL"] or request.host_url.rstrip("/") + "/docs"
    section = request.blueprint
    return f"{base}#{section}" if section else base


def _frame(status: int, data: Any) -> dict[str, Any]:
    """The fields every response carries."""
    return {
        "author": current_app.config["API_AUTHOR"],
        "code": status,
        "data": data,
        "docs": _docs_url(),
        "server_time": http_date(),
        "status": "success" if status < 400 else "failed",
    }


def envelope(data: Any, status: int = 200):
    """A success response holding `data`."""
    return jsonify(_frame(status, data)), status


def error_envelope(status: int, slug: str, message: str):
    """A failure response with a machine-readable slug and one sentence."""
    body = _frame(status, None) | {"error": slug, "message": message}
    return jsonify(body), status
