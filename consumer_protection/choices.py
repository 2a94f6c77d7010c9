"""Choices of the consumer protection division, with the zh-Hant labels officers use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    LINE_1950 = "1950", _("1950專線")
    PHONE = "phone", _("本處電話")
    COUNTER = "counter", _("臨櫃")
    ONLINE = "online", _("網路")
    LETTER = "letter", _("書面")
    REFERRAL = "referral", _("他機關移送")


class Category(models.TextChoices):
    PRESALE_HOUSE = "presale_house", _("預售屋")
    HOUSE = "house", _("成屋")
    USED_CAR = "used_car", _("中古汽車")
    FITNESS = "fitness", _("健身中心")
    FUNERAL = "funeral", _("殯葬")
    TELECOM = "telecom", _("電信")
    ONLINE_SHOPPING = "online_shopping", _("網購")
    TRAVEL = "travel", _("旅遊")
    FOOD = "food", _("餐飲")
    EDUCATION = "education", _("補習教育")
    BEAUTY = "beauty", _("美容美髮")
    APPLIANCE = "appliance", _("家電3C")
    OTHER = "other", _("其他")


class RejectionGround(models.TextChoices):
    """Why a complaint is not taken up (DOMAIN: duplicate, no real name, not a consumer dispute)."""

    DUPLICATE = "duplicate", _("重複申訴")
    NO_REAL_NAME = "no_real_name", _("未具真實姓名")
    NOT_CONSUMER_DISPUTE = "not_consumer_dispute", _("非消費爭議")


class Seat(models.TextChoices):
    """Which interest an external member of the mediation committee represents (CPA Art. 45)."""

    CONSUMER_GROUP = "consumer_group", _("消費者保護團體代表")
    TRADE = "trade", _("企業經營者所屬團體（工商業）代表")
    EXPERT = "expert", _("學者、專家")
    NONE = "", _("（不適用）")


class FirstRecipient(models.TextChoices):
    """Where the first complaint (CPA Art. 43 I) was filed."""

    BUREAU = "bureau", _("本府（轉請業者處理）")
    BUSINESS = "business", _("逕向業者")
    CONSUMER_GROUP = "consumer_group", _("消費者保護團體")


class Stage(models.TextChoices):
    """Where a complaint case stands. The allowed moves are in services.COMPLAINT_TRANSITIONS."""

    FIRST = "first", _("第一次申訴（業者處理中）")
    FIRST_UNRESOLVED = "first_unresolved", _("第一次申訴未獲妥適處理")
    SECOND = "second", _("第二次申訴（消保官處理中）")
    SECOND_UNRESOLVED = "second_unresolved", _("第二次申訴未獲妥適處理")
    MEDIATION = "mediation", _("調解中")
    CLOSED = "closed", _("結案")


OPEN_STAGES = [Stage.FIRST, Stage.FIRST_UNRESOLVED, Stage.SECOND, Stage.SECOND_UNRESOLVED, Stage.MEDIATION]


class Result(models.TextChoices):
    """Why a case was closed: closing needs one."""

    RESOLVED_BY_BUSINESS = "resolved_by_business", _("業者妥適處理")
    SECOND_AGREED = "second_agreed", _("第二次申訴協商成立")
    MEDIATION_ESTABLISHED = "mediation_established", _("調解成立")
    MEDIATION_FAILED = "mediation_failed", _("調解不成立")
    MEDIATION_WITHDRAWN = "mediation_withdrawn", _("調解撤回")
    MEDIATION_REJECTED = "mediation_rejected", _("調解不受理")
    WITHDRAWN = "withdrawn", _("申訴人撤回")
    NOT_PURSUED = "not_pursued", _("申訴人未續行")
    REJECTED = "rejected", _("不受理（重複、未具真實姓名或非消費爭議）")


class MediationStatus(models.TextChoices):
    APPLIED = "applied", _("已申請")
    CORRECTION = "correction", _("待補正")
    SCHEDULED = "scheduled", _("已排定調解會議")
    PROPOSAL = "proposal", _("調解方案異議期間")
    ESTABLISHED = "established", _("調解成立")
    FAILED = "failed", _("調解不成立")
    WITHDRAWN = "withdrawn", _("撤回")
    REJECTED = "rejected", _("不受理")


MEDIATION_OPEN = [
    MediationStatus.APPLIED,
    MediationStatus.CORRECTION,
    MediationStatus.SCHEDULED,
    MediationStatus.PROPOSAL,
]
MEDIATION_RESULTS = [
    MediationStatus.ESTABLISHED,
    MediationStatus.FAILED,
    MediationStatus.WITHDRAWN,
    MediationStatus.REJECTED,
]


class Party(models.TextChoices):
    """A party to a mediation."""

    APPLICANT = "applicant", _("申請人（消費者）")
    RESPONDENT = "respondent", _("相對人（企業經營者）")


class SmallClaimInitiative(models.TextChoices):
    """CPA Art. 45-4 I: on the present party's request or on the committee's own motion."""

    REQUEST = "request", _("到場當事人聲請")
    OWN_MOTION = "own_motion", _("依職權")


class AttendeeSide(models.TextChoices):
    """Who an attendee of a second-complaint meeting speaks for."""

    CONSUMER = "consumer", _("消費者方")
    BUSINESS = "business", _("企業經營者方")
    OFFICER = "officer", _("消費者保護官／機關")
    OTHER = "other", _("其他（列席）")


# Private persons: their names are personal data, masked like the complainant's.
PRIVATE_SIDES = (AttendeeSide.CONSUMER, AttendeeSide.OTHER)


class SecondMeetingOutcome(models.TextChoices):
    AGREED = "agreed", _("協商成立")
    NOT_AGREED = "not_agreed", _("協商不成立")
    CONTINUED = "continued", _("改期續行協商")


class CommitteeKind(models.TextChoices):
    MEDIATION = "mediation", _("消費爭議調解委員會")
    PROTECTION = "protection", _("消費者保護委員會")


class MemberType(models.TextChoices):
    EXTERNAL = "external", _("府外委員（學者、專業人士、工商及消保團體代表）")
    OFFICER = "officer", _("本府消費者保護官")
    AGENCY = "agency", _("本府機關代表")
    CONVENER = "convener", _("召集人")


class Gender(models.TextChoices):
    FEMALE = "F", _("女")
    MALE = "M", _("男")
    OTHER = "X", _("其他")


class InspectionOutcome(models.TextChoices):
    COMPLIANT = "compliant", _("符合規定")
    IMPROVE = "improve", _("限期改善")
    REFERRED = "referred", _("移請主管機關處理")
    RESOLVED = "resolved", _("已改善")


class EducationKind(models.TextChoices):
    MEDIA = "media", _("媒體專訪")
    LECTURE = "lecture", _("講座")
    CAMPAIGN = "campaign", _("宣導活動")
    ONLINE = "online", _("網路及電台宣導")


class Action(models.TextChoices):
    """What happened to a case: one CaseEvent per action (who and when)."""

    FILED = "filed", _("受理第一次申訴並轉請業者處理")
    BUSINESS_REPLIED = "business_replied", _("業者回覆")
    RESOLVED = "resolved", _("業者妥適處理結案")
    NOT_RESOLVED = "not_resolved", _("第一次申訴未獲妥適處理")
    SECOND_FILED = "second_filed", _("受理第二次申訴")
    SECOND_MEETING = "second_meeting", _("第二次申訴協商")
    SECOND_AGREED = "second_agreed", _("第二次申訴協商成立結案")
    SECOND_FAILED = "second_failed", _("第二次申訴未獲妥適處理")
    MEDIATION_APPLIED = "mediation_applied", _("申請調解")
    MEDIATION_CORRECTION = "mediation_correction", _("通知補正")
    MEDIATION_CORRECTED = "mediation_corrected", _("完成補正")
    MEDIATION_SCHEDULED = "mediation_scheduled", _("排定調解會議")
    MEDIATION_PROPOSAL = "mediation_proposal", _("送達調解方案")
    MEDIATION_OBJECTION = "mediation_objection", _("當事人異議")
    MEDIATION_CLOSED = "mediation_closed", _("調解結果")
    COURT_APPROVED = "court_approved", _("法院核定調解書")
    CLOSED = "closed", _("結案")
    REASSIGNED = "reassigned", _("改派承辦人")
    REFERRED = "referred", _("移請目的事業主管機關")
    AGENCY_REPLIED = "agency_replied", _("主管機關回復")
    RECUSAL = "recusal", _("委員聲明迴避")
    NOTICE = "notice", _("寄發通知")
    ATTACHMENT = "attachment", _("新增附件")
    NOTE = "note", _("備註")
    SMALL_CLAIM_ABSENCE = "small_claim_absence", _("當事人無正當理由不到場")
    SMALL_CLAIM_PROPOSAL = "small_claim_proposal", _("送達小額消費爭議解決方案")
    SECOND_MINUTES = "second_minutes", _("第二次申訴協調會紀錄")
