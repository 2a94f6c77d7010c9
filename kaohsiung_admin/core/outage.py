"""A database or broker outage answers 503 with Retry-After, never a 500.

Under /api/ the body is the API's error shape (`core.api.exceptions`); elsewhere it is the
site's 503 page in the visitor's language, rendered without a request context or the database
(the failure may be the database). The API's exception handler turns the same errors into the same
503 inside DRF; this middleware catches what is raised in a page view, in another middleware or
in the handler of an unhandled exception (through Django's `got_request_exception`).
"""

from __future__ import annotations

import logging

from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def _outage_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:
        from kombu.exceptions import OperationalError as BrokerOperationalError

        errors.append(BrokerOperationalError)
    except ImportError:  # pragma: no cover - kombu is a dependency
        pass
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        errors += [RedisConnectionError, RedisTimeoutError]
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


OUTAGE_ERRORS = _outage_errors()


def is_outage(exc: BaseException | None) -> bool:
    """A dependency that is not there (connection refused, server gone), not a bad query."""
    if exc is None:
        return False
    if isinstance(exc, OUTAGE_ERRORS):
        return True
    # psycopg reports a dropped server as a DatabaseError subclass of its own on some paths.
    return isinstance(exc, DatabaseError) and "connection" in str(exc).lower()


def outage_detail() -> str:
    return _("系統暫時無法連線資料庫或佇列，請於 %(seconds)s 秒後再試。") % {"seconds": RETRY_AFTER_SECONDS}


def api_outage_body() -> dict:
    return {"status": 503, "code": "service_unavailable", "detail": outage_detail()}


def outage_response(request) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse(api_outage_body(), status=503)
    else:
        try:
            body = loader.get_template("503.html").render(
                {"request_path": request.path, "retry_after": RETRY_AFTER_SECONDS}
            )
        except Exception:  # the page itself must not fail: plain text in the visitor's language
            log.exception("503 page could not be rendered")
            body = outage_detail()
        response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _remember(sender, request=None, **kwargs):
    """Django's handler of an unhandled exception: note an outage, the middleware answers 503."""
    import sys

    exc = sys.exc_info()[1]
    if request is not None and is_outage(exc):
        request._outage_error = exc


got_request_exception.connect(_remember, dispatch_uid="core.outage.remember")


class OutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except OUTAGE_ERRORS as exc:  # only when exceptions are not converted (tests, DEBUG_PROPAGATE)
            log.error("dependency outage on %s: %s", request.path, exc)
            return outage_response(request)
        error = getattr(request, "_outage_error", None)
        if error is not None and response.status_code >= 500 and response.status_code != 503:
            log.error("dependency outage on %s: %s", request.path, error)
            return outage_response(request)
        return response

    def process_exception(self, request, exception):
        if is_outage(exception):
            log.error("dependency outage on %s: %s", request.path, exception)
            return outage_response(request)
        return None
