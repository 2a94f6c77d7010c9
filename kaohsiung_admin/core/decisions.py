"""Requests and decisions: who asked, who decided, when and why — shared by every approval queue
(bookings, public-space requests, residence lendings, gift reports, extensions of a document).

A model takes the fields from `DecisionFields` and its status from `RequestStatus` (or its own
choices with the same pending/approved/rejected values); `record_decision()` is the one service
that moves a pending request, and `DecisionQuerySet.pending()` the queue.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaohsiung_admin.core.errors import ServiceError


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待審核")
    APPROVED = "approved", _("已核准")
    REJECTED = "rejected", _("已駁回")
    CANCELLED = "cancelled", _("已取消")


class DecisionFields(models.Model):
    """requested_by / decided_by / decided_at / decision_reason, the same on every request."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(app_label)s_%(class)s_requests",
        verbose_name=_("申請人"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("審核人"),
    )
    decided_at = models.DateTimeField(_("審核時間"), null=True, blank=True)
    decision_reason = models.CharField(_("審核意見"), max_length=200, blank=True)

    class Meta:
        abstract = True


class DecisionQuerySet(models.QuerySet):
    status_field = "status"
    pending_value = RequestStatus.PENDING

    def pending(self):
        return self.filter(**{self.status_field: self.pending_value})


def record_decision(
    record,
    *,
    approve: bool,
    by,
    reason: str = "",
    approved=RequestStatus.APPROVED,
    rejected=RequestStatus.REJECTED,
    pending=RequestStatus.PENDING,
    status_field: str = "status",
    reason_required_to_reject: bool = True,
    save: bool = True,
):
    """Approve or reject a pending request. Refuses a request already decided, and a rejection
    without a reason (the requester is owed one). The caller holds the transaction and the row
    lock (`select_for_update`) and sends the notification on commit."""
    if getattr(record, status_field) != pending:
        raise ServiceError(_("此申請已審核，不可再次審核。"), code="already_decided")
    reason = (reason or "").strip()
    if not approve and reason_required_to_reject and not reason:
        raise ServiceError(_("駁回時請填寫理由。"), code="reason_required", status=400, field="reason")
    setattr(record, status_field, approved if approve else rejected)
    record.decided_by = by
    record.decided_at = timezone.now()
    record.decision_reason = reason[:200]
    if save:
        fields = [status_field, "decided_by", "decided_at", "decision_reason"]
        record.save(update_fields=[*fields, "updated_at"] if hasattr(record, "updated_at") else fields)
    return record
