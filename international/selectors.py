"""Reads of the international affairs records: they own select_related/prefetch_related/only, the
tie ordinal, the counts in force and the anniversaries (the one rule for each)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, ExtractYear, Mod

from international.choices import ASIA_PACIFIC_REGIONS, GiftDirection, Region
from international.models import (
    Agreement,
    Appointment,
    City,
    Country,
    ExchangeActivity,
    ForeignMission,
    Gift,
    MissionContact,
    Partnership,
    VisitCase,
)

ANNIVERSARY_STEP = 5  # the office marks every fifth year of a tie (5, 10, … 55周年)


# --- ties: ordinal, in force ---------------------------------------------------------------------


def with_ordinal(queryset):
    """Annotate `ordinal`: how many ties were signed up to this one, in signing order (same day:
    the order of recording). Every tie ever signed counts, ended ones too, so a city signed as
    高雄第36個 stays the 36th when an older tie ends, and the next one is the 37th. A correlated
    count over the (established_on, id) index, so filtering the outer list never renumbers."""
    earlier = (
        Partnership.objects.filter(
            Q(established_on__lt=OuterRef("established_on"))
            | Q(established_on=OuterRef("established_on"), id__lte=OuterRef("id"))
        )
        .order_by()
        .values(dummy=Value(1))
        .annotate(n=Count("id"))
        .values("n")
    )
    return queryset.annotate(ordinal=Coalesce(Subquery(earlier, output_field=IntegerField()), 0))


def in_force_q(on: datetime.date, prefix: str = "") -> Q:
    """A tie in force on `on`: established by then and not ended by then."""
    return Q(**{f"{prefix}established_on__lte": on}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": on})
    )


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def ties_in_force(on: datetime.date):
    return Partnership.objects.filter(in_force_q(on))


def partner_count(on: datetime.date) -> int:
    """Ties in force on a day (36 at the end of 2022)."""
    return ties_in_force(on).count()


def newest_ordinal(on: datetime.date) -> int:
    """The ordinal of the newest tie signed by `on` = every tie signed by then."""
    return Partnership.objects.filter(established_on__lte=on).count()


def asia_pacific_count(on: datetime.date) -> int:
    return ties_in_force(on).filter(city__country__region__in=ASIA_PACIFIC_REGIONS).count()


# --- anniversaries -------------------------------------------------------------------------------


def anniversary_date(established_on: datetime.date, year: int) -> datetime.date:
    """The day of the year's anniversary. A tie signed on 29 February is celebrated on 28 February
    in common years: the last day of the month, as 民法第121條第2項 ends a period whose last month
    has no such day."""
    try:
        return established_on.replace(year=year)
    except ValueError:
        return datetime.date(year, 2, 28)


@dataclass
class Anniversary:
    date: datetime.date
    years: int
    ties: list = field(default_factory=list)
    days_left: int | None = None  # set by upcoming_anniversaries: days from the day asked

    def days_from(self, day: datetime.date) -> int:
        return (self.date - day).days

    @property
    def names(self) -> str:
        return "、".join(tie.city.name_zh for tie in self.ties)

    @property
    def cities(self) -> list:
        return [tie.city for tie in self.ties]


def _anniversary_ties(year: int):
    """Ties whose age in `year` is a positive multiple of five, in force at some time in the year:
    the database does the arithmetic (a handful of rows come back)."""
    return (
        with_ordinal(Partnership.objects.select_related("city__country", "agreement"))
        .annotate(signed_year=ExtractYear("established_on"))
        .annotate(age=Value(year) - F("signed_year"))
        .annotate(step=Mod(F("age"), Value(ANNIVERSARY_STEP)))
        .filter(age__gt=0, step=0)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=datetime.date(year, 1, 1)))
        .order_by("established_on", "id")
    )


def anniversaries(year: int) -> list[Anniversary]:
    """The year's 5-year anniversaries, ties of one agreement together (熊本縣、熊本市 5周年),
    in order of the anniversary day. A tie ended before its anniversary day has none."""
    grouped: dict = {}
    for tie in _anniversary_ties(year):
        day = anniversary_date(tie.established_on, year)
        if tie.ended_on is not None and tie.ended_on < day:
            continue
        key = (tie.agreement_id, tie.established_on)
        entry = grouped.setdefault(key, Anniversary(date=day, years=year - tie.established_on.year))
        entry.ties.append(tie)
    return sorted(grouped.values(), key=lambda entry: (entry.date, entry.ties[0].ordinal))


def anniversary_count(year: int) -> int:
    """Ties reaching a 5-year anniversary in the year (熊本縣 and 熊本市 count as two)."""
    return sum(len(entry.ties) for entry in anniversaries(year))


def anniversaries_text(year: int) -> str:
    """For the report's narrative: 「熊本縣、熊本市5周年、大田5周年、布里斯本25周年…」."""
    return "、".join(f"{entry.names}{entry.years}周年" for entry in anniversaries(year))


def upcoming_anniversaries(on: datetime.date, days: int = 366) -> list[Anniversary]:
    """Anniversaries from `on` through the next `days` days (the dashboard plans a year ahead):
    one signed later in the year than `on` is this year's, one already past comes next year."""
    horizon = on + datetime.timedelta(days=days)
    found = []
    for year in range(on.year, horizon.year + 1):
        found.extend(entry for entry in anniversaries(year) if on <= entry.date <= horizon)
    for entry in found:
        entry.days_left = entry.days_from(on)
    return found


# --- lists ---------------------------------------------------------------------------------------


def _ties_prefetch():
    # Every tie of the city, latest first, numbered: the list shows the one in force.
    return Prefetch(
        "partnerships",
        queryset=with_ordinal(
            Partnership.objects.only("id", "city_id", "kind", "established_on", "ended_on", "agreement_id")
        ).order_by("-established_on", "-id"),
        to_attr="ties",
    )


# The world list's order of regions, as the office reads them (not alphabetical by code).
REGION_ORDER = Case(
    *(When(country__region=region, then=Value(index)) for index, region in enumerate(Region.values)),
    default=Value(len(Region.values)),
    output_field=IntegerField(),
)


def city_list(*, user):
    """Cities with their country and ties, in region → country → name order (the world list)."""
    return (
        City.objects.restrict(user, "view")
        .select_related("country")
        .prefetch_related(_ties_prefetch())
        .annotate(region_order=REGION_ORDER)
        .order_by("region_order", "country__name_zh", "name_zh", "id")
    )


def city_detail(*, user, pk: int) -> City:
    return City.objects.restrict(user, "view").select_related("country").prefetch_related(_ties_prefetch()).get(pk=pk)


def current_tie(city: City):
    ties = getattr(city, "ties", None)
    if ties is None:
        ties = list(with_ordinal(city.partnerships.order_by("-established_on", "-id")))
    return next((tie for tie in ties if tie.ended_on is None), ties[0] if ties else None)


def agreement_list(*, user):
    return (
        Agreement.objects.restrict(user, "view")
        .select_related("supersedes")
        .prefetch_related(Prefetch("cities", queryset=City.objects.only("id", "name_zh")))
        .order_by("-signed_on", "-id")
    )


def visit_list(*, user):
    # The list shows countries (prefetched) and the city's name; long texts stay in the database.
    return (
        VisitCase.objects.restrict(user, "view")
        .select_related("city", "mission")
        .prefetch_related(Prefetch("countries", queryset=Country.objects.only("id", "name_zh", "code")))
        .defer("purpose", "programme")
        .order_by("-arrived_on", "-id")
    )


def activity_list(*, user):
    return (
        ExchangeActivity.objects.restrict(user, "view")
        .select_related("country", "mission", "programme")
        .prefetch_related(Prefetch("cities", queryset=City.objects.only("id", "name_zh")), "donation_items")
        .defer("description")
        .order_by("-starts_on", "-id")
    )


def gift_list(*, user):
    return Gift.objects.restrict(user, "view").select_related("city", "mission", "visit").order_by("-date", "-id")


def mission_list(*, user):
    heads = Appointment.objects.filter(is_head=True, ended_on__isnull=True).select_related("dignitary")
    return (
        ForeignMission.objects.restrict(user, "view")
        .select_related("country")
        .prefetch_related(Prefetch("appointments", queryset=heads, to_attr="current_heads"))
        .annotate(contact_count=Count("contacts", distinct=True))
        .order_by("country__name_zh", "name_zh", "id")
    )


def mission_history(mission: ForeignMission) -> dict:
    return {
        "heads": list(mission.appointments.select_related("dignitary").order_by("-started_on", "-id")),
        "contacts": list(
            MissionContact.objects.filter(mission=mission).select_related("dignitary", "visit").order_by("-date", "-id")
        ),
    }


# --- the city's timeline -------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    date: datetime.date
    kind: str
    title: str
    url: str = ""
    detail: str = ""


def city_timeline(city: City) -> list[TimelineEvent]:
    """Everything that happened with a city, newest first: ties, agreements, activities,
    receptions and gifts. Five queries whatever the number of events."""
    events: list[TimelineEvent] = []
    for agreement in city.agreements.only("id", "title", "signed_on", "kind").order_by():
        events.append(TimelineEvent(agreement.signed_on, agreement.get_kind_display(), agreement.title))
    for tie in city.partnerships.only("id", "kind", "established_on", "ended_on", "end_reason", "city_id").order_by():
        if tie.ended_on:
            events.append(
                TimelineEvent(tie.ended_on, "終止締盟", f"{tie.get_kind_display()}關係終止", detail=tie.end_reason)
            )
    activities = city.activities.prefetch_related("donation_items").defer("description").order_by()
    for activity in activities:
        items = "、".join(str(item) for item in activity.donation_items.all())
        detail = "；".join(
            part
            for part in (
                activity.venue,
                f"{activity.participants}人參加" if activity.participants else "",
                items,
                activity.delegation.replace("\n", "、"),
            )
            if part
        )
        events.append(TimelineEvent(activity.starts_on, activity.get_kind_display(), activity.title, detail=detail))
    for visit in city.visits.only("id", "number", "arrived_on", "delegation", "persons", "city_id").order_by():
        events.append(
            TimelineEvent(
                visit.arrived_on,
                "訪賓接待",
                visit.delegation,
                url=visit.get_absolute_url(),
                detail=f"{visit.persons}人",
            )
        )
    for gift in city.gifts.only("id", "date", "direction", "description", "city_id").order_by():
        events.append(TimelineEvent(gift.date, f"禮品{gift.get_direction_display()}", gift.description))
    return sorted(events, key=lambda event: event.date, reverse=True)


# --- counts for the year --------------------------------------------------------------------------


def visit_counts(year: int) -> dict:
    """Cases and persons of the year's receptions (by arrival day)."""
    from django.db.models import Sum

    rows = VisitCase.objects.filter(arrived_on__gte=datetime.date(year, 1, 1), arrived_on__lte=year_end(year))
    totals = rows.aggregate(cases=Count("id"), persons=Sum("persons"))
    return {"cases": totals["cases"] or 0, "persons": totals["persons"] or 0}


def gifts_received_open(*, user):
    return gift_list(user=user).filter(direction=GiftDirection.RECEIVED)
