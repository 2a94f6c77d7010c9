"""Consumer protection records: consultations, complaint cases through their statutory stages,
mediation, inspections, education, trainings and committees.

A complaint case is one consumer dispute followed from its first complaint (CPA Art. 43 I) to
its end; its stage moves only through `services.py`, every move leaves a `CaseEvent`, and case
records are never deleted (a case ends with a result instead).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from consumer_protection.choices import (
    PRIVATE_SIDES,
    Action,
    AttendeeSide,
    Category,
    Channel,
    CommitteeKind,
    EducationKind,
    FirstRecipient,
    Gender,
    InspectionOutcome,
    MediationStatus,
    MemberType,
    Party,
    RejectionGround,
    Result,
    Seat,
    SecondMeetingOutcome,
    SmallClaimInitiative,
    Stage,
)
from consumer_protection.validators import validate_business_tax_id
from kaohsiung_admin.core.deadlines import DueQuerySet
from kaohsiung_admin.core.models import RestrictedQuerySet, TrackedModel
from kaohsiung_admin.core.personal_data import (
    mask_address,
    mask_email,
    mask_national_id,
    mask_phone,
    validate_national_id,
    validate_phone,
)

# Officers hold it; managers and API clients (who hold every "*.view_*") do not.
UNMASK_PERMISSION = "consumer_protection.unmask_personal_data"
# Mediation files (CPA Art. 45-1) beyond the panel: officers. Not "view_…", which managers hold.
MEDIATION_FILE_PERMISSION = "consumer_protection.access_mediation_file"


# --- categories as data -----------------------------------------------------------------------

_CATEGORY_CACHE: dict = {"at": 0.0, "choices": None}


def category_choices():
    """(code, name) of every consumer category, from the table the unit edits; cached a minute
    per process and dropped on save. Before the table exists (migrations) the built-in list."""
    import time

    from django.db import DatabaseError

    now = time.monotonic()
    if _CATEGORY_CACHE["choices"] is not None and now - _CATEGORY_CACHE["at"] < 60:
        return _CATEGORY_CACHE["choices"]
    try:
        rows = list(ConsumerCategory.objects.order_by("sort_order", "code").values_list("code", "name"))
    except DatabaseError:
        return list(Category.choices)
    choices = rows or list(Category.choices)
    _CATEGORY_CACHE.update(at=now, choices=choices)
    return choices


def clear_category_cache():
    _CATEGORY_CACHE.update(at=0.0, choices=None)


def category_label(code: str) -> str:
    return str(dict(category_choices()).get(code, code))


class ConsumerCategory(TrackedModel):
    """A consumer category (消費類別), kept as data the unit edits, with the agency in charge of
    the trade (目的事業主管機關) that first complaints of the category are referred to."""

    code = models.SlugField(_("代碼"), max_length=20, unique=True)
    name = models.CharField(_("名稱"), max_length=40)
    competent_agency = models.CharField(_("目的事業主管機關"), max_length=80, blank=True)
    is_active = models.BooleanField(_("使用中"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("消費類別")
        verbose_name_plural = _("消費類別")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        clear_category_cache()

    def delete(self, *args, **kwargs):
        raise ValidationError(_("消費類別不可刪除（既有案件仍使用）；請改為停用。"))


def _normalise_trader_name(name: str) -> str:
    return "".join((name or "").split()).replace("臺", "台")


class Trader(TrackedModel):
    """A business complained about, by 統一編號 where known, with the names it was filed under."""

    tax_id = models.CharField(
        _("統一編號"), max_length=8, unique=True, null=True, blank=True, validators=[validate_business_tax_id]
    )
    name = models.CharField(_("名稱"), max_length=120, db_index=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("業者")
        verbose_name_plural = _("業者")

    def __str__(self):
        return f"{self.name}（{self.tax_id}）" if self.tax_id else self.name

    def get_absolute_url(self):
        return reverse("consumer_protection:trader-detail", args=[self.pk])


class TraderAlias(models.Model):
    """A name a trader was filed under (variants: 分店名, 舊名, 簡稱)."""

    trader = models.ForeignKey(Trader, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("業者"))
    name = models.CharField(_("名稱"), max_length=120)
    normalised = models.CharField(max_length=120, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("業者別名")
        verbose_name_plural = _("業者別名")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalised = _normalise_trader_name(self.name)
        super().save(*args, **kwargs)


class NeverDeleteMixin:
    """Case records are kept: a case ends with a result, it is never removed."""

    def delete(self, *args, **kwargs):
        raise ValidationError(_("案件紀錄不可刪除；請以結案或撤回處理。"))


class Consultation(TrackedModel):
    """A consumer's question (消費諮詢), logged in a few seconds at the phone or counter. A
    consultation is not a complaint: it may be anonymous."""

    personal_fields = {"consumer_phone": mask_phone}
    unmask_permission = UNMASK_PERMISSION

    received_at = models.DateTimeField(_("受理時間"))
    channel = models.CharField(_("管道"), max_length=10, choices=Channel.choices, default=Channel.LINE_1950)
    category = models.CharField(_("類別"), max_length=20, choices=category_choices)
    is_anonymous = models.BooleanField(_("匿名諮詢"), default=False)
    consumer_name = models.CharField(_("諮詢人"), max_length=60, blank=True)
    consumer_phone = models.CharField(_("聯絡電話"), max_length=20, blank=True, validators=[validate_phone])
    business_name = models.CharField(_("業者"), max_length=120, blank=True)
    summary = models.TextField(_("諮詢內容"))
    answer = models.TextField(_("答覆"), blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承辦人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["received_at", "id"], name="cp_consult_received"),
            models.Index(fields=["category", "received_at"], name="cp_consult_category"),
        ]
        verbose_name = _("消費諮詢")
        verbose_name_plural = _("消費諮詢")

    def __str__(self):
        return f"{_('諮詢')} #{self.pk} {self.get_category_display()}"


class ComplaintQuerySet(DueQuerySet, RestrictedQuerySet):
    """`.overdue()`, `.due_soon()`, `.due_within()` over the open cases' current clock."""

    due_field = "due_on"

    def open_q(self) -> Q:
        return ~Q(stage=Stage.CLOSED)


class Complaint(NeverDeleteMixin, TrackedModel):
    """A consumer dispute case, numbered per year (e.g. 111消申字第00001號)."""

    personal_fields = {
        "complainant_national_id": mask_national_id,
        "complainant_phone": mask_phone,
        "complainant_address": mask_address,
        "complainant_email": mask_email,
    }
    # The columns a list shows (address and e-mail are on the case page only).
    list_personal_fields = ("complainant_national_id", "complainant_phone")
    unmask_permission = UNMASK_PERMISSION

    case_number = models.CharField(_("案號"), max_length=24, unique=True)
    case_year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    sequence = models.PositiveIntegerField(_("流水號"), editable=False)
    consultation = models.OneToOneField(
        Consultation,
        verbose_name=_("來源諮詢"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaint",
    )
    channel = models.CharField(_("受理管道"), max_length=10, choices=Channel.choices, default=Channel.LINE_1950)
    first_received_by = models.CharField(
        _("第一次申訴受理者"), max_length=20, choices=FirstRecipient.choices, default=FirstRecipient.BUREAU
    )
    first_filed_on = models.DateField(_("第一次申訴日期"))
    category = models.CharField(_("消費類別"), max_length=20, choices=category_choices)

    complainant_name = models.CharField(_("申訴人姓名"), max_length=60)
    complainant_national_id = models.CharField(
        _("身分證統一編號"), max_length=10, validators=[validate_national_id], db_index=True
    )
    complainant_phone = models.CharField(_("聯絡電話"), max_length=20, validators=[validate_phone])
    complainant_address = models.CharField(_("通訊地址"), max_length=200, blank=True)
    complainant_email = models.EmailField(_("電子郵件"), blank=True)

    business_name = models.CharField(_("被申訴業者"), max_length=120)
    business_tax_id = models.CharField(
        _("統一編號"), max_length=8, blank=True, validators=[validate_business_tax_id], db_index=True
    )
    trader = models.ForeignKey(
        Trader, verbose_name=_("業者"), null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    competent_agency = models.CharField(_("目的事業主管機關"), max_length=80, blank=True)
    referred_on = models.DateField(_("移請主管機關日期"), null=True, blank=True)
    agency_replied_on = models.DateField(_("主管機關回復日期"), null=True, blank=True)
    agency_reply = models.TextField(_("主管機關回復內容"), blank=True)
    rejection_ground = models.CharField(_("不受理理由"), max_length=30, choices=RejectionGround.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("重複之案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("爭議金額（元）"), max_digits=12, decimal_places=0, null=True, blank=True)
    narrative = models.TextField(_("申訴內容"))
    demand = models.TextField(_("申訴人訴求"), blank=True)

    stage = models.CharField(_("階段"), max_length=20, choices=Stage.choices, default=Stage.FIRST)
    due_on = models.DateField(_("本階段期限"), null=True, blank=True)
    business_due_on = models.DateField(_("業者處理期限"), null=True, blank=True)
    business_replied_on = models.DateField(_("業者回覆日期"), null=True, blank=True)
    business_reply = models.TextField(_("業者回覆內容"), blank=True)
    second_filed_on = models.DateField(_("第二次申訴日期"), null=True, blank=True)
    second_due_on = models.DateField(_("第二次申訴處理期限"), null=True, blank=True)
    second_meeting_on = models.DateField(_("協商日期"), null=True, blank=True)
    result = models.CharField(_("結果"), max_length=30, choices=Result.choices, blank=True)
    closed_on = models.DateField(_("結案日期"), null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承辦消保官"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consumer_complaints",
        db_index=False,  # the (officer, …) indexes below serve it
    )

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-first_filed_on", "-id"]
        permissions = [
            # Not "view_…": managers and API clients hold every "*.view_*", and must not get this.
            ("unmask_personal_data", _("可檢視申訴人完整個資")),
        ]
        # (the rejection ground is required by services.complaint_close, not by a constraint:
        # cases rejected before the ground was recorded have none)
        constraints = [
            models.UniqueConstraint(fields=["case_year", "sequence"], name="cp_complaint_year_seq"),
            models.CheckConstraint(
                condition=~Q(stage=Stage.CLOSED) | ~Q(result=""), name="cp_complaint_closed_has_result"
            ),
        ]
        # Every filter and ordering the case list and the API offer has an index behind it
        # (bench/bench_consumer_protection_lists.py measures them at 1,000,000 rows). Name and
        # business search use trigram and prefix indexes on PostgreSQL (migration 0002).
        indexes = [
            models.Index(fields=["first_filed_on", "id"], name="cp_complaint_filed"),
            models.Index(fields=["stage", "first_filed_on", "id"], name="cp_complaint_stage_filed"),
            models.Index(fields=["category", "first_filed_on", "id"], name="cp_complaint_cat_filed"),
            models.Index(fields=["officer", "first_filed_on", "id"], name="cp_complaint_officer_filed"),
            models.Index(fields=["officer", "due_on", "id"], name="cp_complaint_officer_due_all"),
            # "My cases" are the officer's open cases by due date.
            models.Index(
                fields=["officer", "due_on", "id"], name="cp_complaint_officer_open", condition=~Q(stage=Stage.CLOSED)
            ),
            models.Index(fields=["due_on", "id"], name="cp_complaint_open_due", condition=~Q(stage=Stage.CLOSED)),
            models.Index(fields=["second_filed_on"], name="cp_complaint_second_filed"),
        ]
        verbose_name = _("申訴案件")
        verbose_name_plural = _("申訴案件")

    def __str__(self):
        return self.case_number

    def get_absolute_url(self):
        return reverse("consumer_protection:complaint-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED


class ComplaintAttachment(NeverDeleteMixin, TrackedModel):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("檔案"), upload_to="consumer_protection/attachments/%Y/")
    description = models.CharField(_("說明"), max_length=200, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.description or self.file.name.rsplit("/", 1)[-1]


class SecondMeeting(NeverDeleteMixin, TrackedModel):
    """A meeting (協調會) of a second complaint (CPA Art. 43 III): when, where, who chaired, who
    came for which side, the minutes and the outcome. Kept with its history, never deleted."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="second_meetings", verbose_name=_("申訴案件")
    )
    held_at = models.DateTimeField(_("開會時間"))
    place = models.CharField(_("地點"), max_length=120)
    chair = models.CharField(_("主席"), max_length=60)
    minutes = models.TextField(_("會議紀錄"))
    outcome = models.CharField(_("協商結果"), max_length=12, choices=SecondMeetingOutcome.choices)

    class Meta:
        ordering = ["held_at", "id"]
        indexes = [models.Index(fields=["complaint", "held_at"], name="cp_second_meeting_at")]
        verbose_name = _("第二次申訴協調會")
        verbose_name_plural = _("第二次申訴協調會")

    def __str__(self):
        return f"{self.complaint} {self.held_at:%Y-%m-%d %H:%M}"


class SecondMeetingAttendee(NeverDeleteMixin, TrackedModel):
    meeting = models.ForeignKey(
        SecondMeeting, on_delete=models.PROTECT, related_name="attendees", verbose_name=_("協調會")
    )
    side = models.CharField(_("出席身分"), max_length=10, choices=AttendeeSide.choices)
    name = models.CharField(_("姓名"), max_length=60)
    capacity = models.CharField(_("職稱／關係"), max_length=60, blank=True)
    attended = models.BooleanField(_("出席"), default=True)

    class Meta:
        ordering = ["meeting", "side", "id"]
        verbose_name = _("協調會出席人員")
        verbose_name_plural = _("協調會出席人員")

    def __str__(self):
        return f"{self.get_side_display()} {self.name}"

    @property
    def is_private_person(self) -> bool:
        return self.side in PRIVATE_SIDES


class CaseEvent(models.Model):
    """One step in a case's timeline: which action, by whom, when.

    Append-only, so it keeps no history of its own; the case's history is these rows plus the
    simple-history rows of the case.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    mediation = models.ForeignKey(
        "MediationCase", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("動作"), max_length=30, choices=Action.choices)
    from_stage = models.CharField(_("原階段"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("新階段"), max_length=20, choices=Stage.choices, blank=True)
    on = models.DateField(_("事實發生日"), null=True, blank=True)
    at = models.DateTimeField(_("登錄時間"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登錄者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("說明"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["complaint", "at"], name="cp_event_complaint_at")]
        verbose_name = _("案件歷程")
        verbose_name_plural = _("案件歷程")

    def __str__(self):
        return f"{self.complaint_id} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("案件歷程不可刪除。"))


class Committee(TrackedModel):
    """調解委員會 (CPA Art. 45: 7–21 members, chaired by a consumer protection officer) or the
    city's 消費者保護委員會."""

    kind = models.CharField(_("類別"), max_length=20, choices=CommitteeKind.choices)
    name = models.CharField(_("名稱"), max_length=80)
    legal_basis = models.CharField(_("設置依據"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("委員會")
        verbose_name_plural = _("委員會")

    def __str__(self):
        return self.name


class CommitteeMember(TrackedModel):
    """One appointment to a committee for one term (terms are 2 years, renewable [S]).

    The roster of a mediation committee is checked against CPA Art. 45 whenever a member or a
    term is saved through the pages or the admin (`services.check_roster`)."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="members", verbose_name=_("委員會"))
    name = models.CharField(_("姓名"), max_length=60)
    member_type = models.CharField(_("身分"), max_length=20, choices=MemberType.choices)
    affiliation = models.CharField(_("服務單位"), max_length=120, blank=True)
    seat = models.CharField(_("代表席次"), max_length=20, choices=Seat.choices, blank=True)
    gender = models.CharField(_("性別"), max_length=1, choices=Gender.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("系統帳號"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_seats",
        help_text=_("委員以此帳號檢視其調解小組之案件。"),
    )
    is_chair = models.BooleanField(_("主席／召集人"), default=False)
    term_start = models.DateField(_("任期起"))
    term_end = models.DateField(_("任期迄"))

    class Meta:
        ordering = ["committee", "-is_chair", "member_type", "name"]
        indexes = [models.Index(fields=["committee", "term_start", "term_end"], name="cp_member_term")]
        verbose_name = _("委員")
        verbose_name_plural = _("委員")

    def __str__(self):
        return f"{self.name}（{self.get_member_type_display()}）"

    def clean(self):
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("任期迄日不可早於起日。")})


class CommitteeMeeting(TrackedModel):
    """A sitting of a committee: a mediation meeting hears several cases; the protection
    committee decides resolutions."""

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("委員會")
    )
    held_on = models.DateField(_("開會日期"))
    title = models.CharField(_("會議名稱"), max_length=120)
    location = models.CharField(_("地點"), max_length=120, blank=True)
    members_present = models.ManyToManyField(
        CommitteeMember, verbose_name=_("出席委員"), blank=True, related_name="meetings_attended"
    )
    minutes = models.TextField(_("會議紀錄"), blank=True)

    class Meta:
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["committee", "held_on"], name="cp_meeting_held")]
        verbose_name = _("委員會會議")
        verbose_name_plural = _("委員會會議")

    def __str__(self):
        return f"{self.title}（{self.held_on}）"


class Resolution(TrackedModel):
    meeting = models.ForeignKey(
        CommitteeMeeting, on_delete=models.CASCADE, related_name="resolutions", verbose_name=_("會議")
    )
    number = models.PositiveSmallIntegerField(_("案次"))
    subject = models.CharField(_("案由"), max_length=200)
    decision = models.TextField(_("決議"))

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("決議")
        verbose_name_plural = _("決議")

    def __str__(self):
        return f"{self.meeting} 第{self.number}案"


MEDIATION_OPEN_STATUSES = (
    MediationStatus.APPLIED,
    MediationStatus.CORRECTION,
    MediationStatus.SCHEDULED,
    MediationStatus.PROPOSAL,
)


class MediationQuerySet(DueQuerySet, RestrictedQuerySet):
    due_field = "due_on"

    def open_q(self) -> Q:
        return Q(status__in=MEDIATION_OPEN_STATUSES)

    def restrict(self, user, action: str = "view"):
        """CPA Art. 45-1: a mediation file is confidential. Inside the Bureau it is open to the
        consumer protection officers and to the members of its panel (present at its meeting and
        not recused); a bureau's token reads it only with a grant (the API's permission)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if getattr(user, "is_api_client", False):
            return super().restrict(user, action)
        if user.has_perm(MEDIATION_FILE_PERMISSION) and user.has_perm(f"consumer_protection.{action}_mediationcase"):
            return self
        if action != "view":
            return self.none()
        return (
            self.filter(meeting__members_present__user=user)
            .exclude(interest_declarations__member__user=user)
            .distinct()
        )


class MediationCase(NeverDeleteMixin, TrackedModel):
    """An application for mediation (CPA Art. 44), numbered per year (111消調字第0001號)."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="mediations", verbose_name=_("申訴案件")
    )
    case_number = models.CharField(_("調解案號"), max_length=24, unique=True)
    case_year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    sequence = models.PositiveIntegerField(_("流水號"), editable=False)
    applied_on = models.DateField(_("申請日期"))
    status = models.CharField(
        _("狀態"), max_length=20, choices=MediationStatus.choices, default=MediationStatus.APPLIED
    )
    due_on = models.DateField(_("本階段期限"), null=True, blank=True)
    correction_due_on = models.DateField(_("補正期限"), null=True, blank=True)
    correction_items = models.TextField(_("應補正事項"), blank=True)
    corrected_on = models.DateField(_("補正日期"), null=True, blank=True)
    meeting = models.ForeignKey(
        CommitteeMeeting,
        verbose_name=_("調解會議"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediation_cases",
    )
    respondent_representative = models.CharField(_("相對人代表"), max_length=80, blank=True)
    proposal = models.TextField(_("調解方案"), blank=True)
    proposal_served_on = models.DateField(_("調解方案送達日"), null=True, blank=True)
    objection_due_on = models.DateField(_("異議期限"), null=True, blank=True)
    objection_filed_on = models.DateField(_("異議日期"), null=True, blank=True)
    result_on = models.DateField(_("結果日期"), null=True, blank=True)
    result_note = models.TextField(_("結果說明"), blank=True)
    court_approved_on = models.DateField(_("法院核定日"), null=True, blank=True)
    # The small-claims path (CPA Art. 45-4 / 45-5).
    absent_party = models.CharField(_("無正當理由不到場之當事人"), max_length=12, choices=Party.choices, blank=True)
    absent_on = models.DateField(_("不到場之調解期日"), null=True, blank=True)
    small_claim = models.BooleanField(_("小額消費爭議解決方案"), default=False)
    small_claim_initiative = models.CharField(
        _("解決方案之提出"), max_length=12, choices=SmallClaimInitiative.choices, blank=True
    )
    objected_by = models.CharField(_("異議之當事人"), max_length=12, choices=Party.choices, blank=True)
    respondent_agreed_retry = models.BooleanField(
        _("相對人同意再行調解"),
        default=False,
        help_text=_("調解辦法第5條：曾調解不成立者，須經相對人同意始得再申請。"),
    )

    objects = MediationQuerySet.as_manager()

    class Meta:
        permissions = [("access_mediation_file", _("可檢視所有調解案件（消費者保護法第45條之1）"))]
        ordering = ["-applied_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["case_year", "sequence"], name="cp_mediation_year_seq")]
        indexes = [
            models.Index(fields=["applied_on", "id"], name="cp_mediation_applied"),
            models.Index(fields=["status", "applied_on"], name="cp_mediation_status"),
            models.Index(fields=["due_on"], name="cp_mediation_due"),
            models.Index(fields=["result_on"], name="cp_mediation_result"),
            # The open files (0.5 % of them at a million): the overdue filter's capped count reads
            # these, not every file with a due date (8-12 ms -> 0.6-1.4 ms at 1M, EXPLAIN ANALYZE).
            models.Index(
                fields=["due_on", "id"], name="cp_mediation_open_due", condition=Q(status__in=MEDIATION_OPEN_STATUSES)
            ),
        ]
        verbose_name = _("調解案件")
        verbose_name_plural = _("調解案件")

    def __str__(self):
        return self.case_number

    def get_absolute_url(self):
        return reverse("consumer_protection:mediation-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in MEDIATION_OPEN_STATUSES


class InterestDeclaration(TrackedModel):
    """A member's declared interest in a mediation case (CPA Art. 45-1 recusal): the member is
    left out of the case's panel and of its majority count. Kept, never deleted."""

    mediation = models.ForeignKey(
        MediationCase, on_delete=models.PROTECT, related_name="interest_declarations", verbose_name=_("調解案件")
    )
    member = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="interest_declarations", verbose_name=_("委員")
    )
    declared_on = models.DateField(_("聲明日期"))
    reason = models.CharField(_("利害關係"), max_length=200)

    class Meta:
        ordering = ["declared_on", "id"]
        constraints = [models.UniqueConstraint(fields=["mediation", "member"], name="cp_interest_once")]
        verbose_name = _("利益迴避聲明")
        verbose_name_plural = _("利益迴避聲明")

    def __str__(self):
        return f"{self.member.name}：{self.mediation}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("利益迴避聲明不可刪除。"))


class InspectionRound(TrackedModel):
    """One inspection round (查核) with the agencies in charge of the trade."""

    held_on = models.DateField(_("查核日期"))
    title = models.CharField(_("查核項目"), max_length=120)
    category = models.CharField(_("消費類別"), max_length=20, choices=category_choices, default=Category.OTHER)
    agencies = models.CharField(_("會同機關"), max_length=200, help_text=_("以頓號分隔，例：地政局、法制局"))
    notes = models.TextField(_("說明"), blank=True)

    class Meta:
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["held_on"], name="cp_inspection_held")]
        verbose_name = _("查核場次")
        verbose_name_plural = _("查核場次")

    def __str__(self):
        return f"{self.held_on} {self.title}"


class InspectionVenue(TrackedModel):
    """A business visited in a round, with findings and their follow-up."""

    round = models.ForeignKey(
        InspectionRound, on_delete=models.CASCADE, related_name="venues", verbose_name=_("查核場次")
    )
    business_name = models.CharField(_("業者"), max_length=120)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    findings = models.TextField(_("查核結果"), blank=True)
    outcome = models.CharField(
        _("處理情形"), max_length=20, choices=InspectionOutcome.choices, default=InspectionOutcome.COMPLIANT
    )
    follow_up = models.TextField(_("後續追蹤"), blank=True)
    follow_up_due_on = models.DateField(_("改善期限"), null=True, blank=True)

    class Meta:
        ordering = ["round", "id"]
        verbose_name = _("查核場家")
        verbose_name_plural = _("查核場家")

    def __str__(self):
        return self.business_name


class EducationEvent(TrackedModel):
    """An education or publicity event by the consumer protection officers."""

    held_on = models.DateField(_("日期"))
    kind = models.CharField(_("類型"), max_length=20, choices=EducationKind.choices)
    title = models.CharField(_("主題"), max_length=120)
    audience = models.CharField(_("對象"), max_length=120, blank=True)
    location = models.CharField(_("地點"), max_length=120, blank=True)
    attendance = models.PositiveIntegerField(_("參加人數"), null=True, blank=True)

    class Meta:
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["held_on"], name="cp_education_held")]
        verbose_name = _("教育宣導")
        verbose_name_plural = _("教育宣導")

    def __str__(self):
        return f"{self.held_on} {self.title}"


class Training(TrackedModel):
    """A workshop (研習會) for the city's consumer protection staff and partners."""

    held_on = models.DateField(_("日期"))
    title = models.CharField(_("名稱"), max_length=120)
    co_organiser = models.CharField(_("合辦單位"), max_length=120, blank=True)
    location = models.CharField(_("地點"), max_length=120, blank=True)
    topics = models.TextField(_("課程"), blank=True)

    class Meta:
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["held_on"], name="cp_training_held")]
        verbose_name = _("研習")
        verbose_name_plural = _("研習")

    def __str__(self):
        return f"{self.held_on} {self.title}"


class TrainingParticipant(TrackedModel):
    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="participants", verbose_name=_("研習")
    )
    name = models.CharField(_("姓名"), max_length=60)
    organisation = models.CharField(_("單位"), max_length=120, blank=True)

    class Meta:
        ordering = ["training", "id"]
        verbose_name = _("研習參加人員")
        verbose_name_plural = _("研習參加人員")

    def __str__(self):
        return self.name
