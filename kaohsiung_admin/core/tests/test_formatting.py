import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template

from kaohsiung_admin.core import formatting


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (207313663, "2億 731萬 3,663元"),
        (0, "0元"),
        (10000, "1萬元"),
        (100_000_000, "1億元"),
        (100_010_000, "1億 1萬元"),
        (100_000_001, "1億 1元"),
        (146222, "14萬 6,222元"),
        (9999, "9,999元"),
        (-207313663, "-2億 731萬 3,663元"),
        (Decimal("13952.5"), "1萬 3,953元"),
        (123_456_789_012, "1,234億 5,678萬 9,012元"),
        (None, ""),
    ],
)
def test_report_money(value, expected):
    assert formatting.report_money(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1606, "1,606"), (0, "0"), (-1031, "-1,031"), (10000, "10,000"), (13358, "13,358"), (None, "")],
)
def test_report_number(value, expected):
    assert formatting.report_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("0.907"), "90.7%"), (0, "0.0%"), (1, "100.0%"), (Decimal("0.45"), "45.0%"), (None, "")],
)
def test_report_percent(value, expected):
    assert formatting.report_percent(value) == expected


@pytest.mark.parametrize(
    ("value", "long", "expected"),
    [
        (datetime.date(2022, 3, 24), True, "民國111年3月24日"),
        (datetime.date(2022, 3, 24), False, "111/03/24"),
        (datetime.date(1912, 1, 1), True, "民國1年1月1日"),
        (datetime.date(1911, 12, 31), True, "民國前1年12月31日"),
        (None, True, ""),
        ("", False, ""),
    ],
)
def test_roc_date(value, long, expected):
    assert formatting.roc_date(value, long=long) == expected


def test_roc_date_of_aware_datetime_uses_taipei_time():
    # 2022-12-31 17:00 UTC is already 2023-01-01 in Taipei.
    moment = datetime.datetime(2022, 12, 31, 17, 0, tzinfo=datetime.UTC)
    assert formatting.roc_date(moment) == "民國112年1月1日"


def test_filters_are_builtins_in_templates():
    rendered = Template(
        "{{ d|roc_date }} {{ d|roc_date_short }} {{ n|report_number }} {{ m|report_money }} {{ r|report_percent }} {{ y|roc_year }}"
    ).render(Context({"d": datetime.date(2022, 3, 24), "n": 1606, "m": 207313663, "r": Decimal("0.907"), "y": 2022}))
    assert rendered == "民國111年3月24日 111/03/24 1,606 2億 731萬 3,663元 90.7% 111"


def test_filters_tolerate_none_in_templates():
    rendered = Template("[{{ x|roc_date }}|{{ x|report_number }}|{{ x|report_money }}|{{ x|report_percent }}]").render(
        Context({"x": None})
    )
    assert rendered == "[|||]"
