from rest_framework.routers import DefaultRouter

from kaohsiung_admin.reports.api.views import AnnualReportViewSet

app_name = "reports-api"
router = DefaultRouter()
router.register("annual", AnnualReportViewSet, basename="annual")
urlpatterns = router.urls
