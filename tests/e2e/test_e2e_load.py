"""A short loopback load test against gunicorn with its default settings: no 5xx, no errors."""

import os

import pytest

from .harness import Gunicorn
from .loadgen import run_load

pytestmark = pytest.mark.e2e

CLIENTS = 20
SECONDS = float(os.environ.get("E2E_LOAD_SECONDS", "6"))


@pytest.fixture(scope="module")
def default_server(standin, tmp_path_factory):
    """The service with production defaults; only the proxy variables point at the stand-in."""
    gunicorn = Gunicorn(tmp_path_factory.mktemp("load"), standin.service_env(), "load").start()
    try:
        yield gunicorn
    finally:
        gunicorn.stop()


def test_mixed_load_has_no_server_errors(default_server, standin):
    result = run_load(default_server.url, CLIENTS, SECONDS)
    print(result.summary())
    assert result.errors == []
    assert result.unexpected == []
    assert result.count > 0
    assert not [status for status in result.statuses if status >= 500]
    assert len(standin.requests()) > 0
