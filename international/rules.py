"""The ethics rule for gifts (公務員廉政倫理規範), in one place, with each limit cited.

The amounts are core `Limit`s so that a setting can follow a revision of the rule; for them a
Limit's value is an amount in NT$ (its `.days` is the number), the 3-day clock is a real one.

- 第4點 [V]: from a party with an interest in the officer's duties (與其職務有利害關係者), a gift
  may be accepted only when occasional and (a) official etiquette (公務禮儀), or (b) worth
  ≤ NT$500, or ≤ NT$1,000 in total when given to many staff of the agency; otherwise it is
  refused or returned, and when it could not be refused it is reported.
- 第6點 [V], with 第2點(十) 正常社交禮俗標準: a gift from anyone else above normal etiquette —
  NT$3,000 a gift, or NT$10,000 a year from one source — is reported to the supervisor within
  3 days of receipt (and the ethics unit informed where needed).
- 第5點、第6點 [S]: the ethics unit proposes paying for it, returning it, handing it to the agency
  (歸公) or donating it to charity.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kaohsiung_admin.core.deadlines import CALENDAR, Limit, deadline

SOURCE = "公務員廉政倫理規範"

SMALL_GIFT = Limit("INTERNATIONAL_GIFT_SMALL_NTD", 500, f"{SOURCE}第4點第3款")
SMALL_GIFT_TO_MANY = Limit("INTERNATIONAL_GIFT_MANY_STAFF_NTD", 1000, f"{SOURCE}第4點第3款")
NORMAL_ETIQUETTE = Limit("INTERNATIONAL_GIFT_ETIQUETTE_NTD", 3000, f"{SOURCE}第2點第10款")
YEARLY_FROM_ONE_SOURCE = Limit("INTERNATIONAL_GIFT_YEARLY_NTD", 10000, f"{SOURCE}第2點第10款")
# 「應於受贈之日起3日內」: calendar days, a last day on a closed day moves on (民法第122條).
REPORT_WITHIN = Limit("INTERNATIONAL_GIFT_REPORT_DAYS", 3, f"{SOURCE}第5點、第6點", CALENDAR)

AMOUNT_LIMITS = (SMALL_GIFT, SMALL_GIFT_TO_MANY, NORMAL_ETIQUETTE, YEARLY_FROM_ONE_SOURCE)


def amount(limit: Limit) -> int:
    return limit.days


@dataclass(frozen=True)
class GiftAssessment:
    must_report: bool
    reason: str
    due_on: datetime.date | None = None


def assess_gift(
    *,
    received_on: datetime.date,
    value: int,
    staff_count: int = 1,
    interested_party: bool,
    official_etiquette: bool,
    earlier_this_year_from_source: int = 0,
    calendar=None,
) -> GiftAssessment:
    """Whether a received gift must be reported within 3 days, and why, in the rule's words."""

    def report(reason: str) -> GiftAssessment:
        return GiftAssessment(True, reason, deadline(received_on, REPORT_WITHIN, calendar=calendar))

    if interested_party:
        if official_etiquette:
            return GiftAssessment(
                False, _("與職務有利害關係者餽贈，屬公務禮儀，得受贈（%(src)s）。") % {"src": SMALL_GIFT.source}
            )
        many = staff_count > 1
        ceiling = amount(SMALL_GIFT_TO_MANY if many else SMALL_GIFT)
        if value <= ceiling:
            return GiftAssessment(
                False,
                _("與職務有利害關係者餽贈，市價%(value)s元未超過%(ceiling)s元，得受贈（%(src)s）。")
                % {"value": f"{value:,}", "ceiling": f"{ceiling:,}", "src": SMALL_GIFT.source},
            )
        return report(
            _(
                "與職務有利害關係者餽贈，市價%(value)s元超過%(ceiling)s元，應拒絕或退還，並於受贈之日起3日內簽報長官及知會政風單位（%(src)s）。"
            )
            % {"value": f"{value:,}", "ceiling": f"{ceiling:,}", "src": REPORT_WITHIN.source}
        )
    if value > amount(NORMAL_ETIQUETTE):
        return report(
            _("市價%(value)s元超過正常社交禮俗標準%(limit)s元，應於受贈之日起3日內簽報長官（%(src)s）。")
            % {"value": f"{value:,}", "limit": f"{amount(NORMAL_ETIQUETTE):,}", "src": REPORT_WITHIN.source}
        )
    year_total = earlier_this_year_from_source + value
    if year_total > amount(YEARLY_FROM_ONE_SOURCE):
        return report(
            _("同一年度來自同一來源之受贈累計%(total)s元，超過%(limit)s元，應於受贈之日起3日內簽報長官（%(src)s）。")
            % {"total": f"{year_total:,}", "limit": f"{amount(YEARLY_FROM_ONE_SOURCE):,}", "src": REPORT_WITHIN.source}
        )
    return GiftAssessment(
        False,
        _("未超過正常社交禮俗標準，免簽報（%(src)s）。") % {"src": NORMAL_ETIQUETTE.source},
    )
