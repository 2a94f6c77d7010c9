from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from kaohsiung_admin.core.forms import install_roc_dates
from kaohsiung_admin.core.health import healthz
from kaohsiung_admin.core.registry import division_url_patterns
from kaohsiung_admin.core.views import api_aware_handler

# The admin speaks the Bureau's name and language (Django's default is 「Django 管理」).
admin.site.site_header = _("高雄市政府行政暨國際處 系統管理")
admin.site.site_title = _("行政暨國際處系統管理")
admin.site.index_title = _("資料管理")

install_roc_dates()  # every form's date fields accept 111/03/01 and 民國111年3月1日 (core.forms)

# Each division app (and the report) mounts itself at its AppConfig's `url_prefix`.
api_v1 = [path("", include("kaohsiung_admin.core.api.urls")), *division_url_patterns(api=True)]

urlpatterns = [
    path("", include("kaohsiung_admin.core.urls")),
    path("accounts/", include("kaohsiung_admin.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    *division_url_patterns(api=False),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up code as a script file: the CSP allows no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler400 = api_aware_handler(400)
handler403 = api_aware_handler(403)
handler404 = api_aware_handler(404)
handler500 = api_aware_handler(500)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
