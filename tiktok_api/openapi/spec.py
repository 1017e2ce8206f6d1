"""OpenAPI 3.1 for the app: from app.url_map, each view's Doc and the marshmallow schemas."""

import re
import sys
from functools import cache
from typing import Any

from apispec import APISpec
from flask import Flask, g
from marshmallow import fields
from marshmallow.validate import OneOf
from werkzeug.routing import Rule

from .apidoc import Doc, doc_of
from .catalog import error_catalog
from .converter import DumpPlugin
from .envelope_schemas import ErrorEnvelopeSchema
from .operations import (
    documented_errors,
    error_responses,
    page_error_responses,
    path_parameters,
    query_parameters,
    success_response,
)

TITLE = "tiktok-api"
VERSION = "1.0.0"
OPENAPI_VERSION = "3.1.0"
DESCRIPTION = (
    "TikTok links in, clean JSON out. Every JSON answer comes in the same envelope "
    "(`author`, `code`, `data`, `docs`, `server_time`, `status`); errors add a stable `error` "
    "slug and a `message`, with `data` null. Every answer carries `X-Request-ID`; answers under "
    "`/api/` carry `Access-Control-Allow-Origin: *`."
)
HEADERS = {
    "X-Request-ID": {
        "description": "The request's id: the caller's `X-Request-ID` when sane, else a new one.",
        "required": True,
        "schema": {"type": "string", "maxLength": 128},
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "RateLimit-Limit": {
        "description": "Requests this client may make in the limit's window (RATE_LIMIT set).",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "RateLimit-Remaining": {
        "description": "Requests left in the current window.",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "RateLimit-Reset": {
        "description": "Seconds until a request is allowed again (the window moves).",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "RateLimit-Policy": {
        "description": "The limit as `<requests>;w=<window seconds>`.",
        "schema": {"type": "string"},
    },
    "ETag": {
        "description": "A validator over the answer's `data`; send it back in If-None-Match.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "`public, max-age=<seconds the post stays fresh>`; errors `no-store` "
        "(a missing post: a short `public, max-age`).",
        "schema": {"type": "string"},
    },
    "Cache-Status": {
        "description": "RFC 9211: `tiktok-api; hit`, `tiktok-api; fwd=miss; stored`, or "
        "`tiktok-api; hit; fwd=stale` when TikTok failed and the last-known post stands in.",
        "schema": {"type": "string"},
    },
    "Age": {
        "description": "Seconds since the post was read from TikTok (cached answers only).",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
}
CACHE_HEADERS = {
    name: {"$ref": f"#/components/headers/{name}"}
    for name in ("ETag", "Cache-Control", "Cache-Status", "Age")
}
NOT_MODIFIED = {
    "description": "Not modified: the post's data is still what the If-None-Match ETag names.",
    "headers": {"X-Request-ID": {"$ref": "#/components/headers/X-Request-ID"}} | CACHE_HEADERS,
}
_ARGUMENT = re.compile(r"<(?:[^<>:]+:)?([^<>]+)>")


EXAMPLE_ORIGIN = "http://localhost:8000"


def openapi_path(rule: str) -> str:
    """A werkzeug rule in OpenAPI's path syntax: `/media/<post_id>` -> `/media/{post_id}`."""
    return _ARGUMENT.sub(r"{\1}", rule)


def operation_id(method: str, rule: Rule) -> str:
    """A unique, readable id: `get_api_tiktok_stats`."""
    words = re.sub(r"[^A-Za-z0-9]+", "_", openapi_path(rule.rule)).strip("_")
    return f"{method}_{words or 'home'}"


def routes(app: Flask) -> list[tuple[str, list[Rule]]]:
    """Each endpoint with its rules, top-most route decorator first (that is the main path)."""
    grouped: dict[str, list[Rule]] = {}
    for rule in app.url_map.iter_rules():
        grouped.setdefault(rule.endpoint, []).insert(0, rule)
    return list(grouped.items())


def section_of(endpoint: str) -> str:
    """The docs section (blueprint name) an endpoint belongs to; the envelope's `docs` anchor."""
    return endpoint.rpartition(".")[0] or endpoint


@cache
def _error_envelope_schema() -> type:
    """The error envelope with `error` limited to the slugs errors.py defines."""
    catalog = error_catalog()
    table = "; ".join(f"`{e.slug}` ({e.status})" for e in catalog)
    slug = fields.String(
        validate=OneOf([e.slug for e in catalog]),
        metadata={"description": f"Stable machine-readable error slug: {table}."},
    )
    return type("ErrorEnvelopeSchema", (ErrorEnvelopeSchema,), {"error": slug})


def _operation(spec_plugin: DumpPlugin, app: Flask, doc: Doc, rule: Rule, main: Rule) -> dict:
    """The GET operation of one route."""
    section = section_of(rule.endpoint)
    path_params = path_parameters(rule, doc)
    description = doc.description
    alias = {}
    if rule is not main:
        description = f"{description}\n\nAlias of `{openapi_path(main.rule)}`.".strip()
        alias = {"x-alias-of": openapi_path(main.rule)}
    limited = doc.page or rule.rule.startswith("/api/")
    errors = documented_errors(doc, bool(path_params), limited)
    failures = (
        page_error_responses(errors) if doc.page else error_responses(errors, app.config, section)
    )
    return alias | {
        "operationId": operation_id("get", rule),
        "tags": [section],
        "summary": doc.summary,
        "description": description,
        "parameters": path_params + query_parameters(spec_plugin.converter, doc),
        "responses": _success_responses(doc, app, section) | failures,
    }


def _success_responses(doc: Doc, app: Flask, section: str) -> dict[str, Any]:
    """The 200 answer, plus the 206 of a file view that serves byte ranges."""
    ok = success_response(doc, app.config, section)
    if doc.cached:
        return {"200": ok | {"headers": ok["headers"] | CACHE_HEADERS}, "304": NOT_MODIFIED}
    if not doc.ranges:
        return {"200": ok}
    return {"200": ok, "206": ok | {"description": "One byte range of the file (Range request)."}}


def _tag(app: Flask, section: str) -> dict[str, str]:
    """A tag per blueprint, described by its module's docstring."""
    blueprint = app.blueprints.get(section)
    module = sys.modules.get(blueprint.import_name) if blueprint else None
    return {"name": section, "description": (module.__doc__ or "").strip() if module else ""}


def build_spec(app: Flask) -> dict[str, Any]:
    """The whole spec of `app`: every documented route, its parameters, answers and errors."""
    plugin = DumpPlugin()
    spec = APISpec(
        TITLE, VERSION, OPENAPI_VERSION, plugins=[plugin], info={"description": DESCRIPTION}
    )
    spec.components.schema("ErrorEnvelope", schema=_error_envelope_schema())
    for name, header in HEADERS.items():
        spec.components.header(name, header)
    sections: list[str] = []
    for endpoint, rules in routes(app):
        doc = doc_of(app.view_functions[endpoint])
        if doc is None:
            continue
        if section_of(endpoint) not in sections:
            sections.append(section_of(endpoint))
        for rule in rules:
            operation = _operation(plugin, app, doc, rule, rules[0])
            spec.path(path=openapi_path(rule.rule), operations={"get": operation})
    for section in sections:
        spec.tag(_tag(app, section))
    return spec.to_dict()


def spec_of(app: Flask) -> dict[str, Any]:
    """The app's spec, built once (the routes do not change after start)."""
    if "openapi" not in app.extensions:
        # Examples carry media links; build them against one fixed origin, not the first caller's.
        base = app.config.get("PUBLIC_BASE_URL") or EXAMPLE_ORIGIN
        # A fresh app context: the example base must not leak into the request being served.
        with app.app_context(), app.test_request_context("/", base_url=base):
            g.request_base = base
            app.extensions["openapi"] = build_spec(app)
    return app.extensions["openapi"]
