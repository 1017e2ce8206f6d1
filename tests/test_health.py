"""/healthz and /readyz: in the envelope, never calling TikTok; a bad setting stops the start."""

import pytest
from conftest import build_app

from tiktok_api.config import ConfigError


def test_healthz_is_alive_without_upstream(client, upstream):
    res = client.get("/healthz")
    assert res.status_code == 200
    assert res.json["data"] == {"status": "ok"}
    assert res.json["status"] == "success"
    assert res.json["docs"].endswith("/docs#health")
    assert len(upstream.calls) == 0


def test_readyz_reports_each_check(client, upstream):
    res = client.get("/readyz")
    assert res.status_code == 200
    assert res.json["data"] == {"status": "ready", "checks": {"config": "ok", "services": "ok"}}
    assert len(upstream.calls) == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda config: config.pop("UPSTREAM_READ_TIMEOUT"),
        lambda config: config.update(MEDIA_LINKS="sideways"),
        lambda config: config.update(UPSTREAM_CONNECT_TIMEOUT=0),
    ],
)
def test_readyz_fails_when_a_setting_is_wrong(app, client, change):
    change(app.config)
    res = client.get("/readyz")
    assert (res.status_code, res.json["error"]) == (503, "not_ready")
    assert res.json["message"] == "Not ready: config check failed."
    assert res.json["data"] is None


def test_readyz_fails_without_the_tiktok_reader(app, client):
    del app.extensions["tiktok"]
    res = client.get("/readyz")
    assert (res.status_code, res.json["message"]) == (503, "Not ready: services check failed.")
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"MEDIA_LINKS": "sideways"}, "MEDIA_LINKS must be one of proxy, direct."),
        ({"UPSTREAM_READ_TIMEOUT": -1.0}, "UPSTREAM_READ_TIMEOUT must be greater than 0."),
        ({"UPSTREAM_RETRIES": -2}, "UPSTREAM_RETRIES must not be negative."),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be one of debug"),
    ],
)
def test_a_bad_setting_stops_the_app_from_starting(overrides, named):
    with pytest.raises(ConfigError, match=named):
        build_app(overrides)


def test_a_setting_that_is_not_a_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("UPSTREAM_RETRIES", "two")
    with pytest.raises(ConfigError, match="UPSTREAM_RETRIES='two' is not a valid int"):
        build_app()
