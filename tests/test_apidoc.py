"""A new blueprint documents itself with one decorator: path parameters, files, its own errors."""

import pytest
from conftest import build_app
from contract import ContractError
from flask import Blueprint, Response
from openapi_spec_validator import validate

from tiktok_api.domain.errors import PostNotFound
from tiktok_api.openapi.apidoc import Doc, documented

POST_ID = "7608826249200356630"


@pytest.fixture
def media_app():
    """The app with one more blueprint of the kind a file endpoint would add."""
    bp = Blueprint("media_example", __name__)

    @bp.get("/api/tiktok/example/<post_id>/<any(video, audio):kind>")
    @documented(
        Doc(
            summary="One file of a post.",
            errors=(PostNotFound,),
            media_types=("video/mp4", "audio/mpeg"),
            path_params={"post_id": "The post's id.", "kind": "Which file."},
            example_path={"post_id": POST_ID, "kind": "video"},
        )
    )
    def media(post_id, kind):
        if post_id == "0":
            raise PostNotFound()
        return Response(b"\x00\x00\x00\x18ftypmp42", mimetype="video/mp4")

    app = build_app()
    app.register_blueprint(bp)
    return app


def test_path_parameters_come_from_the_route_converters(media_app):
    spec = media_app.test_client().get("/openapi.json").json
    validate(spec)
    operation = spec["paths"]["/api/tiktok/example/{post_id}/{kind}"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert params["kind"]["schema"] == {"type": "string", "enum": ["audio", "video"]}
    assert params["post_id"]["schema"] == {"type": "string", "pattern": "^[^/]{1,}$"}
    assert (params["post_id"]["example"], params["kind"]["description"]) == (POST_ID, "Which file.")
    assert set(operation["responses"]["200"]["content"]) == {"video/mp4", "audio/mpeg"}
    slugs = operation["responses"]["404"]["content"]["application/json"]["schema"]["allOf"][1]
    assert slugs["properties"]["error"]["enum"] == ["not_found", "post_not_found"]
    assert operation["tags"] == ["media_example"]


def test_file_answers_and_their_errors_pass_the_contract(media_app):
    client = media_app.test_client()
    assert client.get(f"/api/tiktok/example/{POST_ID}/video").mimetype == "video/mp4"
    assert client.get("/api/tiktok/example/0/audio").json["error"] == "post_not_found"
    assert client.get(f"/api/tiktok/example/{POST_ID}/image").json["error"] == "not_found"


def test_docs_page_links_the_example_file(media_app):
    html = media_app.test_client().get("/docs").get_data(as_text=True)
    assert 'id="media_example"' in html
    assert f'<a href="/api/tiktok/example/{POST_ID}/video">Run the example</a>' in html


def test_an_undocumented_route_breaks_the_contract():
    app = build_app()
    app.add_url_rule("/api/tiktok/secret", "secret", lambda: {"x": 1})
    with pytest.raises(ContractError, match="route is not in the spec"):
        app.test_client().get("/api/tiktok/secret")
