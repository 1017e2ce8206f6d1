"""Run the stand-in: `python -m standin STATE_FILE` writes {proxy, admin, ca} there once ready."""

import json
import signal
import sys
import threading
from pathlib import Path

from .admin import AdminServer
from .catalogue import Catalogue
from .certs import Certificates
from .proxy import ProxyServer
from .site import Site
from .state import State


def main(state_file: Path) -> None:
    """Start the proxy and the admin endpoint on loopback; serve until SIGTERM or SIGINT."""
    state, certs = State(), Certificates()
    proxy = ProxyServer(("127.0.0.1", 0), Site(Catalogue(), state), state, certs)
    admin = AdminServer(("127.0.0.1", 0), state)
    ca = certs.write_ca(state_file.with_name("standin-ca.pem"))
    servers = [proxy, admin]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    info = {"proxy": proxy.server_address[1], "admin": admin.server_address[1], "ca": str(ca)}
    partial = state_file.with_suffix(".tmp")
    partial.write_text(json.dumps(info))
    partial.rename(state_file)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()
    for server in servers:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
