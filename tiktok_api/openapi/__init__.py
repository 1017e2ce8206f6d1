"""The API's description of itself: OpenAPI 3.1 and the docs page made from it."""

from .spec import build_spec, openapi_path, spec_of

__all__ = ["build_spec", "openapi_path", "spec_of"]
