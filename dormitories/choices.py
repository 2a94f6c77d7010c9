"""The register's vocabularies, with zh-Hant labels as the Bureau writes them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DormitoryKind(models.TextChoices):
    HEAD = "head", _("首長職務宿舍")
    MULTI_ROOM = "multi_room", _("多房間職務宿舍")
    SINGLE_ROOM = "single_room", _("單房間職務宿舍")
    FAMILY = "family", _("眷舍")


class DormitoryStatus(models.TextChoices):
    OCCUPIED = "occupied", _("借用中")
    VACANT = "vacant", _("空置")
    UNDER_REPAIR = "under_repair", _("修繕中")
    LENT = "lent", _("出借他機關")
    TO_DISPOSE = "to_dispose", _("待處分")
    RETIRED = "retired", _("已除帳")


# Units that count as on the register (the 經管宿舍 of the report): every status but retired.
ON_REGISTER = [s for s in DormitoryStatus.values if s != DormitoryStatus.RETIRED]


class EligibilityBasis(models.TextChoices):
    HEAD = "head", _("首長職務")
    POST = "post", _("職務需要（輪調、離島、偏遠）")
    SECURITY = "security", _("機要、安全需要")
    FAMILY_LEGACY = "family_legacy", _("原眷舍借住（依法得續住）")
    OTHER = "other", _("其他經核定事由")


class OccupancyStatus(models.TextChoices):
    ACTIVE = "active", _("借住中")
    ENDED = "ended", _("已遷出")
    CANCELLED = "cancelled", _("已撤銷")


class ApplicationStatus(models.TextChoices):
    QUEUED = "queued", _("排隊中")
    ALLOCATED = "allocated", _("已配住")
    WITHDRAWN = "withdrawn", _("已撤回")
    REJECTED = "rejected", _("不符資格")


class CheckRoundStatus(models.TextChoices):
    OPEN = "open", _("查考中")
    CLOSED = "closed", _("已結束")


class Finding(models.TextChoices):
    RESIDING = "residing", _("居住屬實")
    NOT_RESIDING = "not_residing", _("未實際居住")
    MISUSE = "misuse", _("違規使用")
    OTHER = "other", _("其他")


# Findings the clerk must follow up (a letter, a move-out notice, a repair).
ACTION_FINDINGS = [Finding.NOT_RESIDING, Finding.MISUSE, Finding.OTHER]


class RepairKind(models.TextChoices):
    REPAIR = "repair", _("修繕")
    INSPECTION = "inspection", _("巡查")


class RepairStatus(models.TextChoices):
    REPORTED = "reported", _("已通報")
    IN_PROGRESS = "in_progress", _("施工中")
    DONE = "done", _("已完工")
    CANCELLED = "cancelled", _("已取消")


class DisposalStage(models.TextChoices):
    LISTED = "listed", _("列管待處分")
    APPLIED = "applied", _("已報請處分")
    APPROVED = "approved", _("已核准處分")
    HANDED_OVER = "handed_over", _("已點交／拆除")
    CLOSED = "closed", _("已除帳結案")


class Purpose(models.TextChoices):
    # The residence is lent for these activities (the seed, 壹/一/(三)2).
    ARTS = "arts", _("文化藝術")
    ACADEMIC = "academic", _("學術教育")
    SOCIAL = "social", _("社會教育")
    PUBLIC_INTEREST = "public_interest", _("其他經核准之公益活動")
    GREENING = "greening", _("綠美化及里民休閒")


class BorrowerKind(models.TextChoices):
    AGENCY = "agency", _("機關（構）")
    SCHOOL = "school", _("公私立學校")
    COMPANY = "company", _("公司、行號")
    GROUP = "group", _("經政府立案之團體")


class AssetKind(models.TextChoices):
    PROPERTY = "property", _("財產")
    ITEM = "item", _("物品")


class AssetStatus(models.TextChoices):
    IN_USE = "in_use", _("使用中")
    TRANSFERRED = "transferred", _("已移撥")
    DONATED = "donated", _("已捐贈")
    SOLD = "sold", _("已變賣")
    DISPOSED = "disposed", _("已報廢")


class AssetEventKind(models.TextChoices):
    ADD = "add", _("增加")
    RELOCATE = "relocate", _("異動保管")
    TRANSFER = "transfer", _("移撥")
    DONATE = "donate", _("捐贈")
    SELL = "sell", _("變賣")
    DISPOSE = "dispose", _("報廢")


# Events that take an asset off the register (減損), and the status each leaves it in.
REDUCING = {
    AssetEventKind.TRANSFER: AssetStatus.TRANSFERRED,
    AssetEventKind.DONATE: AssetStatus.DONATED,
    AssetEventKind.SELL: AssetStatus.SOLD,
    AssetEventKind.DISPOSE: AssetStatus.DISPOSED,
}


class Center(models.TextChoices):
    SIWEI = "siwei", _("四維行政中心")
    FENGSHAN = "fengshan", _("鳳山行政中心")
    DORMITORY = "dormitory", _("宿舍")
    OTHER = "other", _("其他")


class StocktakingStatus(models.TextChoices):
    OPEN = "open", _("盤點中")
    CLOSED = "closed", _("已結束")


class StockResult(models.TextChoices):
    PENDING = "pending", _("未盤")
    FOUND = "found", _("相符")
    MISSING = "missing", _("盤虧（未尋獲）")
    MISPLACED = "misplaced", _("位置不符")


class RecordMethod(models.TextChoices):
    SCAN = "scan", _("掃描")
    TYPED = "typed", _("輸入")
    AUTO = "auto", _("結束時判定")


# The stages a disposal may move to from each stage (forward only, skipping allowed).
DISPOSAL_STAGES_AFTER = {
    stage: [(s, label) for s, label in DisposalStage.choices][index + 1 :]
    for index, stage in enumerate(DisposalStage.values)
}
