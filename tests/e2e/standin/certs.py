"""A throwaway CA (trustme) and a TLS server context per intercepted host, made on demand."""

import ssl
import threading
from pathlib import Path

import trustme


class Certificates:
    """Issues and caches one server certificate per host, all signed by one test CA."""

    def __init__(self) -> None:
        self.ca = trustme.CA()
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._lock = threading.Lock()

    def write_ca(self, path: Path) -> Path:
        """Write the CA certificate (PEM) where clients can point REQUESTS_CA_BUNDLE."""
        self.ca.cert_pem.write_to_path(str(path))
        return path

    def context(self, host: str) -> ssl.SSLContext:
        """A server-side context presenting a certificate for `host`."""
        with self._lock:
            context = self._contexts.get(host)
            if context is None:
                context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                self.ca.issue_cert(host).configure_cert(context)
                self._contexts[host] = context
            return context
