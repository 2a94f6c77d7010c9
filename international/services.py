"""Writes of the international affairs records. Keyword-only `<entity>_<action>` functions, each
in one transaction; a refused action raises core's ServiceError with a zh-Hant sentence."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from international import rules
from international.choices import (
    TIE_KIND_OF_AGREEMENT,
    AgreementKind,
    AgreementStatus,
    ContactKind,
    GiftDirection,
    GiftDisposition,
    GiftReportStatus,
)
from international.models import (
    Agreement,
    Appointment,
    City,
    DonationItem,
    ExchangeActivity,
    Gift,
    MissionContact,
    Partnership,
    VisitCase,
)
from kaohsiung_admin.core.decisions import record_decision
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.numbering import next_number, roc_number

VISIT_NUMBER = "{roc}國訪字第{seq:03d}號"


def _require(condition: bool, message: str, *, field: str | None = None, code: str = "invalid") -> None:
    if not condition:
        raise ServiceError(message, code=code, status=400, field=field)


# --- cities and agreements ----------------------------------------------------------------------


@transaction.atomic
def city_create(*, user, **fields) -> City:
    city = City(created_by=user, **fields)
    city.full_clean()
    city.save()
    return city


@transaction.atomic
def agreement_sign(
    *,
    user,
    title: str,
    kind: str,
    cities: Iterable[City],
    signed_on: datetime.date,
    supersedes: Agreement | None = None,
    **fields,
) -> Agreement:
    """Record a signed agreement binding `cities`. A binding agreement (not an MOU) begins a tie
    with each city not already tied, dated the signing day; a city already tied keeps its tie
    (and its ordinal and anniversaries), upgraded to the new kind. `supersedes` is the MOU (or
    earlier agreement) this one replaces: it is kept, marked superseded."""
    cities = list(cities)
    _require(bool(cities), _("請選擇至少一個締約城市。"), field="cities")
    if supersedes is not None:
        supersedes = Agreement.objects.select_for_update().get(pk=supersedes.pk)
        _require(
            supersedes.status == AgreementStatus.IN_FORCE,
            _("「%(title)s」已非有效文件，不能再被取代。") % {"title": supersedes.title},
            field="supersedes",
        )
        _require(
            signed_on >= supersedes.signed_on,
            _("新協定的簽署日期不可早於被取代的文件（%(date)s）。") % {"date": supersedes.signed_on},
            field="signed_on",
        )
    agreement = Agreement(title=title, kind=kind, signed_on=signed_on, supersedes=supersedes, created_by=user, **fields)
    if agreement.term_years and not agreement.expires_on:
        agreement.expires_on = _add_years(signed_on, agreement.term_years)
    agreement.full_clean()
    agreement.save()
    agreement.cities.set(cities)
    if supersedes is not None:
        supersedes.status = AgreementStatus.SUPERSEDED
        supersedes.save(update_fields=["status", "updated_at"])
    if kind != AgreementKind.MOU:
        tie_kind = TIE_KIND_OF_AGREEMENT[AgreementKind(kind)]
        active = {
            tie.city_id: tie
            for tie in Partnership.objects.select_for_update().filter(city__in=cities, ended_on__isnull=True)
        }
        for city in cities:
            tie = active.get(city.pk)
            if tie is None:
                Partnership.objects.create(
                    city=city, kind=tie_kind, agreement=agreement, established_on=signed_on, created_by=user
                )
            elif tie.kind != tie_kind:
                tie.kind = tie_kind
                tie.save(update_fields=["kind", "updated_at"])
    return agreement


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def partnership_end(*, user, partnership: Partnership, ended_on: datetime.date, reason: str) -> Partnership:
    """End a tie. Its ordinal and the later ties' ordinals do not change (they count signings);
    the number of ties in force drops. The agreement ends when none of its ties is in force."""
    tie = Partnership.objects.select_for_update().get(pk=partnership.pk)
    _require(tie.ended_on is None, _("此締盟關係已於%(date)s終止。") % {"date": tie.ended_on}, code="already_ended")
    _require(ended_on >= tie.established_on, _("終止日期不可早於締盟日期。"), field="ended_on")
    _require(bool((reason or "").strip()), _("請填寫終止原因。"), field="end_reason")
    tie.ended_on = ended_on
    tie.end_reason = reason.strip()[:200]
    tie.save(update_fields=["ended_on", "end_reason", "updated_at"])
    if not tie.agreement.partnerships.filter(ended_on__isnull=True).exists():
        Agreement.objects.filter(pk=tie.agreement_id).update(status=AgreementStatus.TERMINATED)
    return tie


# --- exchanges, visits, missions ----------------------------------------------------------------


@transaction.atomic
def activity_record(
    *, user, cities: Iterable[City] = (), donation_items: Iterable[dict] = (), **fields
) -> ExchangeActivity:
    activity = ExchangeActivity(created_by=user, **fields)
    if activity.ends_on and activity.ends_on < activity.starts_on:
        raise ServiceError(_("結束日期不可早於開始日期。"), code="invalid", status=400, field="ends_on")
    activity.full_clean()
    activity.save()
    activity.cities.set(list(cities))
    items = [DonationItem(activity=activity, created_by=user, **item) for item in donation_items]
    for item in items:
        item.full_clean(exclude=["activity"])
    DonationItem.objects.bulk_create(items)
    return activity


@transaction.atomic
def visit_record(*, user, countries: Iterable, **fields) -> VisitCase:
    """Record a reception. The case number runs per year of arrival; a mission's call is also
    written into the mission's contact history."""
    countries = list(countries)
    _require(bool(countries), _("請選擇訪團所屬國家。"), field="countries")
    arrived_on, left_on = fields.get("arrived_on"), fields.get("left_on") or fields.get("arrived_on")
    fields["left_on"] = left_on
    _require(left_on >= arrived_on, _("離開日期不可早於來訪日期。"), field="left_on")
    seq = next_number("international.visit", arrived_on.year)
    visit = VisitCase(number=roc_number(VISIT_NUMBER, arrived_on.year, seq), created_by=user, **fields)
    visit.full_clean()
    visit.save()
    visit.countries.set(countries)
    if visit.mission_id:
        MissionContact.objects.create(
            mission_id=visit.mission_id,
            kind=ContactKind.COURTESY_CALL,
            date=arrived_on,
            summary=visit.delegation[:300],
            visit=visit,
            created_by=user,
        )
    return visit


@transaction.atomic
def visit_update(*, user, visit: VisitCase, countries: Iterable, **fields) -> VisitCase:
    """Correct a reception. Its case number stays (numbers are never reissued)."""
    countries = list(countries)
    _require(bool(countries), _("請選擇訪團所屬國家。"), field="countries")
    visit = VisitCase.objects.select_for_update().get(pk=visit.pk)
    fields["left_on"] = fields.get("left_on") or fields.get("arrived_on", visit.arrived_on)
    for name, value in fields.items():
        setattr(visit, name, value)
    _require(visit.left_on >= visit.arrived_on, _("離開日期不可早於來訪日期。"), field="left_on")
    visit.full_clean()
    visit.save()
    visit.countries.set(countries)
    return visit


@transaction.atomic
def mission_contact_record(*, user, **fields) -> MissionContact:
    contact = MissionContact(created_by=user, **fields)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def appointment_record(
    *, user, dignitary, mission=None, title: str, started_on=None, is_head: bool = True
) -> Appointment:
    """A dignitary takes up an office. A new head of a mission ends the previous head's term the
    day before, so the mission's list of heads is a history, not a set of overlapping rows."""
    if mission is not None and is_head and started_on is not None:
        previous = (
            Appointment.objects.select_for_update()
            .filter(mission=mission, is_head=True, ended_on__isnull=True)
            .exclude(dignitary=dignitary)
        )
        for old in previous:
            _require(
                old.started_on is None or old.started_on < started_on,
                _("到任日期須晚於前任（%(name)s）的到任日期。") % {"name": old.dignitary},
                field="started_on",
            )
            old.ended_on = started_on - datetime.timedelta(days=1)
            old.save(update_fields=["ended_on", "updated_at"])
    appointment = Appointment(
        dignitary=dignitary, mission=mission, title=title, started_on=started_on, is_head=is_head, created_by=user
    )
    appointment.full_clean()
    appointment.save()
    return appointment


# --- gifts --------------------------------------------------------------------------------------


def _same_source(gift: Gift) -> Q:
    if gift.city_id:
        return Q(city_id=gift.city_id)
    if gift.mission_id:
        return Q(mission_id=gift.mission_id)
    if gift.counterpart:
        return Q(counterpart__iexact=gift.counterpart)
    return Q(private_person_name=gift.private_person_name)


@transaction.atomic
def gift_record(*, user, calendar=None, **fields) -> Gift:
    """Register a gift. A received gift is assessed by the ethics rule (rules.assess_gift): when
    it must be reported, its 3-day clock starts on the day it was received."""
    gift = Gift(created_by=user, **fields)
    _require(
        bool(gift.counterpart or gift.private_person_name or gift.city_id or gift.mission_id),
        _("請填寫贈與或受贈對象。"),
        field="counterpart",
    )
    if gift.direction == GiftDirection.RECEIVED:
        earlier = (
            Gift.objects.filter(
                _same_source(gift),
                direction=GiftDirection.RECEIVED,
                date__year=gift.date.year,
                date__lte=gift.date,
            ).aggregate(total=Sum("estimated_value"))["total"]
            or 0
        )
        verdict = rules.assess_gift(
            received_on=gift.date,
            value=gift.estimated_value,
            staff_count=gift.staff_count,
            interested_party=gift.interested_party,
            official_etiquette=gift.official_etiquette,
            earlier_this_year_from_source=earlier,
            calendar=calendar,
        )
        gift.rule = verdict.reason[:300]
        gift.report_status = GiftReportStatus.TO_REPORT if verdict.must_report else GiftReportStatus.NOT_REQUIRED
        gift.report_due_on = verdict.due_on
    gift.full_clean()
    gift.save()
    return gift


@transaction.atomic
def gift_report(*, user, gift: Gift, reported_on: datetime.date) -> Gift:
    """The officer reported the gift to the supervisor and the ethics unit (簽報)."""
    gift = Gift.objects.select_for_update().get(pk=gift.pk)
    _require(gift.report_status == GiftReportStatus.TO_REPORT, _("此禮品不需簽報或已簽報。"), code="not_to_report")
    _require(reported_on >= gift.date, _("簽報日期不可早於受贈日期。"), field="reported_on")
    gift.report_status = GiftReportStatus.REPORTED
    gift.reported_on = reported_on
    gift.requested_by = user
    gift.save(update_fields=["report_status", "reported_on", "requested_by", "updated_at"])
    return gift


@transaction.atomic
def gift_decide(*, user, gift: Gift, disposition: str, reason: str = "") -> Gift:
    """The ethics unit's decision on a reported gift: pay, return, hand to the agency, donate."""
    gift = Gift.objects.select_for_update().get(pk=gift.pk)
    _require(disposition in GiftDisposition.values, _("請選擇處理方式。"), field="disposition")
    if gift.report_status != GiftReportStatus.REPORTED:
        raise ServiceError(_("此禮品尚未簽報或已處理。"), code="not_reported")
    record_decision(
        gift,
        approve=True,
        by=user,
        reason=reason,
        approved=GiftReportStatus.DECIDED,
        pending=GiftReportStatus.REPORTED,
        status_field="report_status",
        reason_required_to_reject=False,
        save=False,
    )
    gift.disposition = disposition
    gift.save(
        update_fields=["report_status", "decided_by", "decided_at", "decision_reason", "disposition", "updated_at"]
    )
    return gift
