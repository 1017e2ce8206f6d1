"""tiktok-api: TikTok links in, clean JSON out."""

from collections.abc import Mapping
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .api import docs, downloader, health, media, random_post, slides, statistic
from .config import load_config
from .errors import register_error_handlers
from .logs import register_request_logging
from .media.stream import MediaProxy
from .service import TikTok
from .web import ServiceApp, register_response_policy


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: config, TikTok reader, media proxy, logs, headers, errors, blueprints."""
    app = ServiceApp(__name__, static_folder=None)
    app.config.update(load_config(config))
    app.json.ensure_ascii = False
    app.extensions["tiktok"] = TikTok(app.config)
    app.extensions["media"] = MediaProxy(app.config, app.extensions["tiktok"])
    register_request_logging(app)
    register_response_policy(app)
    register_error_handlers(app)
    for module in (statistic, downloader, slides, random_post, media, health, docs):
        app.register_blueprint(module.bp)
    hops = app.config["PROXY_FIX_HOPS"]
    if hops > 0:
        # Behind the PaaS router: scheme and host of our public links come from X-Forwarded-*.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    return app
