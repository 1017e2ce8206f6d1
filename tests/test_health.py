"""/healthz and /readyz: in the envelope, never calling TikTok."""


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
    assert res.json["data"] == {"status": "ready", "checks": {"config": "ok"}}
    assert len(upstream.calls) == 0


def test_readyz_fails_when_a_setting_is_missing(app, client):
    del app.config["UPSTREAM_READ_TIMEOUT"]
    res = client.get("/readyz")
    assert res.status_code == 503
    assert res.json["error"] == "not_ready"
    assert "config" in res.json["message"]
    assert res.json["data"] is None


def test_readyz_fails_without_the_tiktok_reader(app, client):
    del app.extensions["tiktok"]
    assert client.get("/readyz").json["error"] == "not_ready"
    assert client.get("/healthz").status_code == 200
