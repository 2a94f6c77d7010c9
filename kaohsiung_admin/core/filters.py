import django_filters

from kaohsiung_admin.core.models import CalendarOverride


class CalendarOverrideFilterSet(django_filters.FilterSet):
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = CalendarOverride
        fields = ["is_working_day"]
