"""How a view describes itself for the OpenAPI spec and the docs page: one `@documented(...)`."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from marshmallow import Schema

from ..domain.errors import APIError

View = TypeVar("View", bound=Callable[..., Any])
ATTRIBUTE = "__apidoc__"


@dataclass(frozen=True)
class Doc:
    """Everything the spec says about one view; every route of the view shares it.

    `query` is a marshmallow schema of the query parameters; `data` the schema of the envelope's
    `data`; `errors` the APIErrors the view can raise; `example` a model dumped through `data` (or
    the data itself); `example_query` / `example_path` the parameters of the runnable example;
    `path_params` describes the URL's own parameters (name -> sentence). A view that answers
    with a file instead of the envelope lists its `media_types` (and `ranges` when it answers
    Range requests with 206); `raw` marks a view whose body is
    neither (the spec itself, the docs page); `cached` a view whose answers carry an ETag and
    Cache-Control and answer 304 to a matching If-None-Match.
    """

    summary: str
    description: str = ""
    query: type[Schema] | None = None
    data: type[Schema] | None = None
    errors: tuple[type[APIError], ...] = ()
    example: Any = None
    example_query: Mapping[str, str] = field(default_factory=dict)
    path_params: Mapping[str, str] = field(default_factory=dict)
    example_path: Mapping[str, str] = field(default_factory=dict)
    media_types: tuple[str, ...] = ()
    ranges: bool = False
    raw: bool = False
    cached: bool = False
    page: bool = False

    def example_data(self) -> Any:
        """The example `data`, dumped through the view's schema when it has one."""
        if self.data is None or self.example is None or isinstance(self.example, Mapping):
            return self.example
        return self.data().dump(self.example)


def documented(doc: Doc) -> Callable[[View], View]:
    """Attach `doc` to a view; the spec generator finds it through app.url_map."""

    def attach(view: View) -> View:
        setattr(view, ATTRIBUTE, doc)
        return view

    return attach


def doc_of(view: Callable[..., Any]) -> Doc | None:
    """The Doc a view was decorated with, if any."""
    return getattr(view, ATTRIBUTE, None)
