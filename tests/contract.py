"""The contract check: an answer of the app must match its own OpenAPI description."""

from typing import Any

from flask import Flask
from jsonschema import Draft202012Validator
from werkzeug.exceptions import HTTPException
from werkzeug.test import TestResponse

from tiktok_api.openapi import openapi_path, spec_of

UNROUTED_SCHEMA = {"$ref": "#/components/schemas/ErrorEnvelope"}


class ContractError(AssertionError):
    """An answer the spec does not describe."""


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` (headers, responses) to its target."""
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _validate_body(spec: dict[str, Any], schema: dict[str, Any], body: Any, where: str) -> None:
    """Validate a JSON body against a schema of the spec (its `$ref`s resolved in the spec)."""
    validator = Draft202012Validator(schema | {"components": spec["components"]})
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    if errors:
        details = "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
        raise ContractError(f"{where}: body breaks the spec: {details}")


def _documented_response(app: Flask, spec: dict, path: str, status: int) -> tuple[dict, str]:
    """The spec's response for a GET of `path` with `status`, or the generic error envelope."""
    try:
        rule, _ = app.url_map.bind("localhost").match(path, "GET", return_rule=True)
    except HTTPException:
        content = {"application/json": {"schema": UNROUTED_SCHEMA}}
        return {"content": content}, f"GET {path} (no route)"
    spec_path = openapi_path(rule.rule)
    where = f"GET {spec_path} -> {status}"
    if spec_path not in spec["paths"]:
        raise ContractError(f"{where}: route is not in the spec")
    responses = spec["paths"][spec_path]["get"]["responses"]
    if str(status) not in responses:
        raise ContractError(f"{where}: status not documented (has {sorted(responses)})")
    return _resolve(spec, responses[str(status)]), where


def check_response(app: Flask, method: str, path: str, response: TestResponse) -> None:
    """Raise ContractError unless `response` is what the spec says GET `path` answers."""
    if method != "GET":
        return  # HEAD has no body; OPTIONS is the CORS preflight, answered before routing
    spec = spec_of(app)
    documented, where = _documented_response(app, spec, path, response.status_code)
    for name, header in documented.get("headers", {}).items():
        if _resolve(spec, header).get("required") and name not in response.headers:
            raise ContractError(f"{where}: required header {name} missing")
    content = documented.get("content", {})
    if response.status_code == 304:
        if response.data:
            raise ContractError(f"{where}: a 304 carries a body")
        return
    if response.mimetype not in content:
        raise ContractError(f"{where}: content type {response.mimetype} not in {sorted(content)}")
    if response.mimetype == "application/json":
        body = response.get_json()
        _validate_body(spec, content["application/json"]["schema"], body, where)
        if isinstance(body, dict) and "code" in body and body["code"] != response.status_code:
            raise ContractError(f"{where}: envelope code {body['code']} != HTTP status")
