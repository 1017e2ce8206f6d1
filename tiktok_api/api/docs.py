"""GET /openapi.json and /docs: the API's description of itself, served without any CDN."""

import base64
import hashlib
import re
from pathlib import Path

from flask import Blueprint, current_app, jsonify, render_template
from markupsafe import Markup, escape

from ..openapi import spec_of
from ..openapi.apidoc import Doc, documented
from ..openapi.page import envelope_fields, errors, sections
from .urls import public_base

TEMPLATES = Path(__file__).parent.parent / "openapi" / "templates"
bp = Blueprint("docs", __name__, template_folder=TEMPLATES)
CSS = (TEMPLATES / "docs.css").read_text()
_CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
# No script at all; the one inline stylesheet is allowed by its hash; forms post only here.
DOCS_CSP = (
    f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_CODE_SPAN = re.compile(r"`([^`]+)`")


@bp.app_template_filter("code")
def code_spans(text: str) -> Markup:
    """Escape `text`, then show its `backticked` parts as <code>."""
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", str(escape(text))))


@bp.get("/openapi.json")
@documented(
    Doc(
        summary="This API's OpenAPI 3.1 description.",
        description="Generated from the routes and their marshmallow schemas.",
        media_types=("application/json",),
        raw=True,
    )
)
def openapi_json():
    """The OpenAPI document."""
    return jsonify(spec_of(current_app) | {"servers": [{"url": public_base()}]})


@bp.get("/docs")
@documented(
    Doc(
        summary="This documentation page.",
        description="One section per endpoint, with a runnable example for each.",
        media_types=("text/html",),
        raw=True,
    )
)
def docs_page():
    """The documentation page, rendered from the spec."""
    spec = spec_of(current_app)
    html = render_template(
        "docs.html",
        spec=spec,
        css=CSS,
        envelope=envelope_fields(),
        errors=errors(),
        sections=sections(spec),
        host=public_base(),
    )
    return html, 200, {"Content-Security-Policy": DOCS_CSP}
