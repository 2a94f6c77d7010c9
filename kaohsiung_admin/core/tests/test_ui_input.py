"""ROC dates accepted in every date field and filter (core.forms), sort labels and headers."""

import datetime

import pytest
from django import forms
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

from kaohsiung_admin.core.forms import install_roc_dates, parse_roc_date


@pytest.mark.parametrize(
    "typed",
    [
        "111/03/01",
        "111/3/1",
        "111-03-01",
        "111.03.01",
        "1110301",
        "民國111年3月1日",
        "111年3月1日",
        "2022-03-01",
        "2022年3月1日",
        "１１１／０３／０１",
    ],
)
def test_a_date_field_takes_the_roc_and_gregorian_forms(typed):
    install_roc_dates()
    assert forms.DateField().clean(typed) == datetime.date(2022, 3, 1)


@pytest.mark.parametrize("typed", ["111/02/30", "0/01/01", "民國111年13月1日", "abc"])
def test_a_wrong_roc_date_is_a_field_error_not_a_500(typed):
    install_roc_dates()
    assert parse_roc_date(typed) is None
    with pytest.raises(forms.ValidationError):
        forms.DateField().clean(typed)


def test_a_datetime_field_takes_a_roc_date_with_a_time():
    install_roc_dates()
    value = forms.DateTimeField().clean("111/03/01 14:30")
    assert (value.year, value.month, value.day, value.hour, value.minute) == (2022, 3, 1, 14, 30)


def test_a_filter_takes_a_roc_date():
    from kaohsiung_admin.core.filters import DateFilter

    field = DateFilter(field_name="date").field
    assert field.clean("民國111年3月1日") == datetime.date(2022, 3, 1)


def test_descending_sort_labels_follow_the_page_language():
    from kaohsiung_admin.core.filters import StableOrderingFilter

    choices = StableOrderingFilter(fields=(("due_on", "due_on"),), field_labels={"due_on": "期限"}).extra["choices"]
    assert [str(label) for _, label in choices] == ["期限", "期限（遞減）"]
    with translation.override("en"):  # the same choices, read later in another language
        assert str(choices[1][1]) == "期限 (descending)"


def test_sort_header_toggles_and_keeps_the_filters():
    request = RequestFactory().get("/x/", {"status": "open", "ordering": "due_on", "page": "4"})
    html = Template('{% sort_header "due_on" "期限" %}').render(RequestContext(request, {}))
    assert 'class="sort asc"' in html and "ordering=-due_on" in html and "status=open" in html and "page=" not in html
    html = Template('{% sort_header "first_filed_on" "日期" %}').render(RequestContext(request, {}))
    assert "ordering=first_filed_on" in html and 'class="sort "' in html
