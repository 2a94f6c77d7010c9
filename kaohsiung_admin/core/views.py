from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone


@login_required
def home(request):
    return render(request, "core/home.html", {"today": timezone.localdate()})


def api_aware_handler(template_status: int):
    """404/500 handlers: JSON under /api/, the site's page elsewhere."""
    from django.http import JsonResponse
    from django.views import defaults

    messages = {
        404: "找不到資源。",
        500: "伺服器發生錯誤，已記錄，請稍後再試。",
        403: "您沒有權限。",
        400: "請求格式有誤。",
    }

    def handler(request, exception=None):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"status": template_status, "code": "error", "detail": messages[template_status]},
                status=template_status,
            )
        if template_status == 404:
            return defaults.page_not_found(request, exception)
        if template_status == 403:
            return defaults.permission_denied(request, exception)
        if template_status == 400:
            return defaults.bad_request(request, exception)
        return defaults.server_error(request)

    return handler
