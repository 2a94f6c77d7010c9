from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from kaohsiung_admin.core.health import healthz
from kaohsiung_admin.core.views import api_aware_handler

api_v1 = [
    path("", include("kaohsiung_admin.core.api.urls")),
    path("facilities/", include("facilities.api.urls")),
    path("consumer-protection/", include("consumer_protection.api.urls")),
    path("reports/", include("kaohsiung_admin.reports.api.urls")),
]

urlpatterns = [
    path("", include("kaohsiung_admin.core.urls")),
    path("accounts/", include("kaohsiung_admin.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("facilities/", include("facilities.urls")),
    path("consumer-protection/", include("consumer_protection.urls")),
    path("reports/", include("kaohsiung_admin.reports.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler400 = api_aware_handler(400)
handler403 = api_aware_handler(403)
handler404 = api_aware_handler(404)
handler500 = api_aware_handler(500)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
