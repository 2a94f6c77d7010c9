"""Template filters for the report's number style and ROC dates (loaded as builtins).

Pages follow the active language: in Chinese 民國111年3月24日 / 111/03/24 / 1萬 2,000元, in
English 24 Mar 2022 / 2022-03-24 / NT$12,000 (core.formatting.display_*).
"""

from django import template

from kaohsiung_admin.core import formatting

register = template.Library()


@register.filter
def roc_date(value):
    """{{ d|roc_date }} → 民國111年3月24日 (English: 24 Mar 2022)"""
    return formatting.display_date(value)


@register.filter
def roc_date_short(value):
    """{{ d|roc_date_short }} → 111/03/24 (English: 2022-03-24)"""
    return formatting.display_date(value, long=False)


@register.filter
def report_number(value, decimals=0):
    """{{ n|report_number }} → 1,606"""
    return formatting.report_number(value, int(decimals))


@register.filter
def report_money(value, unit="元"):
    """{{ n|report_money }} → 2億 731萬 3,663元 (English: NT$207,313,663)"""
    return formatting.display_money(value, unit)


@register.filter
def report_percent(value, decimals=1):
    """{{ fraction|report_percent }} → 90.7%"""
    return formatting.report_percent(value, int(decimals))


@register.filter
def roc_year(value):
    """{{ 2022|roc_year }} → 111"""
    try:
        return formatting.roc_year(int(value))
    except (TypeError, ValueError):
        return ""


@register.inclusion_tag("includes/due_badge.html")
def due_badge(due, done=False):
    """{% due_badge record.due_on done=record.is_closed %}: the due day, marked overdue / due soon
    by the one rule in core.deadlines.due_state."""
    from kaohsiung_admin.core.deadlines import DueState, days_left, due_state

    state = due_state(due, done=bool(done))
    left = days_left(due)
    return {
        "due": due,
        "state": state,
        "left": left,
        "late": -left if left is not None and left < 0 else 0,
        "css": {DueState.OVERDUE: "bad", DueState.DUE_SOON: "warn"}.get(state, ""),
    }


@register.filter
def due_state(due, done=False):
    """{% if record.due_on|due_state == "overdue" %}: the one rule of core.deadlines.due_state."""
    from kaohsiung_admin.core.deadlines import due_state as rule

    if due in (None, ""):
        return ""
    state = rule(due, done=bool(done))
    return state.value if state is not None else ""


def column_ordering(request, queryset, allowed):
    """The view side of {% sort_header %} for a list without a FilterSet `ordering`: the list
    sorted by the heading clicked (`?ordering=field` or `-field`, only the `allowed` fields, ties
    broken by id), and the ordering in force ("" when none) for the filter form to keep."""
    ordering = request.GET.get("ordering", "")
    if ordering.lstrip("-") not in allowed:
        return queryset, ""
    return queryset.order_by(ordering, "-id" if ordering.startswith("-") else "id"), ordering


@register.simple_tag(takes_context=True)
def sort_header(context, field, label):
    """<th>{% sort_header "first_filed_on" _("申訴日期") %}</th>: a column heading that sorts the
    list by `field` (the FilterSet's `ordering` choice), toggling ascending / descending, keeping
    every other filter and going back to page 1."""
    from django.utils.html import format_html
    from django.utils.translation import gettext

    request = context.get("request")
    if request is None:
        return label
    query = request.GET.copy()
    current = query.get("ordering", "")
    descending = current == f"-{field}"
    ascending = current == field
    query["ordering"] = f"-{field}" if ascending else field
    query.pop("page", None)
    state = "asc" if ascending else "desc" if descending else ""
    title = gettext("依%(label)s遞減排序") if ascending else gettext("依%(label)s排序")
    return format_html(
        '<a class="sort {}" href="?{}" title="{}">{}</a>',
        state,
        query.urlencode(),
        title % {"label": label},
        label,
    )
