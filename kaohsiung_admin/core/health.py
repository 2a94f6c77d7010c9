"""`/healthz`: database, broker and media storage, each checked for real but cheaply.

Anonymous callers (the container's health check, a load balancer) get "ok"/"error" per part and
nothing else: an exception's text names hosts and ports. A signed-in staff member also gets the
error text. No call writes a file: the storage check asks the filesystem whether the media
folder is there and writable.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_broker() -> None:
    from kaohsiung_admin.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def check_storage() -> None:
    storage = default_storage
    if isinstance(getattr(storage, "_wrapped", storage), FileSystemStorage) or isinstance(storage, FileSystemStorage):
        root = settings.MEDIA_ROOT
        if os.path.exists(root) and not os.path.isdir(root):
            raise OSError("media root is not a folder")
        target = root if os.path.isdir(root) else os.path.dirname(os.path.abspath(root))
        if not os.access(target, os.W_OK | os.X_OK):
            raise OSError("media root is not writable")
        return
    storage.listdir("")  # another storage: one cheap read


CHECKS = {"database": check_database, "broker": check_broker, "storage": check_storage}


def _may_see_details(request) -> bool:
    user = getattr(request, "user", None)
    try:
        return bool(user is not None and user.is_authenticated and user.is_staff)
    except Exception:  # the database may be what is down: no details then
        return False


@never_cache
@require_GET
def healthz(request):
    results = {}
    errors = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # any failure of a dependency is reported, not raised
            results[name] = "error"
            errors[name] = f"{exc.__class__.__name__}: {exc}"[:300]
    healthy = not errors
    body = {"status": "ok" if healthy else "error", "checks": results, "environment": settings.ENVIRONMENT}
    if errors and _may_see_details(request):
        body["errors"] = errors
    return JsonResponse(body, status=200 if healthy else 503)
