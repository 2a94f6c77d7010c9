"""Pages of the annual report: definitions and their narratives, hand-entered figures, builds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaohsiung_admin.core.dates import FIRST_YEAR, LAST_YEAR
from kaohsiung_admin.core.formatting import gregorian_year
from kaohsiung_admin.reports import charts, rendering, selectors, services
from kaohsiung_admin.reports.forms import (
    BuildRequestForm,
    DefinitionCopyForm,
    ManualFigureForm,
    ReportItemForm,
    ReportSectionForm,
)
from kaohsiung_admin.reports.models import ManualFigure, ReportBuild, ReportDefinition, ReportItem, ReportSection


def _year_or_404(roc_year: int) -> int:
    """The Gregorian year of a ROC year in the address; 404 for one outside the office calendar
    (its figures would be computed over dates that do not exist)."""
    year = gregorian_year(roc_year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
@permission_required("reports.view_reportbuild", raise_exception=True)
def report_index(request):
    # One query for the page of builds (requested_by joined), one for the definitions.
    builds = ReportBuild.objects.restrict(request.user).select_related("requested_by").defer("figures")
    year = request.GET.get("year")
    # isdecimal, not isdigit ("²" is a digit int() refuses); a ROC year has at most 3 digits
    if year and year.isdecimal() and len(year) <= 3:
        builds = builds.filter(year=gregorian_year(int(year)))
    page_obj = Paginator(builds, 25).get_page(request.GET.get("page"))
    definitions = list(ReportDefinition.objects.restrict(request.user))
    latest = definitions[0] if definitions else None
    return render(
        request,
        "reports/index.html",
        {
            "page_obj": page_obj,
            "builds": page_obj.object_list,
            "definitions": definitions,
            "build_form": BuildRequestForm(initial={"roc_year": latest.roc_year if latest else None}),
            "copy_form": DefinitionCopyForm(
                initial={"source": latest, "roc_year": latest.roc_year + 1 if latest else None}
            ),
        },
    )


@login_required
@permission_required("reports.view_reportdefinition", raise_exception=True)
def definition_detail(request, roc_year: int):
    definition = get_object_or_404(ReportDefinition.objects.restrict(request.user), year=gregorian_year(roc_year))
    outline = selectors.outline(definition)
    figures = selectors.compute_figures(outline.keys(), definition.year)

    def link(key):
        return reverse("reports:figures", args=[roc_year]) + "#fig-" + key.replace(".", "-")

    rows = [
        {
            "row": row,
            "body": rendering.block_html(row.number, row.title, row.text, definition.year, figures, link=link),
        }
        for row in outline.rows
    ]
    builds = ReportBuild.objects.filter(year=definition.year).select_related("requested_by").defer("figures")[:10]
    return render(
        request,
        "reports/definition_detail.html",
        {"definition": definition, "rows": rows, "builds": builds, "missing": [
            entry["label"] for entry in figures.values() if entry.get("value") is None
        ]},
    )  # fmt: skip


def _placeholder_list(year: int) -> list[dict]:
    """The keys a writer may use, with their labels (values are on the figures page)."""
    entries = [
        {"key": key, "label": str(figure.label), "unit": figure.unit, "source": _("系統紀錄")}
        for key, figure in selectors.registered_figures().items()
    ]
    entries += [
        {"key": f.key, "label": f.label, "unit": f.unit, "source": _("人工填報")}
        for f in ManualFigure.objects.filter(year=year)
    ]
    return entries


@login_required
@permission_required("reports.change_reportitem", raise_exception=True)
def item_edit(request, pk: int):
    item = get_object_or_404(ReportItem.objects.select_related("section__definition"), pk=pk)
    definition = item.section.definition
    form = ReportItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_item_update(
                item=item, title=form.cleaned_data["title"], narrative=form.cleaned_data["narrative"]
            )
        except ValidationError as error:
            form.add_error("narrative", error)
        else:
            messages.success(request, _("已儲存。"))
            return redirect(reverse("reports:definition", args=[definition.roc_year]) + f"#item-{item.pk}")
    return render(
        request,
        "reports/narrative_form.html",
        {"form": form, "definition": definition, "subject": item, "placeholders": _placeholder_list(definition.year)},
    )


@login_required
@permission_required("reports.add_reportitem", raise_exception=True)
def item_create(request, section_pk: int):
    section = get_object_or_404(ReportSection.objects.select_related("definition"), pk=section_pk)
    definition = section.definition
    parent_pk = request.GET.get("parent") or request.POST.get("parent")
    if parent_pk and not (parent_pk.isdecimal() and len(parent_pk) <= 18):
        raise Http404  # "abc" or "²" would reach the database as an id (ValueError)
    parent = get_object_or_404(ReportItem, pk=parent_pk, section=section) if parent_pk else None
    form = ReportItemForm(request.POST or None, instance=ReportItem(section=section, parent=parent))
    if request.method == "POST" and form.is_valid():
        item = services.report_item_create(
            section=section,
            parent=parent,
            title=form.cleaned_data["title"],
            narrative=form.cleaned_data["narrative"],
            user=request.user,
        )
        messages.success(request, _("已新增。"))
        return redirect(reverse("reports:definition", args=[definition.roc_year]) + f"#item-{item.pk}")
    return render(
        request,
        "reports/narrative_form.html",
        {
            "form": form,
            "definition": definition,
            "subject": parent or section,
            "adding": True,
            "parent": parent,
            "placeholders": _placeholder_list(definition.year),
        },
    )


@login_required
@permission_required("reports.delete_reportitem", raise_exception=True)
@require_POST
def item_delete(request, pk: int):
    item = get_object_or_404(ReportItem.objects.select_related("section__definition"), pk=pk)
    roc = item.section.definition.roc_year
    services.report_item_delete(item=item)
    messages.success(request, _("已刪除該點，其後各點已重新編號。"))
    return redirect("reports:definition", roc_year=roc)


@login_required
@permission_required("reports.change_reportsection", raise_exception=True)
def section_edit(request, pk: int):
    section = get_object_or_404(ReportSection.objects.select_related("definition"), pk=pk)
    definition = section.definition
    form = ReportSectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        services.report_section_update(
            section=section, heading=form.cleaned_data["heading"], narrative=form.cleaned_data["narrative"]
        )
        messages.success(request, _("已儲存。"))
        return redirect(reverse("reports:definition", args=[definition.roc_year]) + f"#section-{section.pk}")
    return render(
        request,
        "reports/narrative_form.html",
        {
            "form": form,
            "definition": definition,
            "subject": section,
            "placeholders": _placeholder_list(definition.year),
        },
    )


@login_required
@permission_required("reports.view_manualfigure", raise_exception=True)
def figure_list(request, roc_year: int):
    """Every figure a year's report may state: computed ones with their trace, hand-entered ones
    with who entered them, each beside the year before."""
    year = _year_or_404(roc_year)
    definition = ReportDefinition.objects.filter(year=year).first()
    keys = list(selectors.registered_figures()) + list(
        ManualFigure.objects.filter(year__in=[year, year - 1]).values_list("key", flat=True).distinct()
    )
    keys = list(dict.fromkeys(keys))
    figures = selectors.compute_figures(keys, year)
    manual = {f.key: f for f in ManualFigure.objects.filter(year=year).select_related("entered_by")}
    rows = rendering.figure_table(figures, site_url="")
    for row in rows:
        row["manual"] = manual.get(row["key"])
    series = selectors.compute_series(year)
    return render(
        request,
        "reports/figure_list.html",
        {
            "roc_year": roc_year,
            "definition": definition,
            "rows": rows,
            "charts": [charts.chart_for(key, entry) for key, entry in series.items() if entry.get("points")],
        },
    )


@login_required
@permission_required("reports.change_manualfigure", raise_exception=True)
def figure_edit(request, roc_year: int, pk: int | None = None):
    year = _year_or_404(roc_year)
    figure = get_object_or_404(ManualFigure, pk=pk, year=year) if pk else ManualFigure(year=year)
    form = ManualFigureForm(request.POST or None, instance=figure, year=year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.manual_figure_set(
                year=year,
                key=data.get("key") or figure.key,
                value=data["value"],
                user=request.user,
                label=data["label"],
                unit=data["unit"],
                kind=data["kind"],
                source=data["source"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("已儲存。"))
            return redirect("reports:figures", roc_year=roc_year)
    return render(request, "reports/figure_form.html", {"form": form, "roc_year": roc_year, "figure": figure})


@login_required
@permission_required("reports.add_reportdefinition", raise_exception=True)
@require_POST
def definition_copy(request):
    form = DefinitionCopyForm(request.POST)
    if form.is_valid():
        definition = services.report_definition_copy(
            source=form.cleaned_data["source"], year=gregorian_year(form.cleaned_data["roc_year"]), user=request.user
        )
        messages.success(
            request, _("已建立%(roc)s年度報告內容，請檢視各段敘述並填報人工數字。") % {"roc": definition.roc_year}
        )
        return redirect("reports:definition", roc_year=definition.roc_year)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("reports:index")


@login_required
@permission_required("reports.build_report", raise_exception=True)
@require_POST
def build_create(request):
    form = BuildRequestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("reports:index")
    build = services.report_build_request(definition=form.definition, user=request.user, site_url=_site_url(request))
    if not build.created:
        messages.info(request, _("此年度報告已在產製中，以下為同一份產製進度。"))
    return redirect("reports:build-detail", pk=build.pk)


def _build_for(request, pk: int) -> ReportBuild:
    return get_object_or_404(ReportBuild.objects.restrict(request.user).select_related("requested_by"), pk=pk)


@login_required
@permission_required("reports.view_reportbuild", raise_exception=True)
def build_detail(request, pk: int):
    build = _build_for(request, pk)
    template = "reports/_build_status.html" if request.htmx else "reports/build_detail.html"
    return render(request, template, {"build": build, "now": timezone.now()})


def _file_response(field, filename: str, *, inline: bool):
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404
    return FileResponse(handle, as_attachment=not inline, filename=filename)


@login_required
@permission_required("reports.view_reportbuild", raise_exception=True)
def build_pdf(request, pk: int):
    build = _build_for(request, pk)
    return _file_response(
        build.pdf, f"{build.roc_year}年度施政績效成果報告-{build.pk}.pdf", inline=request.GET.get("inline") == "1"
    )


@login_required
@permission_required("reports.view_reportbuild", raise_exception=True)
def build_html(request, pk: int):
    build = _build_for(request, pk)
    return _file_response(build.html, f"{build.roc_year}年度施政績效成果報告-{build.pk}.html", inline=True)


@login_required
@permission_required("reports.view_reportbuild", raise_exception=True)
def build_figures(request, pk: int):
    """The companion page of a build: each figure it stated, traced to its records, with the
    change against the year before, and the charts."""
    build = _build_for(request, pk)
    stored = build.figures or {}
    rows = rendering.figure_table(stored.get("figures", {}))
    series = stored.get("series", {})
    return render(
        request,
        "reports/build_figures.html",
        {
            "build": build,
            "rows": rows,
            "charts": [charts.chart_for(key, entry) for key, entry in series.items() if entry.get("points")],
        },
    )
