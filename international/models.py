"""International affairs: foreign cities and Kaohsiung's ties with them, the agreements behind the
ties, exchange activities, visitor receptions, foreign missions and their heads, and the gifts
register.

A tie (`Partnership`) begins with a binding agreement (not an MOU) and may end; its ordinal
(高雄第36個姊妹市及友好夥伴城市) is never stored: `selectors.with_ordinal` counts the ties signed
before it, so it follows from the records and stays the same when an earlier tie ends.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from international.choices import (
    ActivityKind,
    AgreementKind,
    AgreementStatus,
    CityLevel,
    ContactKind,
    DonationItemKind,
    GiftDirection,
    GiftDisposition,
    GiftReportStatus,
    HostLevel,
    MissionKind,
    Region,
    TieKind,
)
from kaohsiung_admin.core.deadlines import DueQuerySet
from kaohsiung_admin.core.decisions import DecisionFields
from kaohsiung_admin.core.models import RestrictedQuerySet, TrackedModel
from kaohsiung_admin.core.personal_data import mask_email, mask_name, mask_phone
from kaohsiung_admin.core.uploads import UploadValidator

UNMASK_PERMISSION = "international.unmask_personal_data"


class Country(TrackedModel):
    code = models.CharField(_("國家代碼"), max_length=2, unique=True, help_text=_("ISO 3166-1 二位字母代碼"))
    name_zh = models.CharField(_("國名"), max_length=60)
    name_en = models.CharField(_("英文國名"), max_length=100)
    region = models.CharField(_("區域"), max_length=20, choices=Region.choices, db_index=True)

    class Meta:
        ordering = ["region", "name_zh"]
        verbose_name = _("國家")
        verbose_name_plural = _("國家")

    def __str__(self):
        return self.name_zh


class City(TrackedModel):
    """A foreign city, county, prefecture, state or province the office deals with, tied or not."""

    code = models.SlugField(_("代碼"), max_length=40, unique=True)
    name_zh = models.CharField(_("中文名稱"), max_length=60)
    name_local = models.CharField(_("當地或英文名稱"), max_length=120)
    country = models.ForeignKey(Country, verbose_name=_("國家"), on_delete=models.PROTECT, related_name="cities")
    level = models.CharField(_("層級"), max_length=20, choices=CityLevel.choices, default=CityLevel.CITY)
    head = models.CharField(_("首長"), max_length=100, blank=True, help_text=_("現任市長、知事或省長"))
    notes = models.TextField(_("備註"), blank=True)

    class Meta:
        ordering = ["country__region", "country__name_zh", "name_zh"]
        verbose_name = _("城市")
        verbose_name_plural = _("城市")
        # The list's sortable heading (filters.CityFilterSet.ordering; the id breaks ties).
        indexes = [models.Index(fields=["name_zh", "id"], name="intl_city_name")]

    def __str__(self):
        return self.name_zh

    def get_absolute_url(self):
        return reverse("international:city-detail", args=[self.pk])


class Agreement(TrackedModel):
    """A signed document: an MOU, or a sister-city, friendship or partnership agreement. One
    agreement may bind several cities (熊本縣 and 熊本市, 2017); an upgrade names the MOU it
    supersedes, so the history stays."""

    title = models.CharField(_("名稱"), max_length=200)
    kind = models.CharField(_("種類"), max_length=20, choices=AgreementKind.choices)
    cities = models.ManyToManyField(City, verbose_name=_("締約城市"), related_name="agreements")
    signed_on = models.DateField(_("簽署日期"), db_index=True)
    signed_at = models.CharField(_("簽署地點"), max_length=100, blank=True)
    kaohsiung_signatory = models.CharField(_("本市簽署人"), max_length=100, blank=True)
    partner_signatory = models.CharField(_("對方簽署人"), max_length=200, blank=True)
    term_years = models.PositiveSmallIntegerField(_("效期（年）"), null=True, blank=True)
    expires_on = models.DateField(_("效期屆滿日"), null=True, blank=True)
    status = models.CharField(
        _("狀態"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.IN_FORCE, db_index=True
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("取代之文件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    document = models.FileField(
        _("協定文件"), upload_to="international/agreements/%Y/", blank=True, validators=[UploadValidator()]
    )
    document_reference = models.CharField(_("文號或存放處"), max_length=200, blank=True)
    notes = models.TextField(_("備註"), blank=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("協定")
        verbose_name_plural = _("協定")

    def __str__(self):
        return self.title

    @property
    def makes_tie(self) -> bool:
        return self.kind != AgreementKind.MOU


class Partnership(TrackedModel):
    """Kaohsiung's tie with one city (姊妹市, 友好城市 or 友好夥伴城市), from its founding agreement
    until it ends. At most one tie in force per city (the partial unique constraint)."""

    city = models.ForeignKey(City, verbose_name=_("城市"), on_delete=models.PROTECT, related_name="partnerships")
    kind = models.CharField(_("類型"), max_length=20, choices=TieKind.choices)
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("締盟協定"), on_delete=models.PROTECT, related_name="partnerships"
    )
    # Copied from the founding agreement by services.agreement_sign, never typed.
    established_on = models.DateField(_("締盟日期"))
    ended_on = models.DateField(_("終止日期"), null=True, blank=True)
    end_reason = models.CharField(_("終止原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["established_on", "id"]
        verbose_name = _("締盟關係")
        verbose_name_plural = _("締盟關係")
        constraints = [
            models.UniqueConstraint(
                fields=["city"], condition=Q(ended_on__isnull=True), name="international_one_tie_in_force_per_city"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("established_on")),
                name="international_tie_ends_after_it_begins",
                violation_error_message=_("終止日期不可早於締盟日期。"),
            ),
        ]
        # The ordinal subquery and the in-force counts read (established_on, id).
        indexes = [models.Index(fields=["established_on", "id"], name="intl_tie_order")]

    def __str__(self):
        return f"{self.city} {self.get_kind_display()} {self.established_on:%Y-%m-%d}"

    @property
    def in_force(self) -> bool:
        return self.ended_on is None


class Programme(TrackedModel):
    """A running project that gathers activities: the monthly theme exhibition in the atrium
    display case, the 2023 Asia-Pacific desk calendar, the New Year gift boxes."""

    code = models.SlugField(_("代碼"), max_length=40, unique=True)
    name = models.CharField(_("名稱"), max_length=120)
    starts_on = models.DateField(_("開始日期"))
    ends_on = models.DateField(_("結束日期"), null=True, blank=True)
    description = models.TextField(_("說明"), blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("專案")
        verbose_name_plural = _("專案")

    def __str__(self):
        return self.name


class ForeignMission(TrackedModel):
    """A foreign embassy or representative office in Taiwan (駐台機構)."""

    name_zh = models.CharField(_("機構名稱"), max_length=120)
    name_en = models.CharField(_("英文名稱"), max_length=200, blank=True)
    country = models.ForeignKey(Country, verbose_name=_("國家"), on_delete=models.PROTECT, related_name="missions")
    kind = models.CharField(_("類型"), max_length=20, choices=MissionKind.choices, default=MissionKind.REPRESENTATIVE)
    location = models.CharField(_("所在城市"), max_length=20, default="臺北")
    is_active = models.BooleanField(_("運作中"), default=True)

    class Meta:
        ordering = ["country__name_zh", "name_zh"]
        verbose_name = _("駐台機構")
        verbose_name_plural = _("駐台機構")

    def __str__(self):
        return self.name_zh

    def get_absolute_url(self):
        return reverse("international:mission-detail", args=[self.pk])


class Dignitary(TrackedModel):
    """A foreign official or diplomat (a public figure in office, not a private person)."""

    name_zh = models.CharField(_("中文姓名"), max_length=60)
    name_local = models.CharField(_("原文姓名"), max_length=120, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("國家"), on_delete=models.PROTECT, null=True, blank=True, related_name="dignitaries"
    )

    class Meta:
        ordering = ["name_zh"]
        verbose_name = _("外賓人士")
        verbose_name_plural = _("外賓人士")

    def __str__(self):
        return f"{self.name_zh}（{self.name_local}）" if self.name_local else self.name_zh


class Appointment(TrackedModel):
    """A dignitary's office, from when to when: the changes of office of mission heads."""

    dignitary = models.ForeignKey(
        Dignitary, verbose_name=_("人士"), on_delete=models.CASCADE, related_name="appointments"
    )
    mission = models.ForeignKey(
        ForeignMission,
        verbose_name=_("駐台機構"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
    )
    title = models.CharField(_("職稱"), max_length=100)
    is_head = models.BooleanField(_("機構首長"), default=True)
    started_on = models.DateField(_("到任日期"), null=True, blank=True)
    ended_on = models.DateField(_("離任日期"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("職務")
        verbose_name_plural = _("職務")

    def __str__(self):
        return f"{self.dignitary} {self.title}"


class VisitCase(TrackedModel):
    """A foreign delegation received by the city (訪賓接待): one case, however many persons."""

    number = models.CharField(_("案號"), max_length=30, unique=True)
    arrived_on = models.DateField(_("來訪日期"))
    left_on = models.DateField(_("離開日期"))
    delegation = models.CharField(_("訪團"), max_length=200)
    leader = models.CharField(_("團長"), max_length=200, blank=True)
    organisation = models.CharField(_("機構"), max_length=200, blank=True)
    countries = models.ManyToManyField(Country, verbose_name=_("國家"), related_name="visits")
    city = models.ForeignKey(
        City, verbose_name=_("城市"), on_delete=models.PROTECT, null=True, blank=True, related_name="visits"
    )
    mission = models.ForeignKey(
        ForeignMission,
        verbose_name=_("駐台機構"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
    )
    persons = models.PositiveSmallIntegerField(_("人數"), validators=[MinValueValidator(1)])
    host_level = models.CharField(_("接見層級"), max_length=20, choices=HostLevel.choices, db_index=True)
    hosts = models.CharField(_("接見人"), max_length=200, blank=True)
    purpose = models.TextField(_("來訪目的"), blank=True)
    programme = models.TextField(_("行程"), blank=True)
    venues = models.CharField(_("場地"), max_length=200, blank=True)
    # A hall booked for the visit, by the facilities booking's id (apps never import each other).
    venue_booking_id = models.PositiveIntegerField(_("場地預約編號"), null=True, blank=True)
    contact_name = models.CharField(_("聯絡人"), max_length=60, blank=True)
    contact_phone = models.CharField(_("聯絡電話"), max_length=30, blank=True)
    contact_email = models.EmailField(_("聯絡電子郵件"), blank=True)

    personal_fields = {"contact_name": mask_name, "contact_phone": mask_phone, "contact_email": mask_email}
    unmask_permission = UNMASK_PERMISSION

    class Meta:
        ordering = ["-arrived_on", "-id"]
        verbose_name = _("訪賓接待")
        verbose_name_plural = _("訪賓接待")
        permissions = [("unmask_personal_data", _("檢視國際事務完整個人資料"))]
        # Lists sort and the yearly counts filter by the arrival day.
        # The list's sortable headings (filters.VisitFilterSet.ordering; number is unique).
        indexes = [
            models.Index(fields=["arrived_on", "id"], name="intl_visit_arrived"),
            models.Index(fields=["persons", "id"], name="intl_visit_persons"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__gte=models.F("arrived_on")),
                name="international_visit_dates",
                violation_error_message=_("離開日期不可早於來訪日期。"),
            ),
            models.CheckConstraint(condition=Q(persons__gte=1), name="international_visit_persons"),
        ]

    def __str__(self):
        return f"{self.number} {self.delegation}"

    def get_absolute_url(self):
        return reverse("international:visit-detail", args=[self.pk])


class ExchangeActivity(TrackedModel):
    """One exchange with one or more cities (or a country, or a mission): an exhibition, a video
    meeting, a letter, a donation, a youth programme, an outbound visit."""

    kind = models.CharField(_("類別"), max_length=20, choices=ActivityKind.choices, db_index=True)
    title = models.CharField(_("名稱"), max_length=200)
    starts_on = models.DateField(_("開始日期"))
    ends_on = models.DateField(_("結束日期"), null=True, blank=True)
    cities = models.ManyToManyField(City, verbose_name=_("城市"), related_name="activities", blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("國家"), on_delete=models.PROTECT, null=True, blank=True, related_name="activities"
    )
    mission = models.ForeignKey(
        ForeignMission,
        verbose_name=_("駐台機構"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("專案"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    venue = models.CharField(_("地點"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("參加人數"), null=True, blank=True)
    delegation = models.TextField(_("團員"), blank=True, help_text=_("出訪團員，每行一位"))
    description = models.TextField(_("內容"), blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("交流活動")
        verbose_name_plural = _("交流活動")
        # The list's sortable headings (filters.ActivityFilterSet.ordering).
        indexes = [
            models.Index(fields=["starts_on", "id"], name="intl_activity_start"),
            models.Index(fields=["kind", "id"], name="intl_activity_kind"),
            models.Index(fields=["title", "id"], name="intl_activity_title"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="international_activity_dates",
                violation_error_message=_("結束日期不可早於開始日期。"),
            )
        ]

    def __str__(self):
        return self.title


class DonationItem(TrackedModel):
    activity = models.ForeignKey(
        ExchangeActivity, verbose_name=_("活動"), on_delete=models.CASCADE, related_name="donation_items"
    )
    kind = models.CharField(_("品項"), max_length=20, choices=DonationItemKind.choices)
    description = models.CharField(_("說明"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(_("數量"))
    unit = models.CharField(_("單位"), max_length=10)
    donor = models.CharField(_("提供者"), max_length=120, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("捐贈品項")
        verbose_name_plural = _("捐贈品項")

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity}{self.unit}"


class MissionContact(TrackedModel):
    """One contact with a mission: a courtesy call, attending its event, an invitation."""

    mission = models.ForeignKey(
        ForeignMission, verbose_name=_("駐台機構"), on_delete=models.PROTECT, related_name="contacts"
    )
    dignitary = models.ForeignKey(
        Dignitary, verbose_name=_("人士"), on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    kind = models.CharField(_("類別"), max_length=20, choices=ContactKind.choices)
    date = models.DateField(_("日期"))
    summary = models.CharField(_("摘要"), max_length=300)
    visit = models.ForeignKey(
        VisitCase, verbose_name=_("訪賓接待"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("聯繫紀錄")
        verbose_name_plural = _("聯繫紀錄")

    def __str__(self):
        return f"{self.date} {self.mission} {self.get_kind_display()}"


class GiftQuerySet(DueQuerySet, RestrictedQuerySet):
    """Received gifts whose 3-day report clock runs (公務員廉政倫理規範第5點、第6點)."""

    due_field = "report_due_on"

    def open_q(self) -> Q:
        return Q(report_status=GiftReportStatus.TO_REPORT)

    def pending_decision(self):
        return self.filter(report_status=GiftReportStatus.REPORTED)


class Gift(DecisionFields, TrackedModel):
    """The gifts register (禮品登記): gifts received and given, with the ethics rule applied by
    `rules.assess_gift` when a received gift is recorded."""

    direction = models.CharField(_("收受／致贈"), max_length=10, choices=GiftDirection.choices, db_index=True)
    date = models.DateField(_("日期"))
    description = models.CharField(_("禮品"), max_length=200)
    quantity = models.PositiveSmallIntegerField(_("數量"), default=1, validators=[MinValueValidator(1)])
    estimated_value = models.PositiveIntegerField(_("估計價值（元）"))
    counterpart = models.CharField(
        _("對象（機關、團體或公職人員）"), max_length=200, blank=True, help_text=_("贈與者或受贈者")
    )
    private_person_name = models.CharField(_("個人姓名"), max_length=60, blank=True)
    private_person_phone = models.CharField(_("個人聯絡電話"), max_length=100, blank=True)
    city = models.ForeignKey(
        City, verbose_name=_("城市"), on_delete=models.PROTECT, null=True, blank=True, related_name="gifts"
    )
    mission = models.ForeignKey(
        ForeignMission,
        verbose_name=_("駐台機構"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
    )
    visit = models.ForeignKey(
        VisitCase, verbose_name=_("訪賓接待"), on_delete=models.SET_NULL, null=True, blank=True, related_name="gifts"
    )
    staff = models.CharField(_("經手人員"), max_length=100, blank=True)
    staff_count = models.PositiveSmallIntegerField(
        _("受贈人數"), default=1, validators=[MinValueValidator(1)], help_text=_("對機關內多數人餽贈時填人數")
    )
    interested_party = models.BooleanField(_("與職務有利害關係"), default=False)
    official_etiquette = models.BooleanField(_("屬公務禮儀"), default=False)
    kept_at = models.CharField(_("存放處"), max_length=120, blank=True)
    report_status = models.CharField(
        _("簽報狀態"),
        max_length=20,
        choices=GiftReportStatus.choices,
        default=GiftReportStatus.NOT_REQUIRED,
        db_index=True,
    )
    rule = models.CharField(_("適用規定"), max_length=300, blank=True)
    report_due_on = models.DateField(_("簽報期限"), null=True, blank=True, db_index=True)
    reported_on = models.DateField(_("簽報日期"), null=True, blank=True)
    disposition = models.CharField(_("處理方式"), max_length=20, choices=GiftDisposition.choices, blank=True)

    personal_fields = {"private_person_name": mask_name, "private_person_phone": mask_phone}
    unmask_permission = UNMASK_PERMISSION

    objects = GiftQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("禮品登記")
        verbose_name_plural = _("禮品登記")
        # The list's sortable headings (filters.GiftFilterSet.ordering).
        indexes = [
            models.Index(fields=["date", "id"], name="intl_gift_date"),
            models.Index(fields=["estimated_value", "id"], name="intl_gift_value"),
            models.Index(fields=["report_due_on", "id"], name="intl_gift_report_due"),
            # Gifts whose report clock runs: the overdue filter counts these, not every gift.
            models.Index(
                fields=["report_due_on", "id"],
                name="intl_gift_open_due",
                condition=Q(report_status=GiftReportStatus.TO_REPORT),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(report_status=GiftReportStatus.DECIDED) | ~Q(disposition=""),
                name="international_decided_gift_has_disposition",
            )
        ]

    def __str__(self):
        return f"{self.date} {self.description}"

    @property
    def counterpart_label(self) -> str:
        """Who gave or received it, a private person's name masked."""
        return self.counterpart or mask_name(self.private_person_name)
