"""English counts its days and hours: "1 day overdue", "3 days overdue" (never "1 days").

The counted phrases of the pages (a case's clock, a document's extension, the due list's window, a
venue's notice days, a resource's change and cancel hours) are plural entries of the catalogues,
and the templates ask for them with `{% blocktranslate count %}`: a template that counts days
with a plain `{% blocktranslate with n=… %}` fails the scan below."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent

CASES = [
    ("已逾期 {{ n }} 日", "1 day overdue", "3 days overdue"),
    ("尚餘 {{ n }} 日", "1 day left", "3 days left"),
    ("，已展期 {{ n }} 日", ", extended by 1 day", ", extended by 3 days"),
    ("{{ n }} 日前申請", "Request 1 day ahead", "Request 3 days ahead"),
    ("須 {{ n }} 日前申請", "Request 1 day ahead", "Request 3 days ahead"),
]


@pytest.mark.parametrize(("source", "one", "three"), CASES)
def test_counted_phrases_agree_with_their_number(source, one, three):
    template = Template(
        "{% load i18n %}{% blocktranslate count n=k %}" + source + "{% plural %}" + source + "{% endblocktranslate %}"
    )
    with translation.override("en"):
        assert [template.render(Context({"k": k})) for k in (1, 3)] == [one, three]
    with translation.override("zh-hant"):
        assert template.render(Context({"k": 1})) == source.replace("{{ n }}", "1")


def test_extension_notice_and_resource_hours_count_too():
    from django.utils.translation import ngettext

    with translation.override("en"):
        notice = ngettext("已展期 %(n)s 日（%(d)s 書面通知）", "已展期 %(n)s 日（%(d)s 書面通知）", 1)
        assert notice % {"n": 1, "d": "111/03/02"} == "Extended by 1 day (written notice 111/03/02)"
        change = ngettext("變更須於開始前 %(n)s 小時。", "變更須於開始前 %(n)s 小時。", 1) % {"n": 1}
        cancel = ngettext("取消須於開始前 %(n)s 小時。", "取消須於開始前 %(n)s 小時。", 24) % {"n": 24}
        assert (change, cancel) == (
            "Changes at least 1 hour before the start.",
            "Cancelling at least 24 hours before the start.",
        )


# A day or hour count in a template: `{{ n }} 日` / `{{ n }} 小時` inside a blocktranslate.
_COUNTED = re.compile(r"{% blocktranslate ([^%]*)%}[^{]*{{ n }} ?(日|小時)")
# Counts with a decimal ("0.5 日", "2.0 日": days taken, half a day for a same-day document) read
# as plural in English whatever their value, and gettext wants an integer to choose a form.
_DECIMAL_COUNTS = ("n=document.days_taken",)


def test_no_template_counts_days_without_a_plural():
    uncounted = []
    for path in ROOT.glob("*/templates/**/*.html"):
        for match in _COUNTED.finditer(path.read_text(encoding="utf-8")):
            if "count n=" not in match.group(1) and not any(d in match.group(1) for d in _DECIMAL_COUNTS):
                uncounted.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not uncounted, uncounted
