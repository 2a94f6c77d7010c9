"""The demo data of 111 states the seed's figures, computed from the records."""

import io

from international import demo, selectors
from kaohsiung_admin.core.figures import all_figures

SEED_2022 = {
    "international.visitor_cases": 33,
    "international.visitor_persons": 220,
    "international.partner_cities": 36,
    "international.newest_partner_ordinal": 36,
    "international.asia_pacific_cities": 12,
    "international.theme_countries": 5,
    "international.theme_cities": 13,
    "international.anniversaries": 6,  # 熊本縣, 熊本市, 大田, 布里斯本, 聖安東尼, 釜山
    "international.tie_years.kumamoto": 5,
    "international.tie_years.daejeon": 5,
    "international.tie_years.brisbane": 25,
    "international.tie_years.san_antonio": 40,
    "international.tie_years.busan": 55,
    "international.palau_masks": 10800,
    "international.palau_n95": 1440,
    "international.palau_tests": 2000,
    "international.suwon_participants": 10,
    "international.daegu_students": 5,
    "international.nine_nation_delegation": 9,
}

# 110 as the report's comparison column has it (kaohsiung_admin/reports/demo_content.py).
DEMO_2021 = {
    "international.visitor_cases": 11,
    "international.visitor_persons": 57,
    "international.partner_cities": 35,
    "international.theme_countries": 4,
    "international.theme_cities": 9,
    "international.asia_pacific_cities": 12,
    "international.suwon_participants": 8,
    "international.daegu_students": 4,
    "international.palau_masks": 0,
}


def test_demo_figures_equal_the_seed(db):
    """One load for every check: loading is the slow part."""
    out = io.StringIO()
    demo.load(out)
    demo.load(out)  # idempotent
    assert "already loaded" in out.getvalue()
    figures_equal_the_seed()
    the_anniversary_list_for_the_narrative()
    bratislava_is_the_36th()


def figures_equal_the_seed():
    figures = all_figures()
    assert {key: figures[key].compute(2022) for key in SEED_2022} == SEED_2022
    assert {key: figures[key].compute(2021) for key in DEMO_2021} == DEMO_2021
    for key in SEED_2022:
        assert figures[key].records_url(2022).startswith("/international/")


def the_anniversary_list_for_the_narrative():
    text = selectors.anniversaries_text(2022)
    for part in ("熊本縣、熊本市5周年", "大田市5周年", "布里斯本市25周年", "聖安東尼市40周年", "釜山市55周年"):
        assert part in text
    assert [entry.years for entry in selectors.anniversaries(2022)] == [5, 40, 55, 25, 5]


def bratislava_is_the_36th():
    from international.models import Partnership

    tie = selectors.with_ordinal(Partnership.objects.filter(city__code="bratislava-region")).get()
    assert (tie.ordinal, str(tie.established_on)) == (36, "2022-06-09")
