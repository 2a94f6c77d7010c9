from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kaohsiung_admin.reports import selectors, services
from kaohsiung_admin.reports.models import ManualFigure, ReportDefinition, ReportItem


def test_saving_a_narrative_with_an_unknown_figure_is_refused(definition):
    item = ReportItem.objects.get(title="經費")
    with pytest.raises(ValidationError) as error:
        services.report_item_update(item=item, title="經費", narrative="撥補{{ testing.budgte }}")
    assert "testing.budgte" in " ".join(error.value.messages)
    item.refresh_from_db()
    assert "testing.budget" in item.narrative


def test_saving_a_narrative_with_known_figures(definition):
    item = ReportItem.objects.get(title="經費")
    services.report_item_update(item=item, title="經費撥補", narrative="{{ roc_year }}年{{ testing.builds }}次")
    item.refresh_from_db()
    assert item.title == "經費撥補"
    assert item.history.count() == 2  # the change is kept with its author by simple-history


def test_manual_figure_records_who_and_when(definition, manager):
    figure = services.manual_figure_set(
        year=2022, key="manual.dormitories.total", value=Decimal(44), user=manager, label="經管宿舍", unit="間"
    )
    assert (figure.entered_by, figure.value) == (manager, Decimal(44))
    assert figure.entered_at is not None
    with pytest.raises(ValidationError):
        services.manual_figure_set(year=2022, key="dormitories.total", value=1, user=manager)
    with pytest.raises(ValidationError):
        services.manual_figure_set(year=2022, key="testing.builds", value=1, user=manager)


def test_a_new_year_starts_as_a_copy_of_the_last(definition, manager):
    copy = services.report_definition_copy(source=definition, year=2023, user=manager)
    original, copied = selectors.outline(definition), selectors.outline(copy)
    assert [(r.number, r.title, r.text, r.headings) for r in copied.rows] == [
        (r.number, r.title, r.text, r.headings) for r in original.rows
    ]
    assert copy.copied_from == definition
    # The hand-entered figures are there to fill in, empty: last year's numbers never reappear.
    copied_figures = ManualFigure.objects.filter(year=2023)
    assert set(copied_figures.values_list("key", flat=True)) == {
        "manual.procurement.green_rate",
        "manual.documents.gazette_issues",
    }
    assert all(f.value is None for f in copied_figures)
    with pytest.raises(ValidationError):
        services.report_definition_copy(source=definition, year=2023, user=manager)
    assert ReportDefinition.objects.filter(year=2023).count() == 1
