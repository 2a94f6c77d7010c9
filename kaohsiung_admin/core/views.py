from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaohsiung_admin.core.pages import paginate, redirect_next


@login_required
def home(request):
    from kaohsiung_admin.core.home import panels_for

    return render(request, "core/home.html", {"today": timezone.localdate(), "panels": panels_for(request.user)})


@login_required
def search(request):
    from kaohsiung_admin.core.search import search_all

    query, groups = search_all(request.user, request.GET.get("q"))
    return render(
        request,
        "core/search.html",
        {"query": query, "groups": groups, "search_query": query.text, "total": sum(len(g.hits) for g in groups)},
    )


@login_required
def notifications(request):
    from kaohsiung_admin.core.models import Notification

    rows = Notification.objects.filter(user=request.user)
    return render(request, "core/notifications.html", {"page_obj": paginate(request, rows)})


@login_required
@require_POST
def notifications_read(request):
    from django.contrib import messages

    from kaohsiung_admin.core.notifications import mark_read

    ids = [int(value) for value in request.POST.getlist("id") if value.isdigit() and len(value) < 19]
    count = mark_read(request.user, ids or None)
    messages.success(request, _("已將 %(n)s 則通知標為已讀。") % {"n": count})
    from django.urls import reverse

    return redirect_next(request, reverse("core:notifications"))


# --- error pages ------------------------------------------------------------------------------


def api_aware_handler(template_status: int):
    """400/403/404/500 handlers: JSON under /api/, else the site's page in the site's layout and
    language, saying why and where to go. 500.html renders without a request context or the
    database (the failure may be the database)."""
    from django.http import HttpResponse, JsonResponse
    from django.template import loader

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
        template = loader.get_template(f"{template_status}.html")
        if template_status == 500:
            # No context processors, no user, no database: only what the template itself holds.
            body = template.render({"request_path": request.path})
        else:
            body = template.render({"request_path": request.path}, request)
        return HttpResponse(body, status=template_status)

    return handler
