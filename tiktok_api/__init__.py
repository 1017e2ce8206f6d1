"""tiktok-api: TikTok links in, clean JSON out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .config import checked, load_config

if TYPE_CHECKING:  # the package's pure layers load without Flask
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: config, TikTok reader, media proxy, logs, headers, errors, blueprints."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    from .api import docs, downloader, health, media, random_post, slides, statistic
    from .api import metrics as metrics_view
    from .api.errors import register_error_handlers
    from .api.json import OrjsonProvider
    from .api.limits import build_limiter
    from .api.logs import register_request_logging
    from .api.policy import ServiceApp, register_response_policy
    from .media.stream import MediaProxy
    from .service import TikTok
    from .web import views as web

    app = ServiceApp(__name__, static_folder=None, template_folder=None)
    app.config.update(checked(load_config(config)))
    app.json = OrjsonProvider(app)
    app.extensions["tiktok"] = TikTok(app.config)
    app.extensions["media"] = MediaProxy(app.config, app.extensions["tiktok"])
    register_request_logging(app)
    metrics_view.register_request_metrics(app)
    register_response_policy(app)
    register_error_handlers(app)
    blueprints = (
        statistic, downloader, slides, random_post, media, health, docs, metrics_view, web,
    )  # fmt: skip
    for module in blueprints:
        app.register_blueprint(module.bp)
    exempt = [health.bp, docs.bp, metrics_view.bp]
    app.extensions["limits"] = build_limiter(app, exempt, media.bp)
    hops = app.config["PROXY_FIX_HOPS"]
    if hops > 0:
        # The PaaS router sets X-Forwarded-For, -Proto and -Port, never -Host: trust exactly those.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_port=hops)
    return app
