"""apispec's marshmallow plugin, tuned for schemas that only ever dump (our responses)."""

from typing import Any

from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.common import get_fields
from apispec.ext.marshmallow.openapi import OpenAPIConverter
from marshmallow import fields


class DumpConverter(OpenAPIConverter):
    """Every dumped field is always present; no property carries a null keyword."""

    def schema2jsonschema(self, schema: Any) -> dict:
        """The object schema with every dumped field listed as required."""
        jsonschema = super().schema2jsonschema(schema)
        dumped = [f.data_key or name for name, f in get_fields(schema).items() if not f.load_only]
        if dumped:
            jsonschema["required"] = sorted(dumped)
        return jsonschema

    def field2property(self, field: fields.Field) -> dict:
        """One field's schema, without the null `format`/`pattern` apispec emits for strftime."""
        prop = {k: v for k, v in super().field2property(field).items() if v is not None}
        # Our answers write times with a strftime pattern (ISO 8601 in UTC): a date-time.
        if isinstance(field, fields.DateTime) and "%" in (field.format or ""):
            prop["format"] = "date-time"
        return prop


class DumpPlugin(MarshmallowPlugin):
    """The marshmallow plugin with the DumpConverter."""

    Converter = DumpConverter
