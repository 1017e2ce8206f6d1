"""End-to-end fixtures: the TikTok stand-in and the real server (gunicorn), one of each per run."""

from collections.abc import Iterator

import pytest
import requests

from .harness import Gunicorn, StandIn

# Small bounds so fault tests finish fast: a hung TikTok costs 2 s, a trickling one 5 s.
SERVICE_ENV = {
    "API_AUTHOR": "e2e",
    "UPSTREAM_CONNECT_TIMEOUT": "2",
    "UPSTREAM_READ_TIMEOUT": "2",
    "UPSTREAM_TOTAL_TIMEOUT": "5",
    "UPSTREAM_RETRIES": "1",
    "UPSTREAM_BACKOFF": "0",
    "LOG_LEVEL": "warning",
}
# The shared server reads TikTok afresh for every request, so each test counts its own upstream
# calls; the cache is tested end to end on a server of its own (test_e2e_cache.py).
NO_CACHE = {
    "CACHE_POST_TTL": "0",
    "CACHE_SHORT_LINK_TTL": "0",
    "CACHE_USER_TTL": "0",
    "CACHE_NEGATIVE_TTL": "0",
    "CACHE_STALE_TTL": "0",
    # The fault tests make the stand-in refuse on purpose; the breaker has a server of its own.
    "BREAKER_THRESHOLD": "1000000",
}
CLIENT_TIMEOUT = 15  # every answer, faults included, must come within this


class Client:
    """Calls the running server over loopback, never through a proxy."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        self.session.trust_env = False

    def get(self, path: str, **params: str) -> requests.Response:
        """GET path?params from the server, bounded by CLIENT_TIMEOUT."""
        return self.session.get(self.base_url + path, params=params, timeout=CLIENT_TIMEOUT)


@pytest.fixture(scope="session")
def standin(tmp_path_factory) -> Iterator[StandIn]:
    """The TikTok stand-in (TLS-intercepting proxy + admin endpoint)."""
    stand_in = StandIn(tmp_path_factory.mktemp("standin")).start()
    try:
        yield stand_in
    finally:
        stand_in.stop()


@pytest.fixture(scope="session")
def server(standin, tmp_path_factory) -> Iterator[Gunicorn]:
    """The service under gunicorn, reaching TikTok through HTTPS_PROXY / REQUESTS_CA_BUNDLE."""
    env = standin.service_env() | SERVICE_ENV | NO_CACHE
    gunicorn = Gunicorn(tmp_path_factory.mktemp("server"), env).start()
    try:
        yield gunicorn
    finally:
        gunicorn.stop()


@pytest.fixture(scope="session")
def api(server) -> Iterator[Client]:
    """A client for the running server."""
    client = Client(server.url)
    yield client
    client.session.close()


@pytest.fixture
def browser(standin) -> Iterator[requests.Session]:
    """A client of TikTok itself: through the stand-in's proxy, trusting its CA, no cookies yet."""
    session = requests.Session()
    session.trust_env = False
    session.proxies = {"https": standin.proxy_url, "http": standin.proxy_url}
    session.verify = standin.ca_file
    yield session
    session.close()


@pytest.fixture(autouse=True)
def clean_standin(standin) -> Iterator[None]:
    """Each test starts with an empty log and no faults, and must not reach a foreign host."""
    standin.reset()
    yield
    assert standin.foreign() == [], "a request left for a host that is not TikTok's"


def assert_envelope_error(response: requests.Response, status: int, slug: str) -> dict:
    """The response is our failure envelope with this status and slug."""
    assert response.status_code == status, response.text[:500]
    body = response.json()
    assert body["status"] == "failed"
    assert body["code"] == status
    assert body["error"] == slug
    assert body["data"] is None
    return body


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test that holds a browser page leaves a screenshot, named in its report."""
    outcome = yield
    report = outcome.get_result()
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when != "call" or not report.failed or page is None:
        return
    from .browser import FAILURES

    FAILURES.mkdir(exist_ok=True)
    path = FAILURES / f"{item.name}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
        note = f"screenshot of the page when it failed: {path}"
    except Exception as error:  # noqa: BLE001 - the page itself may be what broke
        note = f"no screenshot ({error}); the folder is {FAILURES}"
    report.sections.append(("browser", note))
    if hasattr(report.longrepr, "addsection"):
        report.longrepr.addsection("browser screenshot", note)
