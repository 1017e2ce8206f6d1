"""One OpenAPI operation from a view's Doc: parameters, the success answer, every error."""

from collections.abc import Iterable, Mapping
from itertools import groupby
from typing import Any

from apispec.ext.marshmallow.openapi import OpenAPIConverter
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from ..domain.errors import APIError, InvalidHost, RateLimited
from .apidoc import Doc
from .catalog import ErrorDoc, from_class, routing_error
from .envelope_schemas import SERVER_TIME_EXAMPLE, envelope_for

REQUEST_ID_REF = {"$ref": "#/components/headers/X-Request-ID"}
RETRY_AFTER_REF = {"$ref": "#/components/headers/Retry-After"}
LIMIT_HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy")
ERROR_ENVELOPE_REF = "#/components/schemas/ErrorEnvelope"
RAW_SCHEMAS = {"application/json": {"type": "object"}, "text/html": {"type": "string"}}


def path_parameters(rule: Rule, doc: Doc) -> list[dict[str, Any]]:
    """The rule's own arguments (`<kind>` -> `{kind}`), typed after their converters."""
    params = []
    # werkzeug keeps a rule's converters, in path order, only in this attribute.
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            schema: dict[str, Any] = {"type": "string", "enum": sorted(converter.items)}
        elif isinstance(converter, IntegerConverter):
            schema = {"type": "integer"}
        else:
            schema = {"type": "string", "pattern": f"^{converter.regex}$"}
        param = {"name": name, "in": "path", "required": True, "schema": schema}
        if name in doc.path_params:
            param["description"] = doc.path_params[name]
        if name in doc.example_path:
            param["example"] = doc.example_path[name]
        params.append(param)
    return params


def query_parameters(converter: OpenAPIConverter, doc: Doc) -> list[dict[str, Any]]:
    """The query parameters, from the view's marshmallow query schema."""
    if doc.query is None:
        return []
    params = converter.schema2parameters(doc.query, location="query")
    for param in params:
        if param["name"] in doc.example_query:
            param["example"] = doc.example_query[param["name"]]
    return params


def frame_example(config: Mapping[str, Any], section: str, status: int, data: Any) -> dict:
    """A realistic envelope for the docs and the spec's examples."""
    base = config["DOCS_URL"] or "http://localhost:8000/docs"
    return {
        "author": config["API_AUTHOR"],
        "code": status,
        "data": data,
        "docs": f"{base}#{section}",
        "server_time": SERVER_TIME_EXAMPLE,
        "status": "success" if status < 400 else "failed",
    }


def success_response(doc: Doc, config: Mapping[str, Any], section: str) -> dict[str, Any]:
    """The 200 answer: an envelope around `data`, a file, or a raw document."""
    if doc.raw:
        content = {t: {"schema": RAW_SCHEMAS.get(t, {"type": "string"})} for t in doc.media_types}
    elif doc.media_types:
        content = {
            t: {"schema": {"type": "string", "contentMediaType": t}} for t in doc.media_types
        }
    else:
        example = frame_example(config, section, 200, doc.example_data())
        content = {"application/json": {"schema": envelope_for(doc.data), "example": example}}
    return {
        "description": doc.summary,
        "headers": {"X-Request-ID": REQUEST_ID_REF},
        "content": content,
    }


def documented_errors(doc: Doc, has_path_params: bool, limited: bool = False) -> list[ErrorDoc]:
    """The view's errors plus those any view can answer with, each once, by status; a `limited`
    route (one under /api/) may also answer 429 when RATE_LIMIT is set."""
    # Any route refuses a request whose host or scheme could not make a sound link.
    common = (APIError, InvalidHost, *((RateLimited,) if limited else ()))
    errors = {from_class(error) for error in (*doc.errors, *common)}
    if has_path_params:
        errors.add(routing_error(404))
    return sorted(errors, key=lambda error: (error.status, error.slug))


def _error_headers(status: int, group: list[ErrorDoc]) -> dict[str, Any]:
    """The headers of an error answer: its request id, Retry-After, the RateLimit-* on a 429."""
    headers = {"X-Request-ID": REQUEST_ID_REF}
    if any(error.retry_after for error in group):
        headers["Retry-After"] = RETRY_AFTER_REF
    if status == 429:
        headers |= {name: {"$ref": f"#/components/headers/{name}"} for name in LIMIT_HEADERS}
    return headers


def page_error_responses(errors: Iterable[ErrorDoc]) -> dict[str, Any]:
    """A page's errors: the page itself with its message, one response per status."""
    responses = {}
    for status, group in groupby(errors, key=lambda error: error.status):
        group = list(group)
        headers = _error_headers(status, group)
        examples = {
            error.slug: {
                "summary": error.message,
                "value": f'<div class="alert" role="alert" data-error="{error.slug}">…</div>',
            }
            for error in group
        }
        responses[str(status)] = {
            "description": "The page, its alert saying what went wrong: "
            + " / ".join(f"`{error.slug}`" for error in group),
            "headers": headers,
            "content": {"text/html": {"schema": {"type": "string"}, "examples": examples}},
        }
    return responses


def error_responses(
    errors: Iterable[ErrorDoc], config: Mapping[str, Any], section: str
) -> dict[str, Any]:
    """One response per status, its schema narrowed to that status's slugs, one example each."""
    responses = {}
    for status, group in groupby(errors, key=lambda error: error.status):
        group = list(group)
        headers = _error_headers(status, group)
        narrowed = {"properties": {"code": {"const": status}, "error": {"enum": []}}}
        narrowed["properties"]["error"]["enum"] = [error.slug for error in group]
        examples = {
            error.slug: {
                "summary": error.message,
                "value": frame_example(config, section, status, None)
                | {"error": error.slug, "message": error.message},
            }
            for error in group
        }
        responses[str(status)] = {
            "description": " / ".join(f"`{error.slug}`: {error.message}" for error in group),
            "headers": headers,
            "content": {
                "application/json": {
                    "schema": {"allOf": [{"$ref": ERROR_ENVELOPE_REF}, narrowed]},
                    "examples": examples,
                }
            },
        }
    return responses
