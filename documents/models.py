"""Official documents (公文) with their lawful due dates, petitions (市民建議、陳情、市長交辦), and
the registers of the documents and confidential sections (e-exchange organisations, open data
sets, gazette issues, municipal meetings).

A document's status moves only through `services.py` (the state machine table there), every
move leaves a `DocumentEvent`, and documents are never deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents.choices import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    PETITION_CLOSED,
    Action,
    Direction,
    GazetteKind,
    MeetingKind,
    MergeKind,
    Nature,
    NonAcceptanceGround,
    PetitionAction,
    PetitionChannel,
    PetitionKind,
    PetitionStatus,
    Security,
    Status,
)
from kaohsiung_admin.core.deadlines import DueQuerySet
from kaohsiung_admin.core.decisions import DecisionFields, DecisionQuerySet, RequestStatus
from kaohsiung_admin.core.models import RestrictedQuerySet, TrackedModel
from kaohsiung_admin.core.personal_data import mask_address, mask_email, mask_name, mask_phone, validate_phone
from kaohsiung_admin.core.uploads import UploadValidator

# The open, running clocks: what the overdue and due-soon lists read. The partial indexes below
# repeat this condition word for word so that PostgreSQL can use them.
OPEN_CLOCK = Q(status__in=OPEN_STATUSES, paused_since__isnull=True)


class NeverDeleteMixin:
    def delete(self, *args, **kwargs):
        raise ValidationError(_("公文及陳情紀錄不可刪除；請以存查、退文或結案處理。"))


class DocumentQuerySet(DueQuerySet, RestrictedQuerySet):
    due_field = "due_on"

    def open_q(self) -> Q:
        return OPEN_CLOCK

    def restrict_rows(self, user, action: str):
        # A handling officer without the division's permission still reads their own documents.
        if action == "view":
            return self.filter(officer=user)
        return self.none()


class OfficialDocument(NeverDeleteMixin, TrackedModel):
    """One official document (公文): received (收文) or drafted here (創稿), to its dispatch (發文)
    and filing (歸檔)."""

    direction = models.CharField(_("收發別"), max_length=10, choices=Direction.choices, default=Direction.RECEIVED)
    number = models.CharField(_("文號"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    sequence = models.PositiveIntegerField(_("流水號"), editable=False)
    document_date = models.DateField(_("來文日期"), null=True, blank=True)
    received_on = models.DateField(_("收文日期"))
    count_start = models.DateField(_("計算起日"), help_text=_("自次日起算；彙併辦依規定調整"))
    sender = models.CharField(_("來文機關"), max_length=120, blank=True)
    sender_reference = models.CharField(_("來文字號"), max_length=80, blank=True)
    subject = models.CharField(_("主旨"), max_length=500)
    nature = models.CharField(_("公文性質"), max_length=20, choices=Nature.choices, default=Nature.ORDINARY)
    security = models.CharField(_("密等"), max_length=20, choices=Security.choices, default=Security.NONE)
    sender_due_on = models.DateField(_("來文限期"), null=True, blank=True)
    limit_days = models.PositiveSmallIntegerField(
        _("自訂處理時限（日）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("專案管制、人民申請案件必填"),
    )
    extended_days = models.PositiveSmallIntegerField(_("已核准展期（日）"), default=0)
    due_on = models.DateField(_("限辦日期"), null=True, blank=True)
    paused_since = models.DateField(_("暫停計時起日"), null=True, blank=True)
    unit = models.ForeignKey(
        "accounts.Division",
        verbose_name=_("承辦單位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the (unit, …) indexes below serve it
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承辦人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="official_documents",
        db_index=False,
    )
    status = models.CharField(_("狀態"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    e_signed = models.BooleanField(_("電子簽核"), default=False)
    received_via_exchange = models.BooleanField(_("電子交換來文"), default=False)
    sent_via_exchange = models.BooleanField(_("電子交換發文"), default=False)
    addressee = models.CharField(_("受文者"), max_length=200, blank=True)
    issued_number = models.CharField(_("發文字號"), max_length=40, blank=True)
    dispatched_on = models.DateField(_("發文日期"), null=True, blank=True)
    closed_on = models.DateField(_("辦結日期"), null=True, blank=True)
    filed_on = models.DateField(_("歸檔日期"), null=True, blank=True)
    days_taken = models.DecimalField(_("處理日數"), max_digits=6, decimal_places=1, null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("併入主件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_pieces",
    )
    merge_kind = models.CharField(_("彙併辦"), max_length=20, choices=MergeKind.choices, blank=True)
    note = models.TextField(_("備註"), blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        permissions = [
            ("approve_extension", _("可核准公文展期")),
            ("import_office_calendar", _("可匯入行政機關辦公日曆表")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["direction", "year", "sequence"], name="doc_direction_year_seq"),
            models.UniqueConstraint(
                fields=["issued_number"], condition=~Q(issued_number=""), name="doc_issued_number_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(CLOSED_STATUSES)) | Q(closed_on__isnull=False),
                name="doc_closed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(nature=Nature.TIME_LIMITED) | Q(sender_due_on__isnull=False),
                name="doc_time_limited_has_sender_date",
            ),
        ]
        # Every filter and ordering of the register, the due lists and the API is served by an
        # index (bench/bench_documents_overdue.py measures them at 1,000,000 documents). The due
        # lists read only open, running clocks: partial indexes on exactly that condition.
        indexes = [
            models.Index(fields=["received_on", "id"], name="doc_received"),
            models.Index(fields=["direction", "received_on", "id"], name="doc_direction_received"),
            models.Index(fields=["nature", "received_on", "id"], name="doc_nature_received"),
            models.Index(fields=["status", "received_on", "id"], name="doc_status_received"),
            models.Index(fields=["unit", "received_on", "id"], name="doc_unit_received"),
            models.Index(fields=["officer", "received_on", "id"], name="doc_officer_received"),
            models.Index(fields=["due_on", "id"], name="doc_due"),
            models.Index(fields=["due_on", "id"], name="doc_open_due", condition=OPEN_CLOCK),
            models.Index(fields=["unit", "due_on", "id"], name="doc_unit_open_due", condition=OPEN_CLOCK),
            models.Index(fields=["officer", "due_on", "id"], name="doc_officer_open_due", condition=OPEN_CLOCK),
            models.Index(fields=["closed_on"], name="doc_closed"),
            models.Index(fields=["dispatched_on"], name="doc_dispatched"),
        ]
        verbose_name = _("公文")
        verbose_name_plural = _("公文")

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("documents:document-detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None


class DocumentEvent(models.Model):
    """One move in a document's timeline: which action, from and to which status, by whom, when.
    Append-only (the document's own history is simple-history's)."""

    document = models.ForeignKey(OfficialDocument, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("動作"), max_length=30, choices=Action.choices)
    from_status = models.CharField(_("原狀態"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新狀態"), max_length=20, choices=Status.choices, blank=True)
    on = models.DateField(_("日期"), null=True, blank=True)
    at = models.DateTimeField(_("登錄時間"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登錄者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("說明"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["document", "at"], name="doc_event_document_at")]
        verbose_name = _("公文歷程")
        verbose_name_plural = _("公文歷程")

    def __str__(self):
        return f"{self.document_id} {self.get_action_display()}"


class DocumentAttachment(NeverDeleteMixin, TrackedModel):
    document = models.ForeignKey(OfficialDocument, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("檔案"), upload_to="documents/attachments/%Y/", validators=[UploadValidator()])
    description = models.CharField(_("說明"), max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("公文附件")
        verbose_name_plural = _("公文附件")

    def __str__(self):
        return self.description or self.file.name.rsplit("/", 1)[-1]


class DocumentPause(TrackedModel):
    """The clock stood still from `start` through `end` while the matter waited on another
    agency (core.deadlines.Pause); `end` is empty while it still waits."""

    document = models.ForeignKey(OfficialDocument, on_delete=models.PROTECT, related_name="pauses")
    start = models.DateField(_("暫停起日"))
    end = models.DateField(_("暫停迄日"), null=True, blank=True)
    agency = models.CharField(_("等待機關"), max_length=120)
    reason = models.CharField(_("事由"), max_length=200, blank=True)

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document"], condition=Q(end__isnull=True), name="doc_one_open_pause"),
        ]
        verbose_name = _("暫停計時")
        verbose_name_plural = _("暫停計時")

    def __str__(self):
        return f"{self.document} {self.start}–{self.end or ''}"


class ExtensionQuerySet(DecisionQuerySet, RestrictedQuerySet):
    pass


class Extension(DecisionFields, TrackedModel):
    """A request to extend a document's limit (展期): ≤ 3 requests, ≤ 10 days each, ≤ 30 in all."""

    document = models.ForeignKey(OfficialDocument, on_delete=models.PROTECT, related_name="extensions")
    days = models.PositiveSmallIntegerField(_("展期日數"), validators=[MinValueValidator(1), MaxValueValidator(10)])
    reason = models.CharField(_("展期理由"), max_length=300)
    status = models.CharField(_("狀態"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING)

    objects = ExtensionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"], name="doc_extension_status")]
        verbose_name = _("展期申請")
        verbose_name_plural = _("展期申請")

    def __str__(self):
        return f"{self.document} +{self.days}"


# --- petitions ------------------------------------------------------------------------------


class ControlYuanVisit(TrackedModel):
    """監察院地方機關巡察: the members' visit at which citizens hand in petitions."""

    title = models.CharField(_("巡察名稱"), max_length=120, help_text=_("例：110年度第2次地方機關巡察"))
    start_on = models.DateField(_("巡察起日"))
    end_on = models.DateField(_("巡察迄日"))
    members = models.CharField(_("巡察委員"), max_length=200, blank=True)
    summary = models.TextField(_("巡察重點"), blank=True)

    class Meta:
        ordering = ["-start_on"]
        indexes = [models.Index(fields=["start_on"], name="doc_cy_visit_start")]
        verbose_name = _("監察院地方機關巡察")
        verbose_name_plural = _("監察院地方機關巡察")

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("巡察迄日不可早於起日。")})


class PetitionQuerySet(DueQuerySet, RestrictedQuerySet):
    due_field = "due_on"

    def open_q(self) -> Q:
        return ~Q(status__in=sorted(PETITION_CLOSED))


class Petition(NeverDeleteMixin, TrackedModel):
    """A citizen's suggestion, petition or a case the mayor assigned (市民建議、陳情、市長交辦)."""

    personal_fields = {
        "petitioner_name": mask_name,
        "petitioner_phone": mask_phone,
        "petitioner_email": mask_email,
        "petitioner_address": mask_address,
    }
    unmask_permission = "documents.unmask_personal_data"

    number = models.CharField(_("案號"), max_length=30, unique=True)
    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    sequence = models.PositiveIntegerField(_("流水號"), editable=False)
    kind = models.CharField(_("類別"), max_length=20, choices=PetitionKind.choices, default=PetitionKind.PETITION)
    channel = models.CharField(_("受理管道"), max_length=20, choices=PetitionChannel.choices)
    visit = models.ForeignKey(
        ControlYuanVisit,
        verbose_name=_("監察院巡察"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
        db_index=False,  # doc_petition_visit_received leads with it
    )
    received_on = models.DateField(_("收件日期"))
    petitioner_name = models.CharField(_("陳情人"), max_length=60, blank=True)
    petitioner_phone = models.CharField(_("聯絡電話"), max_length=20, blank=True, validators=[validate_phone])
    petitioner_email = models.EmailField(_("電子郵件"), blank=True)
    petitioner_address = models.CharField(_("通訊地址"), max_length=200, blank=True)
    subject = models.CharField(_("案由"), max_length=300)
    content = models.TextField(_("陳情內容"), blank=True)
    assigned_agency = models.CharField(_("分辦機關"), max_length=120, blank=True)
    assigned_on = models.DateField(_("分辦日期"), null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("管制人員"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    due_on = models.DateField(_("處理期限"))
    extended_days = models.PositiveSmallIntegerField(_("展期日數"), default=0)
    extension_notice_on = models.DateField(_("展期通知日期"), null=True, blank=True)
    extension_reason = models.CharField(_("展期理由"), max_length=300, blank=True)
    status = models.CharField(_("狀態"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.RECEIVED)
    replied_on = models.DateField(_("答復日期"), null=True, blank=True)
    closed_on = models.DateField(_("結案日期"), null=True, blank=True)
    non_acceptance_ground = models.CharField(
        _("不予受理理由"), max_length=20, choices=NonAcceptanceGround.choices, blank=True
    )

    objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        permissions = [("unmask_personal_data", _("可檢視陳情人完整個資"))]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="doc_petition_year_seq"),
            models.CheckConstraint(
                condition=~Q(channel=PetitionChannel.CONTROL_YUAN) | Q(visit__isnull=False),
                name="doc_petition_cy_has_visit",
            ),
            models.CheckConstraint(
                condition=~Q(status=PetitionStatus.NOT_ACCEPTED) | ~Q(non_acceptance_ground=""),
                name="doc_petition_not_accepted_has_ground",
            ),
            models.CheckConstraint(
                condition=Q(extended_days=0) | Q(extension_notice_on__isnull=False),
                name="doc_petition_extension_has_notice",
            ),
        ]
        indexes = [
            models.Index(fields=["received_on", "id"], name="doc_petition_received"),
            models.Index(fields=["channel", "received_on", "id"], name="doc_petition_channel"),
            models.Index(fields=["kind", "received_on", "id"], name="doc_petition_kind"),
            models.Index(fields=["status", "received_on", "id"], name="doc_petition_status"),
            models.Index(fields=["due_on", "id"], name="doc_petition_due"),
            models.Index(
                fields=["due_on", "id"],
                name="doc_petition_open_due",
                condition=~Q(status__in=sorted(PETITION_CLOSED)),
            ),
            models.Index(fields=["officer", "due_on", "id"], name="doc_petition_officer_due"),
            # A Control Yuan visit's petitions in list order (at a million, the page walked
            # 5,865 petitions of other visits to find 50).
            models.Index(fields=["visit", "received_on", "id"], name="doc_petition_visit_received"),
            # The open petitions in list order: the overdue filter's page without walking the
            # closed ones (at a million, 22,839 rows read to find 50).
            models.Index(
                fields=["received_on", "id"],
                name="doc_petition_open_received",
                condition=~Q(status__in=sorted(PETITION_CLOSED)),
            ),
        ]
        verbose_name = _("市民陳情案件")
        verbose_name_plural = _("市民陳情案件")

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("documents:petition-detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status in PETITION_CLOSED


class PetitionReply(TrackedModel):
    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="replies")
    replied_on = models.DateField(_("答復日期"))
    agency = models.CharField(_("答復機關"), max_length=120)
    content = models.TextField(_("答復內容"))

    class Meta:
        ordering = ["replied_on", "id"]
        verbose_name = _("陳情答復")
        verbose_name_plural = _("陳情答復")

    def __str__(self):
        return f"{self.petition} {self.replied_on}"


class PetitionEvent(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("動作"), max_length=20, choices=PetitionAction.choices)
    from_status = models.CharField(_("原狀態"), max_length=20, choices=PetitionStatus.choices, blank=True)
    to_status = models.CharField(_("新狀態"), max_length=20, choices=PetitionStatus.choices, blank=True)
    on = models.DateField(_("日期"), null=True, blank=True)
    at = models.DateTimeField(_("登錄時間"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登錄者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("說明"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["petition", "at"], name="doc_petition_event_at")]
        verbose_name = _("陳情歷程")
        verbose_name_plural = _("陳情歷程")

    def __str__(self):
        return f"{self.petition_id} {self.get_action_display()}"


# --- registers ------------------------------------------------------------------------------


class EExchangeOrganisation(TrackedModel):
    """A private organisation using the city's document e-exchange (高雄市政府公文電子交換作業要點)."""

    name = models.CharField(_("組織或團體名稱"), max_length=160)
    tax_id = models.CharField(_("統一編號"), max_length=8, blank=True)
    contact = models.CharField(_("聯絡人"), max_length=60, blank=True)
    registered_on = models.DateField(_("受理日期"))
    withdrawn_on = models.DateField(_("停用日期"), null=True, blank=True)

    class Meta:
        ordering = ["registered_on", "id"]
        indexes = [models.Index(fields=["registered_on"], name="doc_org_registered")]
        verbose_name = _("公文電子交換民間組織")
        verbose_name_plural = _("公文電子交換民間組織")

    def __str__(self):
        return self.name


class OpenDataSet(TrackedModel):
    title = models.CharField(_("資料集名稱"), max_length=200)
    data_format = models.CharField(_("格式"), max_length=40, default="CSV")
    url = models.URLField(_("網址"), blank=True)
    published_on = models.DateField(_("開放日期"))
    withdrawn_on = models.DateField(_("下架日期"), null=True, blank=True)

    class Meta:
        ordering = ["published_on", "id"]
        indexes = [models.Index(fields=["published_on"], name="doc_dataset_published")]
        verbose_name = _("開放資料集")
        verbose_name_plural = _("開放資料集")

    def __str__(self):
        return self.title


class GazetteIssue(TrackedModel):
    """一期「高雄市政府電子公報」: issued every Monday and Thursday, with extra issues (號外)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveSmallIntegerField(_("期別"))
    kind = models.CharField(_("類別"), max_length=10, choices=GazetteKind.choices, default=GazetteKind.REGULAR)
    issue_on = models.DateField(_("出刊日期"))
    published = models.BooleanField(_("已出刊"), default=True)
    items = models.PositiveSmallIntegerField(_("刊登則數"), default=0)

    class Meta:
        ordering = ["-issue_on", "-number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="doc_gazette_year_number")]
        indexes = [models.Index(fields=["issue_on"], name="doc_gazette_issue_on")]
        verbose_name = _("電子公報")
        verbose_name_plural = _("電子公報")

    def __str__(self):
        return _("%(roc)s年第%(n)s期") % {"roc": self.year - 1911, "n": self.number}


class MunicipalMeeting(TrackedModel):
    """市政會議 (weekly) or its extraordinary session, with its minutes."""

    kind = models.CharField(_("類別"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    session = models.PositiveSmallIntegerField(_("次別"))
    held_on = models.DateField(_("開會日期"))
    chair = models.CharField(_("主席"), max_length=60, blank=True)
    minutes = models.TextField(_("會議紀錄"), blank=True)
    minutes_file = models.FileField(
        _("會議紀錄檔"), upload_to="documents/minutes/%Y/", blank=True, validators=[UploadValidator()]
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["kind", "held_on"], name="doc_meeting_kind_day")]
        indexes = [models.Index(fields=["held_on"], name="doc_meeting_held")]
        verbose_name = _("市政會議")
        verbose_name_plural = _("市政會議")

    def __str__(self):
        return f"{self.held_on} {self.get_kind_display()} {_('第%(n)s次') % {'n': self.session}}"
