"""One error format for every API error.

    {"status": 400, "code": "invalid", "detail": "輸入資料有誤。", "errors": {"field": ["…"]}}

`errors` is present for validation errors (and for a `core.errors.ServiceError` naming a field);
extra keys (e.g. `conflicting_booking`) come from `ServiceError.extra` / `ApiError.extra`. Services
raise `ServiceError`; viewsets do not translate it themselves.

A database or broker outage is a 503 with Retry-After (`service_unavailable`, core.outage);
a request refused for its credential (none, or a wrong token) counts against its address's
throttle budget and becomes a 429 when that is spent.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kaohsiung_admin.core import outage
from kaohsiung_admin.core.api.throttling import throttle_failed_auth
from kaohsiung_admin.core.errors import ServiceError


class ServiceUnavailable(exceptions.APIException):
    status_code = 503
    default_code = "service_unavailable"
    default_detail = _("系統暫時無法使用，請稍後再試。")


class ApiError(exceptions.APIException):
    """An error with extra keys in the body: `raise ApiError(409, "…", code="booking_conflict", conflicting_booking=12)`."""

    def __init__(self, status_code: int, detail, *, code: str = "error", **extra):
        self.status_code = status_code
        self.extra = extra
        super().__init__(detail=detail, code=code)


def _flatten(detail):
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def _from_service_error(exc: ServiceError) -> ApiError:
    extra = dict(exc.extra)
    if exc.field:
        extra["errors"] = {exc.field: exc.messages}
    elif exc.status == 400:
        # a refused input without a field is still an input error: the same key as a form's
        extra["errors"] = {"non_field_errors": exc.messages}
    return ApiError(exc.status, str(exc.message), code=exc.code, **extra)


def exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)) and request is not None:
        wait = throttle_failed_auth(request)
        if wait is not None:
            exc = exceptions.Throttled(wait=wait)
    if outage.is_outage(exc):
        exc = ServiceUnavailable(outage.outage_detail())
    if isinstance(exc, ServiceError):
        exc = _from_service_error(exc)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    body = {"status": response.status_code}
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["detail"] = str(_("輸入資料有誤，請依欄位說明修正。"))
        errors = _flatten(exc.detail)
        body["errors"] = errors if isinstance(errors, dict) else {"non_field_errors": errors}
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        body["code"] = codes if isinstance(codes, str) else "error"
        detail = getattr(exc, "detail", "")
        body["detail"] = _flatten(detail) if not isinstance(detail, str) else str(detail)
    body.update(getattr(exc, "extra", {}) or {})
    response.data = body
    if isinstance(exc, ServiceUnavailable):
        response["Retry-After"] = str(outage.RETRY_AFTER_SECONDS)
    return response


def json_error(status_code: int, code: str, detail: str) -> Response:
    return Response({"status": status_code, "code": code, "detail": detail}, status=status_code)
