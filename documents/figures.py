"""What the documents and confidential sections give the annual report (貳 文書業務, 參 機要業務),
counted by the database for a Gregorian year, each with the page listing its records.

Registers that the report states "by the end of the year" (e-exchange organisations, open data
sets) count the rows in force on 31 December; the others count the year's rows.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from documents import selectors
from documents.choices import MeetingKind
from documents.models import EExchangeOrganisation, GazetteIssue, MunicipalMeeting, OfficialDocument, OpenDataSet
from kaohsiung_admin.core.figures import Figure, Series


def _url(name: str, **query) -> str:
    return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _in_year(field: str, year: int) -> Q:
    return Q(**{f"{field}__gte": datetime.date(year, 1, 1), f"{field}__lt": datetime.date(year + 1, 1, 1)})


def _in_force(start: str, end: str, year: int) -> Q:
    last = _year_end(year)
    return Q(**{f"{start}__lte": last}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": last}))


def e_exchange_organisations(year: int) -> int:
    return EExchangeOrganisation.objects.filter(_in_force("registered_on", "withdrawn_on", year)).count()


def open_data_sets(year: int) -> int:
    return OpenDataSet.objects.filter(_in_force("published_on", "withdrawn_on", year)).count()


def gazette_issues(year: int) -> int:
    return GazetteIssue.objects.filter(_in_year("issue_on", year), published=True).count()


def municipal_meetings(year: int) -> int:
    return MunicipalMeeting.objects.filter(_in_year("held_on", year)).count()


def extraordinary_meetings(year: int) -> int:
    return MunicipalMeeting.objects.filter(_in_year("held_on", year), kind=MeetingKind.EXTRAORDINARY).count()


def received(year: int) -> int:
    return OfficialDocument.objects.filter(_in_year("received_on", year), direction="received").count()


def issued(year: int) -> int:
    return OfficialDocument.objects.filter(_in_year("dispatched_on", year)).count()


def _rate(key: str):
    def compute(year: int):
        value = selectors.year_rates(year)[key]
        return value if value is not None else 0

    return compute


def _control_yuan(index: int):
    """Petitions handed in at the year's first (index 0) or second (1) Control Yuan visit."""

    def compute(year: int) -> int:
        visits = selectors.control_yuan_visits(year)
        return visits[index].petition_count if len(visits) > index else 0

    return compute


def _visit_url(index: int):
    def build(year: int) -> str:
        visits = selectors.control_yuan_visits(year)
        if len(visits) > index:
            return _url("documents:petition-list", channel="control_yuan", visit=visits[index].pk)
        return _url("documents:petition-list", channel="control_yuan", year=year)

    return build


FIGURES = [
    Figure(
        key="documents.petitions",
        label="透過系統管制受理之市民建議、陳情及市長交辦案件",
        unit="件",
        compute=lambda year: selectors.system_petitions(year).count(),
        records_url=lambda year: _url("documents:petition-list", year=year, system="true"),
        tags=("documents", "petitions"),
    ),
    Figure(
        key="documents.e_exchange_organisations",
        label="受理申請公文電子交換服務之民間組織及團體（累計至年底）",
        unit="個",
        compute=e_exchange_organisations,
        records_url=lambda year: _url("documents:organisation-list", year=year),
        tags=("documents",),
    ),
    Figure(
        key="documents.open_data_sets",
        label="開放資料集（至年底）",
        unit="項",
        compute=open_data_sets,
        records_url=lambda year: _url("documents:dataset-list", year=year),
        tags=("documents",),
    ),
    Figure(
        key="documents.gazette_issues",
        label="高雄市政府電子公報出刊",
        unit="期",
        compute=gazette_issues,
        records_url=lambda year: _url("documents:gazette-list", year=year),
        tags=("documents",),
    ),
    Figure(
        key="documents.municipal_meetings",
        label="市政會議（含臨時會）",
        unit="次",
        compute=municipal_meetings,
        records_url=lambda year: _url("documents:meeting-list", year=year),
        tags=("documents",),
    ),
    Figure(
        key="documents.extraordinary_meetings",
        label="市政會議臨時會",
        unit="次",
        compute=extraordinary_meetings,
        records_url=lambda year: _url("documents:meeting-list", year=year, kind=MeetingKind.EXTRAORDINARY),
        tags=("documents",),
    ),
    Figure(
        key="documents.e_sign_rate",
        label="公文電子簽核比率",
        unit="%",
        compute=_rate("e_sign_rate"),
        records_url=lambda year: _url("documents:rates", year=year),
        kind="percent",
        tags=("documents", "rates"),
    ),
    Figure(
        key="documents.e_exchange_rate",
        label="公文電子交換使用率",
        unit="%",
        compute=_rate("e_exchange_rate"),
        records_url=lambda year: _url("documents:rates", year=year),
        kind="percent",
        tags=("documents", "rates"),
    ),
    Figure(
        key="documents.on_time_rate",
        label="公文於限辦日期內辦結比率",
        unit="%",
        compute=_rate("on_time_rate"),
        records_url=lambda year: _url("documents:rates", year=year),
        kind="percent",
        tags=("documents", "rates"),
    ),
    Figure(
        key="documents.control_yuan_petitions_first",
        label="配合監察院地方機關巡察受理陳情（第一次）",
        unit="件",
        compute=_control_yuan(0),
        records_url=_visit_url(0),
        tags=("documents", "petitions"),
    ),
    Figure(
        key="documents.control_yuan_petitions_second",
        label="配合監察院地方機關巡察受理陳情（第二次）",
        unit="件",
        compute=_control_yuan(1),
        records_url=_visit_url(1),
        tags=("documents", "petitions"),
    ),
    Figure(
        key="documents.received",
        label="收文",
        unit="件",
        compute=received,
        records_url=lambda year: _url("documents:document-list", year=year, direction="received"),
        tags=("documents",),
    ),
    Figure(
        key="documents.issued",
        label="發文",
        unit="件",
        compute=issued,
        records_url=lambda year: _url("documents:document-list", dispatched_year=year),
        tags=("documents",),
    ),
]


def _monthly(key: str):
    def compute(year: int):
        return [(f"{row['month']}月", row[key] or 0) for row in selectors.monthly_rates(year)]

    return compute


SERIES = [
    Series(
        key="documents.e_sign_rate_by_month",
        label="公文電子簽核比率（依月份）",
        unit="%",
        compute=_monthly("e_sign_rate"),
    ),
    Series(
        key="documents.e_exchange_rate_by_month",
        label="公文電子交換使用率（依月份）",
        unit="%",
        compute=_monthly("e_exchange_rate"),
    ),
    Series(key="documents.closed_by_month", label="公文辦結件數（依月份）", unit="件", compute=_monthly("closed")),
]
