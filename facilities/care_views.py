"""Pages of building care: the overdue / due-soon repairs, the statutory inspection calendar of the
two centers, recording an inspection, and raising a repair from a finding."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from facilities import care
from facilities.care_filters import InspectionRecordFilterSet, MaintenanceDueFilterSet, ObligationFilterSet
from facilities.care_forms import FindingFormSet, InspectionRecordForm, ObligationForm, findings_from
from facilities.models import InspectionFinding, InspectionObligation, InspectionRecord, MaintenanceRequest
from kaohsiung_admin.core.errors import ServiceError, add_to_form, messages_for
from kaohsiung_admin.core.exports import Column
from kaohsiung_admin.core.pages import list_page, permission_required, redirect_next

DUE_COLUMNS = [
    Column("#", "pk"),
    Column(gettext_lazy("期限"), "due_on"),
    Column(gettext_lazy("受理時間"), "received_at"),
    Column(gettext_lazy("行政中心"), "center"),
    Column(gettext_lazy("類別"), "category"),
    Column(gettext_lazy("緊急程度"), "urgency"),
    Column(gettext_lazy("地點"), "location"),
    Column(gettext_lazy("狀態"), "status"),
    Column(gettext_lazy("維修廠商／人員"), "contractor"),
]


def _with_default(query, **defaults):
    data = query.copy()
    for key, value in defaults.items():
        if not data.get(key):
            data[key] = value
    return data


@login_required
def maintenance_due(request):
    """Repairs past (or near) their response or repair day: clerks see every one, staff their own."""
    rows = (
        MaintenanceRequest.objects.restrict(request.user, "view")
        .open()
        .select_related("requested_by", "inspection_finding__record__obligation")
        .order_by("due_on", "id")
    )
    filterset = MaintenanceDueFilterSet(_with_default(request.GET, due="within"), queryset=rows)
    return list_page(
        request,
        queryset=filterset.qs,
        columns=DUE_COLUMNS,
        filename="maintenance-due",
        template="facilities/maintenance_due.html",
        context={"filter": filterset},
    )


OBLIGATION_COLUMNS = [
    Column(gettext_lazy("行政中心"), "center"),
    Column(gettext_lazy("項目"), "kind"),
    Column(gettext_lazy("範圍"), "scope"),
    Column(gettext_lazy("週期（月）"), "cycle_months"),
    Column(gettext_lazy("上次辦理日"), "last_done_on"),
    Column(gettext_lazy("下次到期日"), "next_due_on"),
    Column(gettext_lazy("法令依據"), "basis"),
]


@permission_required("facilities.view_inspectionobligation")
def obligation_list(request):
    rows = (
        InspectionObligation.objects.restrict(request.user, "view")
        .select_related("responsible")
        .annotate(record_count=Count("records"))
        .order_by("next_due_on", "id")
    )
    filterset = ObligationFilterSet(request.GET, queryset=rows)
    return list_page(
        request,
        queryset=filterset.qs,
        columns=OBLIGATION_COLUMNS,
        filename="inspection-calendar",
        template="facilities/inspection_list.html",
        context={"filter": filterset},
    )


@permission_required("facilities.add_inspectionobligation")
def obligation_create(request):
    form = ObligationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obligation = care.obligation_create(user=request.user, **form.service_fields())
        except ServiceError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已列管「%(name)s」。") % {"name": obligation})
            return redirect(obligation)
    return render(request, "facilities/inspection_obligation_form.html", {"form": form})


@permission_required("facilities.view_inspectionobligation")
def obligation_detail(request, pk):
    obligation = get_object_or_404(
        InspectionObligation.objects.restrict(request.user, "view").select_related("responsible"), pk=pk
    )
    records = list(
        InspectionRecord.objects.filter(obligation=obligation)
        .select_related("recorded_by")
        .prefetch_related("findings__maintenance_request")
        .order_by("-inspected_on", "-id")[:50]
    )
    return render(
        request,
        "facilities/inspection_detail.html",
        {
            "obligation": obligation,
            "records": records,
            "can_record": request.user.has_perm("facilities.add_inspectionrecord"),
            "can_raise": request.user.has_perm("facilities.add_maintenancerequest")
            and request.user.has_perm("facilities.change_inspectionfinding"),
        },
    )


@permission_required("facilities.add_inspectionrecord")
def inspection_record(request, pk):
    obligation = get_object_or_404(InspectionObligation.objects.restrict(request.user, "view"), pk=pk)
    form = InspectionRecordForm(request.POST or None, request.FILES or None)
    formset = FindingFormSet(request.POST or None, prefix="findings")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        raise_repairs = data.pop("raise_repairs", False)
        try:
            record = care.inspection_record(
                obligation=obligation,
                user=request.user,
                findings=findings_from(formset),
                raise_repairs=raise_repairs,
                **data,
            )
        except ServiceError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已登錄 %(date)s 之檢查紀錄。") % {"date": record.inspected_on.isoformat()})
            return redirect(obligation)
    return render(
        request, "facilities/inspection_record_form.html", {"obligation": obligation, "form": form, "formset": formset}
    )


@require_POST
@permission_required("facilities.add_maintenancerequest")
def finding_raise_repair(request, pk):
    finding = get_object_or_404(
        InspectionFinding.objects.restrict(request.user, "view").select_related("record"), pk=pk
    )
    default = finding.record.get_absolute_url()
    try:
        repair = care.finding_raise_repair(finding=finding, user=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(messages_for(exc)))
        return redirect_next(request, default)
    messages.success(request, _("已開立報修 #%(id)s。") % {"id": repair.pk})
    return redirect(repair)


RECORD_COLUMNS = [
    Column(gettext_lazy("辦理日期"), "inspected_on"),
    Column(gettext_lazy("法定檢查項目"), "obligation"),
    Column(gettext_lazy("檢查機構／人員"), "inspector"),
    Column(gettext_lazy("結果"), "result"),
    Column(gettext_lazy("證明文號"), "certificate_no"),
    Column(gettext_lazy("有效期限"), "valid_until"),
]


@permission_required("facilities.view_inspectionrecord")
def record_list(request):
    rows = (
        InspectionRecord.objects.restrict(request.user, "view")
        .select_related("obligation")
        .annotate(finding_count=Count("findings"))
        .order_by("-inspected_on", "-id")
    )
    filterset = InspectionRecordFilterSet(request.GET, queryset=rows)
    return list_page(
        request,
        queryset=filterset.qs,
        columns=RECORD_COLUMNS,
        filename="inspection-records",
        template="facilities/inspection_records.html",
        context={"filter": filterset},
    )
