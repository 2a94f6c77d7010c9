"""The documents app's vocabulary, with zh-Hant labels as the Bureau writes them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    RECEIVED = "received", _("收文")
    CREATED = "created", _("創稿")


class Nature(models.TextChoices):
    """公文性質 (文書流程管理作業規範 [S]; the 111 system change added 特殊性案件)."""

    MOST_URGENT = "most_urgent", _("最速件")
    URGENT = "urgent", _("速件")
    ORDINARY = "ordinary", _("普通件")
    TIME_LIMITED = "time_limited", _("限期案件")
    SPECIAL = "special", _("特殊性案件")
    PROJECT = "project", _("專案管制")
    APPLICATION = "application", _("人民申請案件")
    PETITION = "petition", _("陳情")


class Security(models.TextChoices):
    """密等: 國家機密 (絕對機密, 極機密, 機密) and 一般公務機密 (密)."""

    NONE = "none", _("普通")
    CONFIDENTIAL = "confidential", _("密")
    SECRET = "secret", _("機密")
    TOP_SECRET = "top_secret", _("極機密")
    ABSOLUTE = "absolute", _("絕對機密")


class Status(models.TextChoices):
    RECEIVED = "received", _("收文")
    ASSIGNED = "assigned", _("分文")
    HANDLING = "handling", _("承辦")
    REVIEWING = "reviewing", _("陳核")
    DECIDED = "decided", _("決行")
    DISPATCHED = "dispatched", _("發文")
    FILED = "filed", _("歸檔")
    KEPT = "kept", _("存查")
    RETURNED = "returned", _("退文")


# The clock stops once a document is dispatched or kept for reference (存查); filing follows.
CLOSED_STATUSES = frozenset({Status.DISPATCHED, Status.FILED, Status.KEPT})
OPEN_STATUSES = [s for s in Status if s not in CLOSED_STATUSES]


class Action(models.TextChoices):
    RECEIVE = "receive", _("登錄收文")
    CREATE = "create", _("創稿")
    ASSIGN = "assign", _("分文")
    ACCEPT = "accept", _("承辦")
    SUBMIT = "submit", _("陳核")
    SEND_BACK = "send_back", _("退回修正")
    DECIDE = "decide", _("決行")
    DISPATCH = "dispatch", _("發文")
    FILE = "file", _("歸檔")
    KEEP = "keep", _("存查")
    RETURN = "return", _("退文")
    PAUSE = "pause", _("暫停計時（待他機關）")
    RESUME = "resume", _("恢復計時")
    MERGE = "merge", _("彙併辦")
    MERGED = "merged", _("併入他案存查")
    EXTENSION_REQUESTED = "extension_requested", _("申請展期")
    EXTENSION_APPROVED = "extension_approved", _("展期核准")
    EXTENSION_REJECTED = "extension_rejected", _("展期駁回")
    ATTACHED = "attached", _("上傳附件")


class MergeKind(models.TextChoices):
    """彙併辦 (文書流程管理作業規範 [S])."""

    COLLECTIVE = "collective", _("彙辦")  # counted from the day after the LAST piece
    COMBINED = "combined", _("併辦")  # counted from the day after the FIRST piece


class PetitionKind(models.TextChoices):
    SUGGESTION = "suggestion", _("市民建議")
    PETITION = "petition", _("陳情")
    MAYOR = "mayor", _("市長交辦")


class PetitionChannel(models.TextChoices):
    HOTLINE_1999 = "1999", _("1999專線")
    ONLINE = "online", _("線上即時服務系統")
    LETTER = "letter", _("書面")
    IN_PERSON = "in_person", _("臨櫃")
    CONTROL_YUAN = "control_yuan", _("監察院地方機關巡察")


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("收件")
    ASSIGNED = "assigned", _("已分辦")
    REPLIED = "replied", _("已答復")
    CLOSED = "closed", _("結案")
    NOT_ACCEPTED = "not_accepted", _("不予受理")


PETITION_CLOSED = frozenset({PetitionStatus.CLOSED, PetitionStatus.NOT_ACCEPTED})


class PetitionAction(models.TextChoices):
    RECEIVE = "receive", _("收件")
    ASSIGN = "assign", _("分辦")
    EXTEND = "extend", _("展期（書面通知）")
    REPLY = "reply", _("答復")
    CLOSE = "close", _("結案")
    NOT_ACCEPT = "not_accept", _("不予受理")


class NonAcceptanceGround(models.TextChoices):
    """行政程序法第173條 [V]; the fourth as 行政院及所屬各機關處理人民陳情案件要點 [S]."""

    NO_SPECIFICS = "no_specifics", _("無具體內容或未具真實姓名或住址（行政程序法第173條第1款）")
    REPEATED = "repeated", _("同一事由經適當處理並已明確答覆，仍一再陳情（第173條第2款）")
    NOT_COMPETENT = "not_competent", _("非主管機關，陳情人以同一事由分向各機關陳情（第173條第3款）")
    IN_REMEDY = "in_remedy", _("已進入訴願、訴訟或其他救濟程序")


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("市政會議")
    EXTRAORDINARY = "extraordinary", _("臨時會")


class GazetteKind(models.TextChoices):
    REGULAR = "regular", _("定期")
    EXTRA = "extra", _("號外")
