from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kaohsiung_admin.reports.placeholders import format_value, keys_in, render_text, validate_text


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (1606, "count", "1,606"),
        (Decimal("13358"), "count", "13,358"),
        (Decimal("8798.1"), "count", "8,798.1"),
        (Decimal("207313663"), "money", "2億 731萬 3,663元"),
        (Decimal("139520000"), "money", "1億 3,952萬元"),
        (Decimal("0.907"), "percent", "90.7%"),
        (Decimal("0.45"), "percent", "45%"),
        (Decimal("0.05"), "percent", "5%"),
        (None, "count", ""),
    ],
)
def test_values_are_written_as_the_report_writes_them(value, kind, shown):
    assert format_value(value, kind) == shown


def test_keys_in_reading_order_without_year_words():
    text = "{{ roc_year }}年 {{ b.two }} 與 {{a.one}}，再次 {{ b.two }}"
    assert keys_in(text) == ["b.two", "a.one"]


def test_unknown_placeholder_names_it_and_suggests_the_close_one():
    with pytest.raises(ValidationError) as error:
        validate_text("開放{{ facilities.open_sesions.siwei }}場次", {"facilities.open_sessions.siwei"})
    message = " ".join(error.value.messages)
    assert "facilities.open_sesions.siwei" in message
    assert "facilities.open_sessions.siwei" in message


def test_known_placeholders_and_year_words_pass():
    validate_text("{{ roc_year }}年度開放{{ a.b }}場次，{{ next_roc_year }}年度", {"a.b"})


def test_a_broken_brace_is_an_error():
    with pytest.raises(ValidationError):
        validate_text("開放{{ a.b 場次", {"a.b"})


def test_rendering_escapes_text_and_puts_figures_in():
    html = render_text(
        "<b>{{ roc_year }}</b>年開放{{ a.b }}場次\n\n第二段{{ c.d }}",
        2022,
        {"a.b": {"value": "1606", "kind": "count"}, "c.d": {"value": None, "label": "宿舍", "kind": "count"}},
    )
    assert "&lt;b&gt;111&lt;/b&gt;" in html
    assert '<span class="figure">1,606</span>' in html
    assert html.count("<p>") == 2
    assert "【待填：宿舍】" in html
