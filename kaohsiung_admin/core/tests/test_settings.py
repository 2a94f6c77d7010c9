"""Settings come from the environment: each case starts a fresh interpreter with its own env."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'broker': s.CELERY_BROKER_URL, 'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'secure': s.SESSION_COOKIE_SECURE, "
    "'demo': s.DEMO_ACCOUNTS, 'email': s.EMAIL_BACKEND, 'cache': s.CACHES['default']['BACKEND']}))"
)


def run(env: dict, code: str = PROBE, args=("-c",)):
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "DJANGO_ENV")
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="kaohsiung_admin.settings")
    return subprocess.run(
        [sys.executable, *args, code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def probe(env: dict) -> dict:
    result = run(env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_default_needs_no_configuration(tmp_path):
    values = probe({"VAR_DIR": str(tmp_path)})
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "db.sqlite3")
    assert values["broker"] == "filesystem://"
    assert values["demo"] is True
    assert values["email"].endswith("console.EmailBackend")
    assert (tmp_path / "celery" / "queue").is_dir() and (tmp_path / "celery" / "control").is_dir()


def test_production_reads_everything_from_env(tmp_path):
    values = probe(
        {
            "VAR_DIR": str(tmp_path),
            "DJANGO_ENV": "production",
            "SECRET_KEY": "s" * 60,
            "DATABASE_URL": "postgres://u:p@db:5432/intranet",
            "CELERY_BROKER_URL": "redis://redis:6379/0",
            "REDIS_URL": "redis://redis:6379/1",
            "ALLOWED_HOSTS": "intranet.kcg.gov.tw,web",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        }
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "intranet"
    assert values["broker"] == "redis://redis:6379/0"
    assert values["hosts"] == ["intranet.kcg.gov.tw", "web"]
    assert values["secure"] is True and values["debug"] is False and values["demo"] is False
    assert values["cache"].endswith("RedisCache")


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run({"VAR_DIR": str(tmp_path), "DJANGO_ENV": "production"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_in_production(tmp_path):
    env = {
        "VAR_DIR": str(tmp_path),
        "DJANGO_ENV": "production",
        "SECRET_KEY": "k8#Qz!v2@pL9$wR4^tY7&uI0*oP3(aS6)dF1_gH5+jK8-lZ2=xC4",
        "ALLOWED_HOSTS": "intranet.kcg.gov.tw",
    }
    inherited = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
