import pytest

from kaohsiung_admin.core import health

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok", "storage": "ok"}


def test_healthz_is_503_naming_the_broken_part(client, monkeypatch):
    def broken():
        raise ConnectionRefusedError("broker down")

    monkeypatch.setitem(health.CHECKS, "broker", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"] == "error"
    assert body["checks"]["database"] == "ok"
    assert "errors" not in body and "broker down" not in response.content.decode()  # nothing for anonymous


def test_healthz_details_only_for_staff(client, monkeypatch, django_user_model):
    def broken():
        raise ConnectionRefusedError("redis:6379 refused")

    monkeypatch.setitem(health.CHECKS, "broker", broken)
    staff = django_user_model.objects.create_user("ops", password="x" * 14, is_staff=True)
    client.force_login(staff)
    body = client.get("/healthz").json()
    assert body["errors"]["broker"] == "ConnectionRefusedError: redis:6379 refused"


def test_healthz_writes_no_file(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    for _ in range(3):
        assert client.get("/healthz").status_code == 200
    assert list((tmp_path / "media").rglob("*")) == []


def test_healthz_storage_failure(client, settings, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker  # a file where the media folder should be
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"].startswith("error")
