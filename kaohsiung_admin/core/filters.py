"""Filters every division's FilterSets share (pages and API use the same FilterSet)."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.forms.utils import pretty_name
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kaohsiung_admin.core.dates import FIRST_YEAR, LAST_YEAR, validate_office_date, year_bounds
from kaohsiung_admin.core.forms import install_roc_dates
from kaohsiung_admin.core.models import CalendarOverride

# The largest id a (Big)AutoField holds; a larger number in a query would overflow the
# database's integer (SQLite raises OverflowError) instead of matching nothing.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A record's id (`?venue=12`): a whole number from 1 to MAX_ID, else a field error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class DateFilter(django_filters.DateFilter):
    """A date within the office calendar (core.dates.FIRST_YEAR..LAST_YEAR), else a field error,
    so that bounds built from it (the next midnight, a Taipei midnight in UTC) never overflow."""

    def __init__(self, *args, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", []), validate_office_date]
        super().__init__(*args, **kwargs)


class YesNoAllFilter(django_filters.BooleanFilter):
    """A yes/no filter whose empty choice reads 「全部」 (Django's NullBooleanSelect says 「未知」,
    which on a filter form reads as if the answer were unknown)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))]))
        super().__init__(*args, **kwargs)


def day_start(day: datetime.date) -> datetime.datetime:
    """Taipei midnight of a day: dates given for a datetime column become bounds the index serves."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


class DateTimeRangeMixin:
    """`…_from` / `…_to` filters (inclusive local dates) over a datetime column `time_field`:
    declare them as `DateFilter(method="filter_date_from")` / `DateFilter(method="filter_date_to")`."""

    time_field = "start"

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(**{f"{self.time_field}__gte": day_start(value)})

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(**{f"{self.time_field}__lt": day_start(value + datetime.timedelta(days=1))})


class YearFilter(django_filters.NumberFilter):
    """A Gregorian year (`?year=2022` for ROC 111) over a date or a datetime column, as a range
    (an index on the column serves it; `__year` would not)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        year = int(value)
        try:
            moment = isinstance(qs.model._meta.get_field(self.field_name), models.DateTimeField)
        except FieldDoesNotExist:
            moment = False
        start, end = year_bounds(year) if moment else (datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))
        return qs.filter(**{f"{self.field_name}__gte": start, f"{self.field_name}__lt": end})


def _descending_label(label) -> str:
    return gettext("%(label)s（遞減）") % {"label": label}


descending_label = lazy(_descending_label, str)


class StableOrderingFilter(django_filters.OrderingFilter):
    """`ordering=due_on` / `-first_filed_on`; the id breaks ties in the same direction, so pages
    never repeat or skip rows, and (column, id) indexes serve the sort.

    The choices read in the page's language at render time (django-filter's own 「… (descending)」
    is fixed in English when the FilterSet class is built)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("預設"))  # the list's own order, not 「---------」
        super().__init__(*args, **kwargs)

    def build_choices(self, fields, labels):
        ascending = [(param, labels.get(field, _(pretty_name(param)))) for field, param in fields.items()]
        descending = [(f"-{param}", labels.get(f"-{param}", descending_label(label))) for param, label in ascending]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]

    def filter(self, qs, value):
        # `?ordering=,` passes the choice check as two empty strings: order_by("") would raise
        value = [param for param in value or [] if param]
        if not value:
            return qs
        fields = [self.get_ordering_value(param) for param in value]
        last = fields[-1]
        fields.append("-id" if last.startswith("-") else "id")
        return qs.order_by(*fields)


class CalendarOverrideFilterSet(django_filters.FilterSet):
    date_after = DateFilter(field_name="date", lookup_expr="gte")
    date_before = DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = CalendarOverride
        fields = ["is_working_day"]


# Every date field and filter accepts ROC dates (111/03/01, 民國111年3月1日): core.forms.
install_roc_dates()
