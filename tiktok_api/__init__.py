"""tiktok-api: TikTok links in, clean JSON out."""

from collections.abc import Mapping
from typing import Any

from flask import Flask

from .api import docs, downloader, health, slides, statistic
from .config import load_config
from .errors import register_error_handlers
from .logs import register_request_logging
from .service import TikTok
from .web import ServiceApp, register_response_policy


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: configuration, TikTok reader, logs, headers, errors, one blueprint each."""
    app = ServiceApp(__name__, static_folder=None)
    app.config.update(load_config(config))
    app.json.ensure_ascii = False
    app.extensions["tiktok"] = TikTok(app.config)
    register_request_logging(app)
    register_response_policy(app)
    register_error_handlers(app)
    for module in (statistic, downloader, slides, health, docs):
        app.register_blueprint(module.bp)
    return app
