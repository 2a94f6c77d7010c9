"""Choices of the international affairs records, with their zh-Hant labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    ASIA_PACIFIC = "asia_pacific", _("亞太")
    AMERICAS = "americas", _("美洲")
    EUROPE = "europe", _("歐洲")
    AFRICA = "africa", _("非洲")
    OCEANIA = "oceania", _("大洋洲")


# The report's 「亞太地區」 (the 2023 desk calendar of 12 cities) takes in Australia and Palau:
# Asia and the Pacific together.
ASIA_PACIFIC_REGIONS = (Region.ASIA_PACIFIC, Region.OCEANIA)


class CityLevel(models.TextChoices):
    CITY = "city", _("市")
    COUNTY = "county", _("縣／郡")
    PREFECTURE = "prefecture", _("縣（日本）")
    STATE = "state", _("州")
    PROVINCE = "province", _("省")


class AgreementKind(models.TextChoices):
    MOU = "mou", _("合作備忘錄（MOU）")
    SISTER = "sister", _("姊妹市協定")
    FRIENDSHIP = "friendship", _("友好城市協定")
    PARTNERSHIP = "partnership", _("夥伴協定")


class TieKind(models.TextChoices):
    SISTER = "sister", _("姊妹市")
    FRIENDSHIP = "friendship", _("友好城市")
    PARTNER = "partner", _("友好夥伴城市")


# An MOU prepares a tie; a binding agreement makes one (DOMAIN.md "International").
TIE_KIND_OF_AGREEMENT = {
    AgreementKind.SISTER: TieKind.SISTER,
    AgreementKind.FRIENDSHIP: TieKind.FRIENDSHIP,
    AgreementKind.PARTNERSHIP: TieKind.PARTNER,
}


class AgreementStatus(models.TextChoices):
    IN_FORCE = "in_force", _("有效")
    SUPERSEDED = "superseded", _("已升級為協定")
    EXPIRED = "expired", _("期滿")
    TERMINATED = "terminated", _("終止")


class ActivityKind(models.TextChoices):
    EXHIBITION = "exhibition", _("展覽")
    VIDEO_MEETING = "video_meeting", _("視訊會議")
    LETTER = "letter", _("函件及問候")
    GIFT_BOX = "gift_box", _("禮盒問候")
    DONATION = "donation", _("捐贈")
    YOUTH = "youth", _("青年及學生交流")
    OUTBOUND = "outbound", _("出訪")
    CEREMONY = "ceremony", _("締盟及紀念活動")
    FORUM = "forum", _("論壇及國際活動")
    OTHER = "other", _("其他")


class DonationItemKind(models.TextChoices):
    SURGICAL_MASK = "surgical_mask", _("醫療口罩")
    N95 = "n95", _("N95口罩")
    RAPID_TEST = "rapid_test", _("快篩試劑")
    LAPTOP = "laptop", _("筆記型電腦")
    BOOKS = "books", _("書籍")
    RELIEF = "relief", _("民生物資")
    OTHER = "other", _("其他")


class HostLevel(models.TextChoices):
    MAYOR = "mayor", _("市長")
    DEPUTY_MAYOR = "deputy_mayor", _("副市長")
    SECRETARY_GENERAL = "secretary_general", _("秘書長／副秘書長")
    BUREAU_HEAD = "bureau_head", _("局處首長")
    BUREAU = "bureau", _("本處")


class MissionKind(models.TextChoices):
    EMBASSY = "embassy", _("大使館")
    REPRESENTATIVE = "representative", _("代表處／辦事處")
    TRADE = "trade", _("商務／經貿辦事處")
    OTHER = "other", _("其他")


class ContactKind(models.TextChoices):
    COURTESY_CALL = "courtesy_call", _("拜會")
    EVENT = "event", _("出席活動")
    INVITATION = "invitation", _("邀請")
    OTHER = "other", _("其他")


class GiftDirection(models.TextChoices):
    RECEIVED = "received", _("受贈")
    GIVEN = "given", _("致贈")


class GiftReportStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", _("免簽報")
    TO_REPORT = "to_report", _("待簽報")
    REPORTED = "reported", _("已簽報，待政風處理")
    DECIDED = "decided", _("已處理")


class GiftDisposition(models.TextChoices):
    # 公務員廉政倫理規範 第5點、第6點: the ethics unit proposes one of these.
    PAY = "pay", _("付費收受")
    RETURN = "return", _("退還")
    HAND_TO_AGENCY = "hand_to_agency", _("歸公")
    DONATE = "donate", _("轉贈慈善機構")
