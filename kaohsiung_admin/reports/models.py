"""The annual performance report (施政績效成果報告): its definition per year, hand-entered figures,
and the builds (versions) of its PDF.

A definition is a tree: sections (壹 / 一 / (一), the left column 重要施政項目) hold items
(1. / (1) / I., the right column 執行成果與效益). Numbers are not stored: they follow from the
order, so inserting an item renumbers the rest as the Bureau's documents do.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kaohsiung_admin.core.formatting import roc_year
from kaohsiung_admin.core.models import RestrictedQuerySet, TimeStampedModel, TrackedModel


class FigureKind(models.TextChoices):
    COUNT = "count", _("數量")
    MONEY = "money", _("金額")
    PERCENT = "percent", _("比率")


class ReportDefinition(TrackedModel):
    """What the report of one year says: its sections and narratives."""

    year = models.PositiveSmallIntegerField(_("年度（西元）"), unique=True)
    title = models.CharField(
        _("標題"),
        max_length=200,
        blank=True,
        help_text=_("留空則為「高雄市政府行政暨國際處○○○年度施政績效成果報告」。"),
    )
    copied_from = models.ForeignKey(
        "self", verbose_name=_("複製自"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度報告內容")
        verbose_name_plural = _("年度報告內容")

    def __str__(self):
        return _("%(year)s年度") % {"year": self.roc_year}

    @property
    def roc_year(self) -> int:
        return roc_year(self.year)

    @property
    def display_title(self) -> str:
        return self.title or f"高雄市政府行政暨國際處{self.roc_year}年度施政績效成果報告"


class ReportSection(TrackedModel):
    """A heading of the left column: 壹、一般行政 (depth 0), 一、事務管理 (1), (一)庶務工作 (2)."""

    definition = models.ForeignKey(
        ReportDefinition, verbose_name=_("年度報告"), on_delete=models.CASCADE, related_name="sections"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("上層"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(_("順序"), default=0)
    heading = models.CharField(_("重要施政項目"), max_length=200)
    narrative = models.TextField(
        _("執行成果與效益（前言）"),
        blank=True,
        help_text=_("本項目下各點之前的敘述；可用 {{ 數字代碼 }} 引用數字。"),
    )

    class Meta:
        ordering = ["definition", "parent_id", "position", "pk"]
        indexes = [models.Index(fields=["definition", "parent", "position"])]
        verbose_name = _("報告項目")
        verbose_name_plural = _("報告項目")

    def __str__(self):
        return self.heading


class ReportItem(TrackedModel):
    """A point of the right column: 1. (depth 0), (1) (depth 1), I. (depth 2)."""

    section = models.ForeignKey(
        ReportSection, verbose_name=_("報告項目"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("上層"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(_("順序"), default=0)
    title = models.CharField(_("標題"), max_length=200, blank=True)
    narrative = models.TextField(
        _("執行成果與效益"), blank=True, help_text=_("可用 {{ 數字代碼 }} 引用數字，例如 {{ roc_year }}。")
    )

    class Meta:
        ordering = ["section", "parent_id", "position", "pk"]
        indexes = [models.Index(fields=["section", "parent", "position"])]
        verbose_name = _("報告細項")
        verbose_name_plural = _("報告細項")

    def __str__(self):
        return self.title or self.narrative[:30]


class ManualFigure(TrackedModel):
    """A figure no app records (trainings, budgets, …), entered by hand with who and when."""

    year = models.PositiveSmallIntegerField(_("年度（西元）"), db_index=True)
    key = models.CharField(_("代碼"), max_length=100, help_text=_("以 manual. 開頭，例如 manual.dormitories.total。"))
    label = models.CharField(_("名稱"), max_length=200)
    unit = models.CharField(_("單位"), max_length=20, blank=True)
    kind = models.CharField(_("類型"), max_length=10, choices=FigureKind.choices, default=FigureKind.COUNT)
    value = models.DecimalField(_("數值"), max_digits=16, decimal_places=4, null=True, blank=True)
    source = models.CharField(_("資料來源"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填報人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("填報時間"), null=True, blank=True)

    class Meta:
        ordering = ["year", "key"]
        constraints = [models.UniqueConstraint(fields=["year", "key"], name="reports_manualfigure_year_key")]
        verbose_name = _("人工填報數字")
        verbose_name_plural = _("人工填報數字")

    def __str__(self):
        return f"{roc_year(self.year)} {self.label}"


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("排隊中")
    RUNNING = "running", _("產製中")
    SUCCEEDED = "succeeded", _("完成")
    FAILED = "failed", _("失敗")


class ReportBuildQuerySet(RestrictedQuerySet):
    def unfinished(self):
        return self.filter(status__in=[BuildStatus.QUEUED, BuildStatus.RUNNING])


def _build_path(instance, filename):
    return f"reports/{instance.year}/{filename}"


class ReportBuild(TimeStampedModel):
    """One run of the report for a year: its state while it runs, and the stored PDF and HTML
    (with the figures used) once it is done. The rows of a year are its versions."""

    definition = models.ForeignKey(
        ReportDefinition, verbose_name=_("年度報告"), on_delete=models.PROTECT, related_name="builds"
    )
    year = models.PositiveSmallIntegerField(_("年度（西元）"), db_index=True)
    status = models.CharField(
        _("狀態"), max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("進度（%）"), default=0)
    stage = models.CharField(_("目前步驟"), max_length=100, blank=True)
    error = models.TextField(_("錯誤訊息"), blank=True)
    warnings = models.JSONField(_("提醒"), default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申請人"), on_delete=models.PROTECT, related_name="+"
    )
    attempts = models.PositiveSmallIntegerField(_("執行次數"), default=0)
    worker = models.CharField(_("執行程序"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("開始時間"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最後回報時間"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成時間"), null=True, blank=True)
    site_url = models.CharField(_("網站網址"), max_length=200, blank=True)
    figures = models.JSONField(_("使用的數字"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=_build_path, blank=True)
    html = models.FileField(_("HTML"), upload_to=_build_path, blank=True)
    pdf_pages = models.PositiveSmallIntegerField(_("頁數"), null=True, blank=True)
    pdf_bytes = models.PositiveIntegerField(_("檔案大小"), null=True, blank=True)

    objects = ReportBuildQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["year", "-created_at"])]
        permissions = [("build_report", _("可產製年度報告"))]
        verbose_name = _("報告產製紀錄")
        verbose_name_plural = _("報告產製紀錄")

    def __str__(self):
        return _("%(year)s年度報告 #%(id)s（%(status)s）") % {
            "year": roc_year(self.year),
            "id": self.pk,
            "status": self.get_status_display(),
        }

    @property
    def roc_year(self) -> int:
        return roc_year(self.year)

    @property
    def finished(self) -> bool:
        return self.status in (BuildStatus.SUCCEEDED, BuildStatus.FAILED)

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None
