"""The layers the folders show, checked by reading every module's imports."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tiktok_api"
WEB = {"flask", "werkzeug", "marshmallow", "apispec", "gunicorn", "jinja2", "markupsafe"}
NETWORK = {"requests", "urllib3", "http", "socket", "ssl"}


def modules(folder: str) -> list[Path]:
    """Every module under tiktok_api/<folder> (or the one file tiktok_api/<folder>.py)."""
    path = PACKAGE / folder
    return sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


def imports_of(path: Path) -> set[str]:
    """The absolute names a module imports (relative imports resolved against the package)."""
    package = ["tiktok_api", *path.relative_to(PACKAGE).parent.parts]
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module.rstrip("."))
            names.update(f"{module}.{alias.name}".lstrip(".") for alias in node.names)
    return names


def top(names: set[str]) -> set[str]:
    """The top-level packages among imported names."""
    return {name.split(".")[0] for name in names}


def ours(names: set[str]) -> set[str]:
    """Our package's modules among imported names, as `tiktok_api.<layer>...`."""
    return {name for name in names if name.startswith("tiktok_api.")}


@pytest.mark.parametrize("path", modules("domain"), ids=lambda p: p.name)
def test_domain_is_pure(path):
    names = imports_of(path)
    assert not top(names) & (WEB | NETWORK)
    assert all(name.startswith("tiktok_api.domain") for name in ours(names)), ours(names)


def test_importing_the_domain_loads_no_http_client_or_web_library():
    code = (
        "import sys, tiktok_api.domain, pkgutil, importlib\n"
        "for m in pkgutil.iter_modules(tiktok_api.domain.__path__):\n"
        "    importlib.import_module('tiktok_api.domain.' + m.name)\n"
        "loaded = {'requests', 'marshmallow', 'apispec', 'flask', 'urllib3'} & set(sys.modules)\n"
        "print(sorted(loaded))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("path", modules("extractors"), ids=lambda p: p.name)
def test_extractors_know_nothing_of_serving(path):
    names = imports_of(path)
    assert not top(names) & (WEB - {"gunicorn"})
    served = ("tiktok_api.api", "tiktok_api.openapi", "tiktok_api.media", "tiktok_api.service")
    assert not [name for name in ours(names) if name.startswith(served)]


@pytest.mark.parametrize("path", [*modules("api"), *modules("web")], ids=lambda p: p.name)
def test_views_never_talk_to_tiktok_themselves(path):
    names = imports_of(path)
    assert not top(names) & {"requests", "urllib3"}
    assert not [name for name in ours(names) if name.startswith("tiktok_api.extractors")]


def test_error_types_render_nothing():
    assert not top(imports_of(PACKAGE / "domain" / "errors.py")) & WEB


def test_one_module_defines_the_error_types():
    defining = [
        path
        for path in PACKAGE.rglob("*.py")
        if any(
            isinstance(node, ast.ClassDef)
            and any(getattr(b, "id", "") == "APIError" for b in node.bases)
            for node in ast.walk(ast.parse(path.read_text()))
        )
    ]
    assert defining == [PACKAGE / "domain" / "errors.py"]


@pytest.mark.parametrize("path", [*modules("shared"), *modules("cache")], ids=lambda p: p.name)
def test_shared_state_and_the_cache_know_nothing_of_serving_or_tiktok(path):
    names = imports_of(path)
    assert not top(names) & (WEB | {"requests", "urllib3"})
    served = ("tiktok_api.api", "tiktok_api.web", "tiktok_api.extractors", "tiktok_api.service")
    assert not [name for name in ours(names) if name.startswith(served)]
