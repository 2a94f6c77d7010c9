import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from kaohsiung_admin.core.dates import validate_office_date
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


class CalendarOverrideFilterSet(django_filters.FilterSet):
    date_after = DateFilter(field_name="date", lookup_expr="gte")
    date_before = DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = CalendarOverride
        fields = ["is_working_day"]
