"""The OpenAPI description: valid 3.1, complete (every route, alias, error), honest examples."""

import pytest
from conftest import read_fixture
from contract import ContractError, _validate_body, check_response
from openapi_spec_validator import validate

from tiktok_api.domain.errors import APIError
from tiktok_api.domain.mapping import map_post
from tiktok_api.domain.page_data import find_post
from tiktok_api.openapi import openapi_path
from tiktok_api.openapi.apidoc import doc_of
from tiktok_api.openapi.catalog import error_catalog
from tiktok_api.openapi.examples import PHOTO_POST, VIDEO_POST

ALIASES = {
    "/api/tiktok/statistics": "/api/tiktok/statistic",
    "/api/tiktok/stats": "/api/tiktok/statistic",
    "/api/tiktok/images": "/api/tiktok/slides",
    "/api/tiktokslide/downloader": "/api/tiktok/slides",
}


@pytest.fixture
def spec(client):
    """The spec as the app serves it."""
    res = client.get("/openapi.json")
    assert res.status_code == 200
    return res.json


def test_spec_is_valid_openapi_31(spec):
    validate(spec)
    assert spec["openapi"] == "3.1.0"


def test_every_route_is_in_the_spec(app, spec):
    routes = {openapi_path(rule.rule) for rule in app.url_map.iter_rules()}
    assert routes == set(spec["paths"])
    for rule in app.url_map.iter_rules():
        assert doc_of(app.view_functions[rule.endpoint]) is not None, rule.rule
        assert "get" in spec["paths"][openapi_path(rule.rule)]


def test_aliases_point_at_their_main_route(spec):
    for alias, main in ALIASES.items():
        operation = spec["paths"][alias]["get"]
        assert operation["x-alias-of"] == main
        assert operation["tags"] == spec["paths"][main]["get"]["tags"]
        assert "x-alias-of" not in spec["paths"][main]["get"]


def test_operation_ids_are_unique(spec):
    ids = [item["get"]["operationId"] for item in spec["paths"].values()]
    assert len(ids) == len(set(ids)) == 20


def test_post_endpoints_take_a_required_url(spec):
    for path in ("/api/tiktok/statistic", "/api/tiktok/downloader", "/api/tiktok/slides"):
        param, *others = spec["paths"][path]["get"]["parameters"]
        assert (param["name"], param["in"], param["required"]) == ("url", "query", True)
        assert param["example"].startswith("https://www.tiktok.com/@")
        expected = [("quality", False)] if path == "/api/tiktok/downloader" else []
        assert [(p["name"], p["required"]) for p in others] == expected


def test_every_error_slug_is_in_the_catalog_with_its_status(spec):
    def subclasses(cls):
        return [cls, *(s for sub in cls.__subclasses__() for s in subclasses(sub))]

    catalog = {error.slug: error.status for error in error_catalog()}
    for error in subclasses(APIError):
        assert catalog[error.slug] == error.status
    assert catalog["not_found"] == 404 and catalog["method_not_allowed"] == 405
    slugs = spec["components"]["schemas"]["ErrorEnvelope"]["properties"]["error"]["enum"]
    assert set(slugs) == set(catalog)


@pytest.mark.parametrize(
    ("path", "status", "slugs"),
    [
        ("/api/tiktok/statistic", "400", ["invalid_host", "invalid_url", "missing_parameter"]),
        ("/api/tiktok/statistic", "404", ["post_not_found"]),
        ("/api/tiktok/statistic", "422", ["not_a_post"]),
        ("/api/tiktok/slides", "422", ["not_a_post", "not_a_slideshow"]),
        (
            "/api/tiktok/statistic",
            "503",
            ["upstream_blocked", "upstream_busy", "upstream_rate_limited"],
        ),
        ("/api/tiktok/statistic", "429", ["rate_limited"]),
        ("/metrics", "401", ["unauthorized"]),
        ("/api/tiktok/downloader", "504", ["upstream_timeout"]),
        ("/readyz", "503", ["not_ready"]),
        ("/healthz", "500", ["internal_error"]),
    ],
)
def test_errors_are_documented_per_status(spec, path, status, slugs):
    response = spec["paths"][path]["get"]["responses"][status]
    content = response["content"]["application/json"]
    assert content["schema"]["allOf"][1]["properties"]["error"]["enum"] == slugs
    assert sorted(content["examples"]) == slugs
    for slug in slugs:
        value = content["examples"][slug]["value"]
        assert (value["code"], value["error"], value["status"]) == (int(status), slug, "failed")


def test_rate_limit_answers_document_retry_after(spec):
    responses = spec["paths"]["/api/tiktok/statistic"]["get"]["responses"]
    assert set(responses["503"]["headers"]) == {"X-Request-ID", "Retry-After"}
    limit_headers = {
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "RateLimit-Policy",
    }
    assert set(responses["429"]["headers"]) == {"X-Request-ID", "Retry-After", *limit_headers}
    assert "429" not in spec["paths"]["/healthz"]["get"]["responses"]


def _examples(spec):
    """Every example in the spec with the schema it illustrates."""
    for path, item in spec["paths"].items():
        for status, response in item["get"]["responses"].items():
            content = response.get("content", {}).get("application/json", {})
            if "example" in content:
                yield f"{path} {status}", content["schema"], content["example"]
            for name, example in content.get("examples", {}).items():
                yield f"{path} {status} {name}", content["schema"], example["value"]


def test_every_example_matches_its_schema(spec):
    examples = list(_examples(spec))
    assert len(examples) > 100
    for where, schema, value in examples:
        _validate_body(spec, schema, value, where)


def test_success_examples_show_the_endpoints_data(spec):
    def example(path):
        return spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
            "example"
        ]

    statistic = example("/api/tiktok/statistic")
    assert statistic["data"]["total_play"] == 2900000
    assert statistic["docs"].endswith("/docs#statistic")
    assert example("/api/tiktok/slides")["data"]["source"]["images"] == PHOTO_POST.media.images
    downloader = example("/api/tiktok/downloader")["data"]
    assert downloader["media"]["no_watermark"] == (
        "http://localhost:8000/api/tiktok/media/7608826249200356630/video"
    )
    assert downloader["source"]["media"]["no_watermark"].startswith("https://v16-webapp-prime")
    assert example("/healthz")["data"] == {"status": "ok"}


@pytest.mark.parametrize(
    ("example", "fixture_name"),
    [
        (VIDEO_POST, "video-page-camillebrown-7608826249200356630.html"),
        (PHOTO_POST, "photo-page-reflow-iqshift-7610426235671350549.html"),
    ],
)
def test_examples_are_real_posts(example, fixture_name):
    mapped = map_post(find_post(read_fixture(fixture_name), example.id), example.id)
    assert mapped.stats == example.stats
    assert mapped.author.unique_id == example.author.unique_id
    assert mapped.author.nickname == example.author.nickname
    assert mapped.hashtags == example.hashtags
    assert mapped.create_time == example.create_time
    assert len(mapped.media.images) == len(example.media.images)


def test_contract_check_catches_a_drifting_answer(app, client, monkeypatch):
    monkeypatch.setattr("tiktok_api.api.health.envelope", lambda data: ({"status": "ok"}, 200))
    with pytest.raises(ContractError, match="body breaks the spec"):
        client.get("/healthz")


def test_contract_check_catches_an_undocumented_status(app):
    with app.test_request_context():
        response = app.response_class('{"x": 1}', status=418, mimetype="application/json")
    with pytest.raises(ContractError, match="status not documented"):
        check_response(app, "GET", "/healthz", response)
