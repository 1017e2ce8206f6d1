"""The docs page's content, read from the spec: one section per blueprint, one card per route."""

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from .catalog import ErrorDoc, error_catalog
from .envelope_schemas import EnvelopeSchema, ErrorEnvelopeSchema


@dataclass
class Operation:
    """One documented route and its aliases, as the page shows it."""

    id: str
    path: str
    summary: str
    description: str
    parameters: list[dict[str, Any]]
    responses: list[tuple[str, list[tuple[str, str]]]]
    example_query: dict[str, str]
    example_url: str
    runnable: bool
    example_response: str | None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Section:
    """One blueprint: its anchor (the envelope's `docs` points here) and its routes."""

    id: str
    description: str
    operations: list[Operation] = field(default_factory=list)


def _example_url(path: str, params: list[dict[str, Any]]) -> tuple[str, dict[str, str]]:
    """The route with its example path values filled in, and its example query."""
    query = {}
    for param in params:
        example = str(param.get("example", ""))
        if param["in"] == "path":
            path = path.replace("{" + param["name"] + "}", quote(example, safe=""))
        elif param["in"] == "query" and (param.get("required") or "example" in param):
            query[param["name"]] = example
    return (f"{path}?{urlencode(query)}" if query else path), query


def _outcomes(response: dict[str, Any]) -> list[tuple[str, str]]:
    """What one status means: each error slug with its message, or the success summary."""
    content = response.get("content", {})
    examples = (content.get("application/json") or content.get("text/html") or {}).get(
        "examples", {}
    )
    if not examples:
        return [("", response["description"])]
    return [(f"`{slug}`", example["summary"]) for slug, example in examples.items()]


def _example_response(operation: dict[str, Any]) -> str | None:
    """The success example, pretty-printed."""
    content = operation["responses"]["200"].get("content", {})
    example = content.get("application/json", {}).get("example")
    return None if example is None else json.dumps(example, indent=2, ensure_ascii=False)


def _operation(path: str, operation: dict[str, Any]) -> Operation:
    """The page's view of one spec operation."""
    params = operation.get("parameters", [])
    url, query = _example_url(path, params)
    return Operation(
        id=operation["operationId"],
        path=path,
        summary=operation.get("summary", ""),
        description=operation.get("description", ""),
        parameters=params,
        responses=[(code, _outcomes(r)) for code, r in operation["responses"].items()],
        example_query=query,
        example_url=url,
        runnable=not any(p["in"] == "path" for p in params),
        example_response=_example_response(operation),
    )


def sections(spec: dict[str, Any]) -> list[Section]:
    """The spec's tags in order, each with its routes; aliases listed under their main route."""
    by_id = {tag["name"]: Section(tag["name"], tag.get("description", "")) for tag in spec["tags"]}
    mains: dict[str, Operation] = {}
    aliases: list[tuple[str, str]] = []
    for path, item in spec["paths"].items():
        operation = item["get"]
        if "x-alias-of" in operation:
            aliases.append((operation["x-alias-of"], path))
            continue
        mains[path] = _operation(path, operation)
        by_id[operation["tags"][0]].operations.append(mains[path])
    for main, alias in aliases:
        mains[main].aliases.append(alias)
    return list(by_id.values())


def envelope_fields() -> list[tuple[str, str]]:
    """The envelope's fields and what they mean; the last two only on errors."""
    found = EnvelopeSchema().fields | {
        name: field
        for name, field in ErrorEnvelopeSchema().fields.items()
        if name in ("error", "message")
    }
    return [(name, field.metadata.get("description", "")) for name, field in found.items()]


def errors() -> list[ErrorDoc]:
    """Every error slug the API answers with."""
    return error_catalog()
