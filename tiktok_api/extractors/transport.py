"""Outbound HTTP: one pooled transport, bounded calls, one redirect walker checking every hop."""

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError

from ..config import ca_bundle, standard_proxies
from ..domain.errors import UpstreamError, UpstreamTimeout, UpstreamUnavailable
from ..telemetry import record_upstream_call

TIKTOK_SUFFIXES = ("tiktok.com", "tiktokv.com")
RETRY_STATUSES = frozenset({502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
T = TypeVar("T")
# Decides where a redirect may go: the next URL to request, None to stop there, or an error.
NextHop = Callable[[str], str | None]

BROWSER_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.9",
    "Accept-Encoding": "gzip, deflate",
}


def is_tiktok_host(host: str | None, suffixes: tuple[str, ...] = TIKTOK_SUFFIXES) -> bool:
    """True for a TikTok host or a subdomain of one; never a substring match."""
    host = (host or "").lower()
    return any(host == s or host.endswith("." + s) for s in suffixes)


def check_upstream_url(url: str, suffixes: tuple[str, ...] = TIKTOK_SUFFIXES) -> str:
    """Refuse any URL that is not https/http to a TikTok host on the default port."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme not in ("https", "http")
        or "@" in parts.netloc
        or port is not None
        or not is_tiktok_host(parts.hostname, suffixes)
    ):
        raise UpstreamError("TikTok redirected to an address outside TikTok; not followed.")
    return url


@dataclass(slots=True)
class Page:
    """A fetched response: final URL, status, headers and the (capped) body."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def location(self) -> str | None:
        """The absolute redirect target, if this is a redirect."""
        target = self.headers.get("Location")
        return urljoin(self.url, target) if target and self.status in REDIRECT_STATUSES else None


def cookie_header(jar: requests.cookies.RequestsCookieJar) -> str:
    """A session's cookies (tt_chain_token among them) as one Cookie header."""
    cookies = {cookie.name: cookie.value for cookie in jar if cookie.value is not None}
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


class SharedAdapter(HTTPAdapter):
    """The process-wide connection pool; closing a session must not empty it."""

    def close(self) -> None:
        """Keep the pooled connections: many short-lived sessions share them."""


@dataclass(frozen=True, slots=True)
class Environment:
    """The standard proxy and CA variables, read once: requests would read them (and ~/.netrc)
    again on every call, a tenth of a cold read's time."""

    proxies: Mapping[str, str]
    no_proxy: str | None
    verify: str | bool

    @classmethod
    def read(cls) -> "Environment":
        """HTTPS_PROXY / HTTP_PROXY / NO_PROXY and REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE as they
        are now."""
        proxies = standard_proxies()
        no_proxy = proxies.pop("no", None)
        return cls(proxies, no_proxy, ca_bundle() or True)


class Transport:
    """The one pooled connection pool; hands out a fresh cookie jar per extraction."""

    def __init__(self, config: Mapping[str, Any]):
        self.config = config
        self.adapter = SharedAdapter(pool_connections=8, pool_maxsize=128)
        self.environment = Environment.read()
        proxy = config["TIKTOK_PROXY"]
        self.tiktok_proxies = {"http": proxy, "https": proxy} if proxy else None

    def new_session(self) -> requests.Session:
        """A session with its own cookie jar sharing the pooled connections."""
        session = requests.Session()
        session.trust_env = False  # the environment was read once, in `environment`
        session.verify = self.environment.verify
        session.mount("https://", self.adapter)
        session.mount("http://", self.adapter)
        session.headers.update(BROWSER_HEADERS | {"User-Agent": self.config["USER_AGENT"]})
        return session

    def proxies_for(self, url: str) -> Mapping[str, str]:
        """TIKTOK_PROXY, else the standard proxy variables unless NO_PROXY names the host."""
        if self.tiktok_proxies:
            return self.tiktok_proxies
        environment = self.environment
        if environment.no_proxy and requests.utils.should_bypass_proxies(url, environment.no_proxy):
            return {}
        return environment.proxies

    def get(self, session: requests.Session, url: str, **headers: str) -> Page:
        """GET one URL (no redirects followed), retrying connection errors and 502/503/504."""
        check_upstream_url(url)
        attempts = self.config["UPSTREAM_RETRIES"] + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            started = time.monotonic()
            try:
                page = self._get_once(session, url, headers)
            except UpstreamUnavailable:
                if last:
                    raise
            else:
                if page.status not in RETRY_STATUSES or last:
                    return page
            finally:
                record_upstream_call(time.monotonic() - started)
            time.sleep(self.config["UPSTREAM_BACKOFF"] * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def follow(
        self,
        url: str,
        fetch: Callable[[str], T],
        location: Callable[[T], str | None],
        next_hop: NextHop = check_upstream_url,
        release: Callable[[T], None] = lambda _: None,
    ) -> T:
        """`fetch(url)`, following redirects by hand: at most UPSTREAM_MAX_REDIRECTS hops, each
        target passed through `next_hop` (which checks it) before it is requested."""
        for _ in range(self.config["UPSTREAM_MAX_REDIRECTS"] + 1):
            result = fetch(url)
            target = location(result)
            following = next_hop(target) if target is not None else None
            if following is None:
                return result
            release(result)
            url = following
        raise UpstreamError("TikTok redirected this request too many times.")

    def get_page(
        self, session: requests.Session, url: str, next_hop: NextHop = check_upstream_url
    ) -> Page:
        """The page at `url` after TikTok's redirects (each hop checked by `next_hop`)."""
        return self.follow(url, lambda hop: self.get(session, hop), _page_location, next_hop)

    def open_stream(
        self,
        session: requests.Session,
        url: str,
        headers: Mapping[str, str],
        suffixes: tuple[str, ...],
    ) -> requests.Response:
        """An open, unread media response; redirects followed by hand, every hop checked first."""
        timeout = (self.config["MEDIA_CONNECT_TIMEOUT"], self.config["MEDIA_READ_TIMEOUT"])
        return self.follow(
            check_upstream_url(url, suffixes),
            lambda hop: self._send(session, hop, headers, timeout),
            _response_location,
            lambda target: check_upstream_url(target, suffixes),
            release=requests.Response.close,
        )

    def _get_once(self, session: requests.Session, url: str, headers: Mapping[str, str]) -> Page:
        """One request, its body streamed and cut at the size cap and the total deadline."""
        timeout = (self.config["UPSTREAM_CONNECT_TIMEOUT"], self.config["UPSTREAM_READ_TIMEOUT"])
        response = self._send(session, url, headers, timeout)
        with response:
            body = self._read_capped(response)
        return Page(url, response.status_code, response.headers, body)

    def _send(
        self,
        session: requests.Session,
        url: str,
        headers: Mapping[str, str],
        timeout: tuple[float, float],
    ) -> requests.Response:
        """One GET with headers only read (body streamed later), no redirect followed."""
        try:
            return session.get(
                url,
                headers=dict(headers),
                timeout=timeout,
                stream=True,
                allow_redirects=False,
                proxies=dict(self.proxies_for(url)),
            )
        except requests.Timeout as error:
            raise UpstreamTimeout() from error
        except requests.RequestException as error:
            raise UpstreamUnavailable() from error

    def _read_capped(self, response: requests.Response) -> bytes:
        """The whole body, or an error once it passes the size cap or the total deadline."""
        cap = self.config["UPSTREAM_MAX_BYTES"]
        deadline = time.monotonic() + self.config["UPSTREAM_TOTAL_TIMEOUT"]
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise UpstreamError("TikTok's answer was larger than we accept.")
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(CHUNK):
                size += len(chunk)
                if size > cap:
                    raise UpstreamError("TikTok's answer was larger than we accept.")
                if time.monotonic() > deadline:
                    raise UpstreamTimeout()
                chunks.append(chunk)
        except requests.RequestException as error:
            if isinstance(error, requests.Timeout) or _is_read_timeout(error):
                raise UpstreamTimeout() from error
            raise UpstreamUnavailable("The connection to TikTok broke off.") from error
        return b"".join(chunks)


def _is_read_timeout(error: requests.RequestException) -> bool:
    """requests wraps a read timeout met while streaming a body in a ConnectionError."""
    return any(isinstance(arg, ReadTimeoutError) for arg in error.args)


def _page_location(page: Page) -> str | None:
    """Where a fetched page redirects to."""
    return page.location


def _response_location(response: requests.Response) -> str | None:
    """Where an open response redirects to (absolute), if it is a redirect."""
    target = response.headers.get("Location")
    if response.status_code not in REDIRECT_STATUSES or not target:
        return None
    return urljoin(response.url or "", target)
