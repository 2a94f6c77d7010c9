"""Base models shared by every app, and the few cross-cutting records (calendar, data access)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RestrictedQuerySet(models.QuerySet):
    """Querysets that know who may see what: the one choke point for row visibility.

    `restrict(user, action)` keeps the rows `user` may `action` ("view", "change", "delete").
    The default is all-or-nothing by Django model permission; a model whose rows belong to
    someone (a booking, a case) overrides `restrict_rows` to widen it for the owner.
    """

    def restrict(self, user, action: str = "view"):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        opts = self.model._meta
        if user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
            return self
        return self.restrict_rows(user, action)

    def restrict_rows(self, user, action: str):
        """Rows a user without the model-wide permission may still `action`. None by default."""
        return self.none()


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("建立時間"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新時間"), auto_now=True)

    class Meta:
        abstract = True


class TrackedModel(TimeStampedModel):
    """Base of every domain model: timestamps, creator, and a full change history.

    History uses django-simple-history for every model the same way: `HistoricalRecords` is
    inherited, and `HistoryRequestMiddleware` records who made each change from the web or API.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("建立者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(inherit=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True


class CalendarOverrideQuerySet(RestrictedQuerySet):
    def restrict_rows(self, user, action: str):
        # The office calendar is public inside the Bureau: every signed-in user reads it; only
        # holders of the model permissions change it.
        return self if action == "view" else self.none()


class CalendarOverride(TimeStampedModel):
    """The Bureau's own word on a day, over the `holidays` package.

    The package has lagged official revisions of the government office calendar and knows
    nothing of typhoon closures (停止上班), so the Bureau records them here (DOMAIN.md,
    "Government office calendar").
    """

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("上班日"))
    reason = models.CharField(_("原因"), max_length=100)
    history = HistoricalRecords()

    objects = CalendarOverrideQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("行事曆調整")
        verbose_name_plural = _("行事曆調整")

    def __str__(self):
        state = _("上班") if self.is_working_day else _("放假")
        return f"{self.date} {state} {self.reason}"


class PersonalDataAccess(models.Model):
    """One full (unmasked) view of personal data: who, when, which record, why (個資法 Art. 18)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("使用者"), on_delete=models.PROTECT)
    accessed_at = models.DateTimeField(_("時間"), auto_now_add=True, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    record_label = models.CharField(_("紀錄"), max_length=200)
    fields = models.CharField(_("欄位"), max_length=200)
    reason = models.CharField(_("事由"), max_length=200, blank=True)
    channel = models.CharField(_("管道"), max_length=20, default="web")

    class Meta:
        ordering = ["-accessed_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("個資檢視紀錄")
        verbose_name_plural = _("個資檢視紀錄")

    def __str__(self):
        return f"{self.user} {self.record_label} {self.accessed_at:%Y-%m-%d %H:%M}"


class RunningNumber(models.Model):
    """The last number issued per kind and year, for every running number of the Bureau
    (case numbers, permit numbers, document numbers, asset numbers): `core.numbering`.

    One UPDATE … SET last = last + 1 takes the row's lock until the caller's transaction ends, so
    concurrent callers wait for each other on PostgreSQL (SQLite serialises every writer); the
    unique constraints on the numbered models are the database's guarantee behind it.
    """

    kind = models.CharField(_("種類"), max_length=60)
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("最後號碼"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="core_running_number_kind_year")]
        verbose_name = _("流水號")
        verbose_name_plural = _("流水號")

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last}"


class Notification(models.Model):
    """An in-app notice to one user (core.notifications.notify): the same events that send e-mail.
    The header shows the unread count; the notices page lists them and marks them read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("收件人"), on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("標題"), max_length=200)
    body = models.TextField(_("內容"), blank=True)
    url = models.CharField(_("連結"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("時間"), auto_now_add=True)
    read_at = models.DateTimeField(_("已讀時間"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="core_notice_user_recent"),
            models.Index(fields=["user"], name="core_notice_user_unread", condition=models.Q(read_at__isnull=True)),
        ]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")

    def __str__(self):
        return f"{self.user} {self.title}"
