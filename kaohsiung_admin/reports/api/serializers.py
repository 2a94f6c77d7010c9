from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kaohsiung_admin.reports.models import ReportBuild, ReportDefinition


class ReportBuildSerializer(serializers.ModelSerializer):
    roc_year = serializers.IntegerField(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    requested_by = serializers.CharField(source="requested_by.__str__", read_only=True)
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportBuild
        fields = [
            "id", "url", "year", "roc_year", "status", "status_display", "progress", "stage", "error", "warnings",
            "requested_by", "attempts", "created_at", "started_at", "finished_at", "pdf_pages", "pdf_bytes",
            "pdf_url", "html_url",
        ]  # fmt: skip
        read_only_fields = fields

    def _absolute(self, name, obj):
        request = self.context.get("request")
        path = reverse(name, args=[obj.pk])
        return request.build_absolute_uri(path) if request else path

    def get_url(self, obj) -> str:
        return self._absolute("reports-api:annual-detail", obj)

    def get_pdf_url(self, obj) -> str | None:
        return self._absolute("reports-api:annual-pdf", obj) if obj.status == "succeeded" and obj.pdf else None

    def get_html_url(self, obj) -> str | None:
        return self._absolute("reports-api:annual-html", obj) if obj.status == "succeeded" and obj.html else None


class ReportBuildDetailSerializer(ReportBuildSerializer):
    figures = serializers.SerializerMethodField()

    class Meta(ReportBuildSerializer.Meta):
        fields = [*ReportBuildSerializer.Meta.fields, "figures"]
        read_only_fields = fields

    def get_figures(self, obj) -> dict:
        """The figures the build stated: key → label, unit, kind, value, previous year, source."""
        return (obj.figures or {}).get("figures", {})


class ReportBuildRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1912, max_value=2200, help_text=_("西元年，例如 2022（民國111年）。"))

    def validate_year(self, year):
        definition = ReportDefinition.objects.filter(year=year).first()
        if definition is None:
            raise serializers.ValidationError(_("%(roc)s年度尚無報告內容，請先於網站建立。") % {"roc": year - 1911})
        self.definition = definition
        return year
