"""tiktok-api: TikTok links in, clean JSON out."""

from collections.abc import Mapping
from typing import Any

from flask import Flask

from .api import downloader, random_post, slides, statistic
from .config import load_config
from .errors import register_error_handlers
from .service import TikTok


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: configuration, TikTok reader, error handlers, one blueprint per endpoint."""
    app = Flask(__name__)
    app.config.update(load_config(config))
    app.json.ensure_ascii = False
    app.extensions["tiktok"] = TikTok(app.config)
    register_error_handlers(app)
    for module in (statistic, downloader, slides, random_post):
        app.register_blueprint(module.bp)
    return app
