from django.http import FileResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from kaohsiung_admin.core.api.exceptions import ApiError
from kaohsiung_admin.core.api.views import ReadOnlyViewSet
from kaohsiung_admin.reports import services
from kaohsiung_admin.reports.api.serializers import (
    ReportBuildDetailSerializer,
    ReportBuildRequestSerializer,
    ReportBuildSerializer,
)
from kaohsiung_admin.reports.models import ReportBuild


class AnnualReportViewSet(ReadOnlyViewSet):
    """Builds of the annual report: POST a year to ask for one (202), GET it to follow it."""

    resource = "reports.annual"
    # `figures` is the largest column and only the detail shows it.
    queryset = ReportBuild.objects.select_related("requested_by").order_by("-created_at", "-pk")
    serializer_class = ReportBuildSerializer
    filterset_fields = ["year", "status"]
    ordering_fields = ["created_at", "year"]
    required_permissions = {"POST": ["reports.build_report"]}

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.action == "retrieve" else queryset.defer("figures")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ReportBuildDetailSerializer
        if self.action == "create":
            return ReportBuildRequestSerializer
        return ReportBuildSerializer

    @extend_schema(request=ReportBuildRequestSerializer, responses={202: ReportBuildSerializer})
    def create(self, request, *args, **kwargs):
        serializer = ReportBuildRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        site_url = request.build_absolute_uri("/").rstrip("/")
        build = services.report_build_request(definition=serializer.definition, user=request.user, site_url=site_url)
        build.refresh_from_db()
        body = ReportBuildSerializer(build, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})

    def _file(self, field, filename, content_type):
        if not field:
            raise ApiError(409, "報告尚未產製完成。", code="not_ready")
        try:
            handle = field.open("rb")
        except FileNotFoundError:
            raise NotFound("報告檔案已不存在，請重新產製。")  # the row outlived its file
        return FileResponse(handle, filename=filename, content_type=content_type)

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="PDF")})
    @action(detail=True, methods=["get"], url_path="pdf")
    def pdf(self, request, pk=None):
        build = self.get_object()
        return self._file(build.pdf, f"annual-report-{build.roc_year}-{build.pk}.pdf", "application/pdf")

    @extend_schema(responses={(200, "text/html"): OpenApiResponse(description="HTML")})
    @action(detail=True, methods=["get"], url_path="html")
    def html(self, request, pk=None):
        build = self.get_object()
        return self._file(build.html, f"annual-report-{build.roc_year}-{build.pk}.html", "text/html; charset=utf-8")
