"""The legal time limits this app applies, each with its source, and how days are counted.

Every limit is a setting-like constant: a Django setting of the same name overrides the default
(e.g. `CP_SECOND_COMPLAINT_DAYS = 20`). Confidence as in DOMAIN.md: [V] official text read,
[S] secondary source or another city's practice, [U] not found (a default we chose).

How a deadline of N days is counted (`core.deadlines.deadline()`, re-exported here):
- calendar days, because the statutes say 日 without 工作日 (CPA Art. 43 II, Art. 45-3);
- the start day is not counted (民法第120條第2項; 行政程序法第48條第2項): a complaint filed on
  3 March must be handled by 18 March;
- when the last day falls on a day the offices are closed (weekend, national holiday, typhoon
  day), the next working day is the last day (民法第122條; 行政程序法第48條第4項). Working days
  come from `core.dates.WorkdayCalendar` (Taiwan's holidays, make-up Saturdays, the Bureau's
  overrides).
"""

from __future__ import annotations

from kaohsiung_admin.core.deadlines import CALENDAR, DUE_SOON, Limit, deadline

# 消費者保護法第43條第2項 [V]: 企業經營者對於消費者之申訴，應於申訴之日起十五日內妥適處理之。
FIRST_COMPLAINT_BUSINESS = Limit("CP_FIRST_COMPLAINT_DAYS", 15, "消費者保護法第43條第2項", CALENDAR)

# 消費者保護法第43條第3項 sets no limit for the officer's handling of a second complaint. The
# 30 days follow Taipei's practice that an agency silent for 30 days lets the complainant
# escalate [S] (DOMAIN.md): a setting, not a rule of law.
SECOND_COMPLAINT_OFFICER = Limit("CP_SECOND_COMPLAINT_DAYS", 30, "臺北市實務（機關30日未處理得續行）[S]", CALENDAR)

# 消費爭議調解辦法第4條 [V]: incomplete applications are given a period to supplement (補正);
# the regulation leaves the length to the committee. 7 days is our default [U].
MEDIATION_CORRECTION = Limit(
    "CP_MEDIATION_CORRECTION_DAYS", 7, "消費爭議調解辦法第4條（期間由委員會定，預設7日）[U]", CALENDAR
)

# 消費者保護法第45條之3第1項 [V]: a party may object within 10 days after the proposal is served;
# an objection makes the mediation fail (不成立), none makes it stand (成立).
MEDIATION_OBJECTION = Limit("CP_MEDIATION_OBJECTION_DAYS", 10, "消費者保護法第45條之3", CALENDAR)

# 消費者保護法第45條之4第1項 [V] / 第45條之5: 小額消費爭議 — a party absent from the hearing without
# good reason; the committee may propose a 解決方案, served on both parties, objected to within the
# 10-day window above (MEDIATION_OBJECTION, 不變期間). The amount is the one the central authority
# (行政院) announced, NT$100,000 [S]; setting CP_SMALL_CLAIM_MAX_NTD.
SMALL_CLAIM_BASIS = "消費者保護法第45條之4"
SMALL_CLAIM_DEFAULT_MAX_NTD = 100_000


def small_claim_max_ntd() -> int:
    """The ceiling of a 小額消費爭議 (NT$), CPA Art. 45-4 IV as announced [S]."""
    from django.conf import settings

    return int(getattr(settings, "CP_SMALL_CLAIM_MAX_NTD", SMALL_CLAIM_DEFAULT_MAX_NTD))


# Taipei's practice concludes mediation within 80 days of the application [S].
MEDIATION_CONCLUSION = Limit("CP_MEDIATION_CONCLUSION_DAYS", 80, "臺北市實務（80日內完成調解）[S]", CALENDAR)

# How far ahead "due soon" looks (lists, dashboard, daily digest): core's DUE_SOON, one setting
# for every division (DUE_SOON_DAYS, default 3).

ALL_LIMITS = [
    FIRST_COMPLAINT_BUSINESS,
    SECOND_COMPLAINT_OFFICER,
    MEDIATION_CORRECTION,
    MEDIATION_OBJECTION,
    MEDIATION_CONCLUSION,
    DUE_SOON,
]

__all__ = [
    "ALL_LIMITS",
    "DUE_SOON",
    "FIRST_COMPLAINT_BUSINESS",
    "MEDIATION_CONCLUSION",
    "MEDIATION_CORRECTION",
    "MEDIATION_OBJECTION",
    "SECOND_COMPLAINT_OFFICER",
    "SMALL_CLAIM_BASIS",
    "Limit",
    "deadline",
    "small_claim_max_ntd",
]
