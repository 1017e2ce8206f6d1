"""Every error the API can answer with: slug, status and message, read from errors.py."""

from dataclasses import dataclass

from ..domain.errors import HTTP_SLUGS, APIError


@dataclass(frozen=True, slots=True)
class ErrorDoc:
    """One documented error."""

    slug: str
    status: int
    message: str
    retry_after: int | None = None


def from_class(error: type[APIError]) -> ErrorDoc:
    """The documentation of one APIError subclass."""
    return ErrorDoc(error.slug, error.status, error.message, error.retry_after)


def _subclasses(cls: type[APIError]) -> list[type[APIError]]:
    """`cls` and all its subclasses, depth first, in definition order."""
    found = [cls]
    for sub in cls.__subclasses__():
        found.extend(_subclasses(sub))
    return found


def routing_error(status: int) -> ErrorDoc:
    """The error werkzeug's routing answers with (404 not_found, 405 method_not_allowed)."""
    slug, message = HTTP_SLUGS[status]
    return ErrorDoc(slug, status, message)


def error_catalog() -> list[ErrorDoc]:
    """Every error slug, each once, sorted by status then slug."""
    docs = {doc.slug: doc for doc in map(from_class, _subclasses(APIError))}
    docs |= {slug: routing_error(status) for status, (slug, _) in HTTP_SLUGS.items()}
    return sorted(docs.values(), key=lambda doc: (doc.status, doc.slug))
