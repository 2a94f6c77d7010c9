"""The dormitory register, occupancies and their checks, repairs, lendings, and the asset register.

- A `Dormitory` is one unit on the register (首長職務宿舍, 多房間職務宿舍, 單房間職務宿舍, 眷舍). It is
  lent to one occupant (a household) at a time: an `Occupancy` spans [start_on, moved_out_on),
  open-ended while the occupant lives there, and two occupancies of one unit never overlap
  (PostgreSQL: exclusion constraint in migration 0002; SQLite: services take the write lock).
- A `CheckRound` (居住事實查考) holds one `CheckItem` per unit occupied when it opened.
- A `Lending` lends a unit (the mayor's residence, land or an empty 眷舍) for dates; two approved
  lendings of one unit never overlap (the same two guarantees).
- An `Asset` is one 財產 or 物品 with its 財物標準分類 number; its `AssetEvent`s (增加, 移撥, 捐贈,
  變賣, 報廢, 異動保管) are its 財產卡 history, each with a voucher number.
- A `StocktakingRound` (盤點) of a location holds one `StocktakingEntry` per asset expected there.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dormitories import rules
from dormitories.choices import (
    ApplicationStatus,
    AssetEventKind,
    AssetKind,
    AssetStatus,
    BorrowerKind,
    Center,
    CheckRoundStatus,
    DisposalStage,
    DormitoryKind,
    DormitoryStatus,
    EligibilityBasis,
    Finding,
    OccupancyStatus,
    Purpose,
    RecordMethod,
    RepairKind,
    RepairStatus,
    StockResult,
    StocktakingStatus,
)
from kaohsiung_admin.core.deadlines import DueQuerySet
from kaohsiung_admin.core.decisions import DecisionFields, DecisionQuerySet, RequestStatus
from kaohsiung_admin.core.models import RestrictedQuerySet, TrackedModel
from kaohsiung_admin.core.personal_data import mask_national_id, mask_phone, validate_national_id, validate_phone
from kaohsiung_admin.core.uploads import UploadValidator

UNMASK_PERMISSION = "dormitories.unmask_personal_data"


class Dormitory(TrackedModel):
    code = models.CharField(_("宿舍編號"), max_length=20, unique=True)
    name = models.CharField(_("名稱"), max_length=80)
    kind = models.CharField(_("類別"), max_length=12, choices=DormitoryKind.choices, db_index=True)
    address = models.CharField(_("地址"), max_length=150)
    district = models.CharField(_("行政區"), max_length=10, db_index=True)
    rooms = models.PositiveSmallIntegerField(_("房間數"), default=1, validators=[MinValueValidator(1)])
    floor_area = models.DecimalField(
        _("面積（平方公尺）"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )
    status = models.CharField(
        _("狀態"), max_length=12, choices=DormitoryStatus.choices, default=DormitoryStatus.VACANT, db_index=True
    )
    is_mayor_residence = models.BooleanField(_("市長官邸"), default=False)
    is_lendable = models.BooleanField(
        _("可出借"), default=False, help_text=_("可供機關、學校或團體借用辦理公益活動，或出借他機關使用。")
    )
    registered_on = models.DateField(_("列管日期"))
    retired_on = models.DateField(_("除帳日期"), null=True, blank=True)
    note = models.TextField(_("備註"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("宿舍")
        verbose_name_plural = _("宿舍")
        indexes = [models.Index(fields=["kind", "status"], name="dorm_kind_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True) | Q(retired_on__gte=models.F("registered_on")),
                name="dorm_retired_after_registered",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("dormitories:dormitory-detail", args=[self.pk])


class OccupancyQuerySet(DueQuerySet, RestrictedQuerySet):
    """Open rows are occupants still living there whose eligibility has ended: their clock is the
    move-out due day (宿舍管理手冊 [S], rules.MOVE_OUT)."""

    due_field = "move_out_due_on"

    def open_q(self):
        return Q(status=OccupancyStatus.ACTIVE, move_out_due_on__isnull=False)

    def current(self):
        return self.filter(status=OccupancyStatus.ACTIVE)


class Occupancy(TrackedModel):
    dormitory = models.ForeignKey(
        Dormitory, on_delete=models.PROTECT, related_name="occupancies", verbose_name=_("宿舍")
    )
    occupant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("借用人帳號"),
    )
    occupant_name = models.CharField(_("借用人"), max_length=60)
    occupant_national_id = models.CharField(
        _("身分證統一編號"), max_length=10, blank=True, validators=[validate_national_id]
    )
    occupant_phone = models.CharField(_("聯絡電話"), max_length=20, blank=True, validators=[validate_phone])
    occupant_agency = models.CharField(_("服務機關"), max_length=60, blank=True)
    occupant_title = models.CharField(_("職稱"), max_length=40, blank=True)
    eligibility_basis = models.CharField(_("借用資格"), max_length=16, choices=EligibilityBasis.choices)
    contract_number = models.CharField(_("借用契約編號"), max_length=30, blank=True)
    contract_signed_on = models.DateField(_("契約簽訂日"), null=True, blank=True)
    contract_file = models.FileField(
        _("契約檔案"), upload_to="dormitories/contracts/%Y/", blank=True, validators=[UploadValidator()]
    )
    start_on = models.DateField(_("借住起日"))
    term_end_on = models.DateField(_("借用期限"), null=True, blank=True)
    eligibility_ended_on = models.DateField(_("資格消滅日"), null=True, blank=True)
    move_out_due_on = models.DateField(_("應遷出日"), null=True, blank=True, db_index=True)
    moved_out_on = models.DateField(_("遷出日"), null=True, blank=True)
    status = models.CharField(
        _("狀態"), max_length=10, choices=OccupancyStatus.choices, default=OccupancyStatus.ACTIVE, db_index=True
    )
    note = models.TextField(_("備註"), blank=True)

    personal_fields = {"occupant_national_id": mask_national_id, "occupant_phone": mask_phone}
    unmask_permission = UNMASK_PERMISSION

    objects = OccupancyQuerySet.as_manager()

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("借住紀錄")
        verbose_name_plural = _("借住紀錄")
        permissions = [
            # Not "view_…": managers and API clients hold every "*.view_*", and must not get this.
            ("unmask_personal_data", _("可檢視借用人完整個資")),
        ]
        # dorm_occ_start serves the list's sortable heading (filters.OccupancyFilterSet.ordering).
        indexes = [
            models.Index(fields=["dormitory", "start_on"], name="dorm_occ_dorm_start"),
            models.Index(fields=["start_on", "id"], name="dorm_occ_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(moved_out_on__isnull=True) | Q(moved_out_on__gt=models.F("start_on")),
                name="dorm_occ_moved_out_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | Q(moved_out_on__isnull=False), name="dorm_occ_ended_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.dormitory.code} {self.occupant_name}"

    def save(self, *args, **kwargs):
        self.move_out_due_on = rules.move_out_due(self.eligibility_ended_on)
        if kwargs.get("update_fields") is not None and "eligibility_ended_on" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "move_out_due_on"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("dormitories:occupancy-detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status != OccupancyStatus.ACTIVE


class OccupancyApplication(TrackedModel):
    """An application for a unit of a kind, queued by filing time (宿舍管理手冊 [S])."""

    kind = models.CharField(_("申請類別"), max_length=12, choices=DormitoryKind.choices)
    dormitory = models.ForeignKey(
        Dormitory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("指定宿舍"),
    )
    applicant_name = models.CharField(_("申請人"), max_length=60)
    applicant_national_id = models.CharField(
        _("身分證統一編號"), max_length=10, blank=True, validators=[validate_national_id]
    )
    applicant_phone = models.CharField(_("聯絡電話"), max_length=20, blank=True, validators=[validate_phone])
    applicant_agency = models.CharField(_("服務機關"), max_length=60)
    eligibility_basis = models.CharField(_("借用資格"), max_length=16, choices=EligibilityBasis.choices)
    evidence = models.CharField(_("資格證明"), max_length=200, blank=True)
    evidence_file = models.FileField(
        _("證明文件"), upload_to="dormitories/applications/%Y/", blank=True, validators=[UploadValidator()]
    )
    filed_at = models.DateTimeField(_("申請時間"), db_index=True)
    status = models.CharField(
        _("狀態"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.QUEUED, db_index=True
    )
    occupancy = models.OneToOneField(
        Occupancy, on_delete=models.PROTECT, null=True, blank=True, related_name="application", verbose_name=_("配住")
    )
    closed_reason = models.CharField(_("結案說明"), max_length=200, blank=True)

    personal_fields = {"applicant_national_id": mask_national_id, "applicant_phone": mask_phone}
    unmask_permission = UNMASK_PERMISSION

    class Meta:
        # The queue: first filed, first served.
        ordering = ["filed_at", "id"]
        verbose_name = _("借住申請")
        verbose_name_plural = _("借住申請")
        indexes = [models.Index(fields=["status", "kind", "filed_at"], name="dorm_app_queue")]

    def __str__(self):
        return f"{self.applicant_name}（{self.get_kind_display()}）"


class CheckRound(TrackedModel):
    """居住事實查考: twice a year, May and November (宿舍管理手冊 [S]; the seed 壹/一/(三)3)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    opened_on = models.DateField(_("開始日"))
    closed_on = models.DateField(_("結束日"), null=True, blank=True)
    status = models.CharField(
        _("狀態"), max_length=8, choices=CheckRoundStatus.choices, default=CheckRoundStatus.OPEN, db_index=True
    )
    note = models.TextField(_("備註"), blank=True)

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("居住事實查考")
        verbose_name_plural = _("居住事實查考")
        # Sortable headings: year by the (year, month) constraint's index, opened_on by this one.
        indexes = [models.Index(fields=["opened_on", "id"], name="dorm_check_opened")]
        constraints = [models.UniqueConstraint(fields=["year", "month"], name="dorm_check_round_year_month")]

    def __str__(self):
        return f"{self.year - 1911}年{self.month}月"

    def get_absolute_url(self):
        return reverse("dormitories:checkround-detail", args=[self.pk])


class CheckItem(TrackedModel):
    round = models.ForeignKey(CheckRound, on_delete=models.CASCADE, related_name="items", verbose_name=_("查考"))
    dormitory = models.ForeignKey(
        Dormitory, on_delete=models.PROTECT, related_name="check_items", verbose_name=_("宿舍")
    )
    occupancy = models.ForeignKey(
        Occupancy, on_delete=models.PROTECT, null=True, related_name="check_items", verbose_name=_("借住紀錄")
    )
    finding = models.CharField(_("查考結果"), max_length=14, choices=Finding.choices, blank=True, db_index=True)
    checked_on = models.DateField(_("查考日"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("查考人"),
    )
    note = models.TextField(_("說明"), blank=True)
    action_done = models.BooleanField(_("已處理"), default=False)

    class Meta:
        ordering = ["dormitory__code"]
        verbose_name = _("查考項目")
        verbose_name_plural = _("查考項目")
        constraints = [
            models.UniqueConstraint(fields=["round", "dormitory"], name="dorm_check_item_unique"),
            models.CheckConstraint(
                condition=Q(finding="") | Q(checked_on__isnull=False), name="dorm_check_item_finding_dated"
            ),
        ]

    def __str__(self):
        return f"{self.round} {self.dormitory.code}"

    def get_absolute_url(self):
        return reverse("dormitories:checkitem-record", args=[self.pk])


class CheckPhoto(TrackedModel):
    item = models.ForeignKey(CheckItem, on_delete=models.CASCADE, related_name="photos", verbose_name=_("查考項目"))
    image = models.ImageField(
        _("照片"), upload_to="dormitories/checks/%Y/%m/", validators=[UploadValidator(("image",))]
    )
    caption = models.CharField(_("說明"), max_length=100, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("查考照片")
        verbose_name_plural = _("查考照片")

    def __str__(self):
        return self.caption or self.image.name.rsplit("/", 1)[-1]


class Repair(TrackedModel):
    """A repair or an inspection of a unit (the seed 壹/一/(三)3: 不定期派員巡查宿舍設施)."""

    dormitory = models.ForeignKey(Dormitory, on_delete=models.PROTECT, related_name="repairs", verbose_name=_("宿舍"))
    kind = models.CharField(_("類別"), max_length=10, choices=RepairKind.choices, default=RepairKind.REPAIR)
    reported_on = models.DateField(_("通報日"), db_index=True)
    description = models.CharField(_("內容"), max_length=200)
    contractor = models.CharField(_("廠商"), max_length=80, blank=True)
    cost = models.DecimalField(_("費用"), max_digits=10, decimal_places=0, default=0, validators=[MinValueValidator(0)])
    done_on = models.DateField(_("完工日"), null=True, blank=True)
    status = models.CharField(
        _("狀態"), max_length=12, choices=RepairStatus.choices, default=RepairStatus.REPORTED, db_index=True
    )

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("修繕及巡查")
        verbose_name_plural = _("修繕及巡查")
        # The list's sortable headings (filters.RepairFilterSet.ordering).
        indexes = [
            models.Index(fields=["reported_on", "id"], name="dorm_repair_reported"),
            models.Index(fields=["cost", "id"], name="dorm_repair_cost"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False), name="dorm_repair_done_dated"
            )
        ]

    def __str__(self):
        return f"{self.dormitory.code} {self.description}"


class Disposal(TrackedModel):
    """A 眷舍 (or other unit) awaiting disposal, tracked until it leaves the register."""

    dormitory = models.OneToOneField(
        Dormitory, on_delete=models.PROTECT, related_name="disposal", verbose_name=_("宿舍")
    )
    stage = models.CharField(_("進度"), max_length=12, choices=DisposalStage.choices, default=DisposalStage.LISTED)
    listed_on = models.DateField(_("列管日"))
    document_number = models.CharField(_("核准文號"), max_length=40, blank=True)
    closed_on = models.DateField(_("結案日"), null=True, blank=True)
    note = models.TextField(_("說明"), blank=True)

    class Meta:
        ordering = ["stage", "listed_on"]
        verbose_name = _("眷舍處分")
        verbose_name_plural = _("眷舍處分")

    def __str__(self):
        return f"{self.dormitory} {self.get_stage_display()}"


class DisposalStep(models.Model):
    """One move of a disposal (its timeline)."""

    disposal = models.ForeignKey(Disposal, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(_("進度"), max_length=12, choices=DisposalStage.choices)
    on = models.DateField(_("日期"))
    note = models.CharField(_("說明"), max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.get_stage_display()} {self.on}"


class LendingQuerySet(DecisionQuerySet, RestrictedQuerySet):
    pass


class Lending(DecisionFields, TrackedModel):
    """Lending a unit: the mayor's residence for public-interest events, land or an empty 眷舍 to a
    district office. Two approved lendings of one unit never overlap."""

    dormitory = models.ForeignKey(Dormitory, on_delete=models.PROTECT, related_name="lendings", verbose_name=_("場所"))
    space = models.CharField(_("借用範圍"), max_length=60, blank=True, help_text=_("例如：一樓客廳、庭院、空地。"))
    borrower = models.CharField(_("借用單位"), max_length=100)
    borrower_kind = models.CharField(_("單位類別"), max_length=10, choices=BorrowerKind.choices)
    purpose = models.CharField(_("用途"), max_length=16, choices=Purpose.choices)
    event_name = models.CharField(_("活動名稱"), max_length=120)
    contact_name = models.CharField(_("聯絡人"), max_length=40, blank=True)
    contact_phone = models.CharField(_("聯絡電話"), max_length=20, blank=True, validators=[validate_phone])
    start_at = models.DateTimeField(_("借用開始"), db_index=True)
    end_at = models.DateTimeField(_("借用結束"))
    attendees = models.PositiveIntegerField(_("人數"), default=0)
    status = models.CharField(
        _("狀態"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING, db_index=True
    )

    objects = LendingQuerySet.as_manager()

    class Meta:
        ordering = ["-start_at", "-id"]
        verbose_name = _("場所借用")
        verbose_name_plural = _("場所借用")
        indexes = [models.Index(fields=["dormitory", "start_at"], name="dorm_lending_dorm_start")]
        constraints = [models.CheckConstraint(condition=Q(end_at__gt=models.F("start_at")), name="dorm_lending_span")]

    def __str__(self):
        return f"{self.dormitory.name} {self.borrower} {self.event_name}"

    def get_absolute_url(self):
        return reverse("dormitories:lending-detail", args=[self.pk])


# --- assets -----------------------------------------------------------------------------------

category_code_validator = RegexValidator(r"^\d{7}$", _("分類編號為7位數字（類1、項2、目2、節2）。"))


class AssetCategory(TrackedModel):
    """One 節 of the 財物標準分類 (類/項/目/節) with its minimum useful life (最低使用年限)."""

    code = models.CharField(_("分類編號"), max_length=7, unique=True, validators=[category_code_validator])
    name = models.CharField(_("名稱"), max_length=60)
    min_life_years = models.PositiveSmallIntegerField(_("最低使用年限"), default=5)

    class Meta:
        ordering = ["code"]
        verbose_name = _("財物分類")
        verbose_name_plural = _("財物分類")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def group(self) -> str:
        """The 類 (first digit)."""
        return self.code[:1]


class AssetLocation(TrackedModel):
    code = models.CharField(_("存置地點代碼"), max_length=20, unique=True)
    name = models.CharField(_("存置地點"), max_length=80)
    center = models.CharField(_("所在"), max_length=10, choices=Center.choices, default=Center.SIWEI)

    class Meta:
        ordering = ["code"]
        verbose_name = _("存置地點")
        verbose_name_plural = _("存置地點")

    def __str__(self):
        return self.name


class Asset(TrackedModel):
    number = models.CharField(_("財產編號"), max_length=20, unique=True)
    category = models.ForeignKey(AssetCategory, on_delete=models.PROTECT, related_name="assets", verbose_name=_("分類"))
    serial = models.PositiveIntegerField(_("物品序號"))
    name = models.CharField(_("名稱"), max_length=80)
    spec = models.CharField(_("廠牌型式"), max_length=120, blank=True)
    kind = models.CharField(_("財產／物品"), max_length=10, choices=AssetKind.choices, db_index=True)
    acquired_on = models.DateField(_("取得日期"), db_index=True)
    cost = models.DecimalField(_("取得成本"), max_digits=12, decimal_places=0, validators=[MinValueValidator(0)])
    life_years = models.PositiveSmallIntegerField(_("使用年限"), validators=[MinValueValidator(1)])
    location = models.ForeignKey(
        AssetLocation, on_delete=models.PROTECT, related_name="assets", verbose_name=_("存置地點")
    )
    custodian = models.CharField(_("保管人"), max_length=40, blank=True)
    custodian_unit = models.CharField(_("保管單位"), max_length=40, blank=True)
    status = models.CharField(
        _("狀態"), max_length=12, choices=AssetStatus.choices, default=AssetStatus.IN_USE, db_index=True
    )
    reduced_on = models.DateField(_("減損日期"), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("財產")
        verbose_name_plural = _("財產")
        indexes = [
            models.Index(fields=["location", "status"], name="dorm_asset_location_status"),
            models.Index(fields=["category", "status"], name="dorm_asset_category_status"),
            models.Index(fields=["acquired_on", "id"], name="dorm_asset_acquired"),
            models.Index(fields=["cost", "id"], name="dorm_asset_cost"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["category", "serial"], name="dorm_asset_category_serial"),
            models.CheckConstraint(
                condition=Q(status="in_use") | Q(reduced_on__isnull=False), name="dorm_asset_reduced_dated"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"

    def get_absolute_url(self):
        return reverse("dormitories:asset-detail", args=[self.pk])

    @property
    def life_ends_on(self):
        return rules.life_ends_on(self.acquired_on, self.category.min_life_years)


class AssetEvent(TrackedModel):
    """One line of the 財產卡: what happened, when, on which voucher."""

    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="events", verbose_name=_("財產"))
    kind = models.CharField(_("異動別"), max_length=10, choices=AssetEventKind.choices, db_index=True)
    on = models.DateField(_("日期"), db_index=True)
    voucher_number = models.CharField(_("憑單編號"), max_length=30)
    from_location = models.ForeignKey(
        AssetLocation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("原地點")
    )
    to_location = models.ForeignKey(
        AssetLocation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("新地點")
    )
    counterparty = models.CharField(_("接受或購買單位"), max_length=100, blank=True)
    amount = models.DecimalField(_("金額"), max_digits=12, decimal_places=0, default=0)
    approval_reference = models.CharField(_("核准文號"), max_length=60, blank=True)
    approved_by = models.CharField(_("核准層級"), max_length=60, blank=True)
    note = models.CharField(_("說明"), max_length=200, blank=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("財產異動")
        verbose_name_plural = _("財產異動")
        indexes = [models.Index(fields=["kind", "on"], name="dorm_asset_event_kind_on")]

    def __str__(self):
        return f"{self.asset.number} {self.get_kind_display()} {self.voucher_number}"


class StocktakingRound(TrackedModel):
    """盤點 of one location (財物標準分類 [S]: at least yearly)."""

    location = models.ForeignKey(
        AssetLocation, on_delete=models.PROTECT, related_name="stocktakings", verbose_name=_("地點")
    )
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    opened_on = models.DateField(_("開始日"))
    closed_on = models.DateField(_("結束日"), null=True, blank=True)
    status = models.CharField(
        _("狀態"), max_length=8, choices=StocktakingStatus.choices, default=StocktakingStatus.OPEN, db_index=True
    )

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("財產盤點")
        verbose_name_plural = _("財產盤點")
        # Sortable headings (filters.StocktakingFilterSet.ordering; year has its own index).
        indexes = [models.Index(fields=["opened_on", "id"], name="dorm_stock_opened")]
        constraints = [
            # One open round per location at a time.
            models.UniqueConstraint(fields=["location"], condition=Q(status="open"), name="dorm_stock_one_open")
        ]

    def __str__(self):
        return f"{self.year - 1911}年度 {self.location}"

    def get_absolute_url(self):
        return reverse("dormitories:stocktaking-detail", args=[self.pk])


class StocktakingEntry(models.Model):
    """One asset in a round: expected there (pending until found, missing at close) or found there
    though registered elsewhere (misplaced). Not a TrackedModel: 10,000 rows a round, written in
    bulk, the round itself is tracked."""

    round = models.ForeignKey(StocktakingRound, on_delete=models.CASCADE, related_name="entries")
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="stock_entries", verbose_name=_("財產"))
    expected = models.BooleanField(_("應在此地點"), default=True)
    result = models.CharField(_("結果"), max_length=10, choices=StockResult.choices, default=StockResult.PENDING)
    method = models.CharField(_("方式"), max_length=6, choices=RecordMethod.choices, blank=True)
    recorded_at = models.DateTimeField(_("紀錄時間"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["asset__number"]
        constraints = [models.UniqueConstraint(fields=["round", "asset"], name="dorm_stock_entry_unique")]
        indexes = [models.Index(fields=["round", "result"], name="dorm_stock_round_result")]
        verbose_name = _("盤點紀錄")
        verbose_name_plural = _("盤點紀錄")

    def __str__(self):
        return f"{self.round} {self.asset_id} {self.result}"
