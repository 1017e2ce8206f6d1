"""The envelope as marshmallow schemas, so the spec describes it the way it describes `data`."""

from functools import cache

from marshmallow import Schema, fields
from marshmallow.validate import OneOf

SERVER_TIME_EXAMPLE = "Tue, 25 Nov 2026 09:36:00 GMT"


class EnvelopeSchema(Schema):
    """The frame every JSON answer of the API comes in."""

    author = fields.String(metadata={"description": "Who runs this API."})
    code = fields.Integer(metadata={"description": "The HTTP status code, repeated."})
    data = fields.Raw(metadata={"description": "The answer; null on errors."})
    docs = fields.String(
        metadata={"description": "Link to this endpoint's section of the documentation."}
    )
    server_time = fields.String(
        metadata={
            "description": "When the answer was made (HTTP date).",
            "example": SERVER_TIME_EXAMPLE,
        }
    )
    status = fields.String(
        validate=OneOf(["success", "failed"]),
        metadata={"description": "`success` below HTTP 400, `failed` from 400 on."},
    )


class ErrorEnvelopeSchema(EnvelopeSchema):
    """An error: `data` is null, `error` a stable slug, `message` one sentence for people."""

    data = fields.Raw(metadata={"type": "null", "description": "Always null on errors."})
    status = fields.String(validate=OneOf(["failed"]))
    error = fields.String(metadata={"description": "Stable machine-readable error slug."})
    message = fields.String(metadata={"description": "One sentence saying what went wrong."})


@cache
def envelope_for(data_schema: type[Schema]) -> type[Schema]:
    """The success envelope around one `data` schema (one class per data schema)."""
    base = data_schema.__name__.removesuffix("Schema")
    return type(
        f"{base}EnvelopeSchema",
        (EnvelopeSchema,),
        {
            "__doc__": f"A successful answer carrying {base} data.",
            "data": fields.Nested(data_schema),
            "status": fields.String(validate=OneOf(["success"])),
        },
    )
