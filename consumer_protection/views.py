"""The officers' pages. Views validate and delegate: writes in services.py, reads in selectors.py."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consumer_protection import forms, selectors, services, tables
from consumer_protection.choices import OPEN_STAGES, Action, CommitteeKind, Stage
from consumer_protection.exports import COMPLAINT_COLUMNS
from consumer_protection.filters import ComplaintFilterSet, ConsultationFilterSet, MediationFilterSet
from consumer_protection.models import (
    UNMASK_PERMISSION,
    CommitteeMeeting,
    Complaint,
    ComplaintAttachment,
    Consultation,
    EducationEvent,
    InspectionRound,
    Training,
)
from kaohsiung_admin.core.channel import EXPORT
from kaohsiung_admin.core.deadlines import days_left, due_css
from kaohsiung_admin.core.errors import ServiceError, add_to_form
from kaohsiung_admin.core.exports import EXPORT_MAX_ROWS, export_response
from kaohsiung_admin.core.pages import id_param, paginate, permission_required, year_param
from kaohsiung_admin.core.personal_data import log_full_view, log_full_views, masked_values, user_may_unmask

view_complaint = permission_required("consumer_protection.view_complaint")
change_complaint = permission_required("consumer_protection.change_complaint")


def _may_unmask(user) -> bool:
    return user_may_unmask(user, UNMASK_PERMISSION)


def _officers():
    return (
        get_user_model().objects.filter(groups__name="consumer_protection_officer", is_active=True).order_by("username")
    )


# --- dashboard and case list ------------------------------------------------------------------


@view_complaint
def dashboard(request):
    return render(
        request,
        "consumer_protection/dashboard.html",
        {"counts": selectors.dashboard_counts(user=request.user), "open_stages": OPEN_STAGES},
    )


# The filters the list page shows; the others (year, officer, …) still work in the address.
COMPLAINT_PAGE_FILTERS = ["q", "stage", "category", "due", "mine", "filed_after", "filed_before", "ordering"]


@view_complaint
def complaint_list(request):
    filterset = ComplaintFilterSet(request.GET, queryset=selectors.complaint_list(user=request.user), request=request)
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = paginate(request, queryset)
    return render(
        request,
        "consumer_protection/complaint_list.html",
        {
            "filter": filterset,
            "filter_fields": [filterset.form[name] for name in COMPLAINT_PAGE_FILTERS],
            "page_obj": page,
            "rows": tables.complaint_rows(page.object_list, today=timezone.localdate()),
            "export_form": forms.ExportForm(may_unmask=_may_unmask(request.user)),
            "may_unmask": _may_unmask(request.user),
        },
    )


@view_complaint
def complaint_export(request):
    """CSV or XLSX of the filtered list; full personal data only with the permission and a reason."""
    may_unmask = _may_unmask(request.user)
    export_form = forms.ExportForm(request.GET, may_unmask=may_unmask)
    filterset = ComplaintFilterSet(request.GET, queryset=selectors.complaint_list(user=request.user), request=request)
    if not export_form.is_valid() or not filterset.is_valid():
        errors = [str(e) for errs in [*export_form.errors.values(), *filterset.errors.values()] for e in errs]
        status = 403 if "personal_data" in export_form.errors and not may_unmask else 400
        return HttpResponse("\n".join(errors), status=status, content_type="text/plain; charset=utf-8")
    data = export_form.cleaned_data
    rows = selectors.complaint_export_rows(queryset=filterset.qs)
    full = bool(data["personal_data"])
    if full:
        # each record exported in full is logged with the reason (個人資料保護法第18條)
        rows = list(rows[: EXPORT_MAX_ROWS + 1])
        if len(rows) <= EXPORT_MAX_ROWS:
            log_full_views(
                user=request.user,
                records=rows,
                fields=list(Complaint.personal_fields),
                reason=data.get("reason", ""),
                channel=EXPORT,
            )
    return export_response(
        rows=rows,
        columns=COMPLAINT_COLUMNS,
        filename="complaints",
        fmt=data["format"],
        full=full,
        sheet_title=_("申訴案件"),
    )


# --- filing a complaint -----------------------------------------------------------------------


@permission_required("consumer_protection.add_complaint")
def complaint_create(request):
    initial = {"officer": request.user.pk, "first_filed_on": timezone.localdate()}
    consultation_id = id_param(request, "consultation")
    if consultation_id is not None:
        consultation = get_object_or_404(Consultation.objects.restrict(request.user, "view"), pk=consultation_id)
        initial.update(services.complaint_initial_from_consultation(consultation))
    form = forms.ComplaintForm(request.POST or None, request.FILES or None, initial=initial, officers=_officers())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            complaint = services.complaint_file(user=request.user, **data)
        except (ServiceError, ValidationError) as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("已登錄申訴案件 %(number)s，業者處理期限 %(due)s。")
                % {"number": complaint.case_number, "due": complaint.business_due_on.strftime("%Y-%m-%d")},
            )
            return redirect(complaint)
    return render(request, "consumer_protection/complaint_form.html", {"form": form})


# --- a case -----------------------------------------------------------------------------------


def _complaint_context(request, complaint, *, full=False, action_forms=None, unmask_form=None, attachment_form=None):
    allowed = (
        services.allowed_complaint_actions(complaint)
        if request.user.has_perm("consumer_protection.change_complaint")
        else []
    )
    bound = action_forms or {}
    return {
        "complaint": complaint,
        "personal": (
            {name: getattr(complaint, name) for name in Complaint.personal_fields} if full else masked_values(complaint)
        ),
        "full": full,
        "may_unmask": _may_unmask(request.user),
        "unmask_form": unmask_form or forms.UnmaskForm(),
        "timeline": selectors.complaint_timeline(complaint),
        "attachments": complaint.attachments.all(),
        "attachment_form": attachment_form or forms.AttachmentForm(),
        "mediations": complaint.mediations.order_by("applied_on"),
        "actions": [
            (action, Action(action).label, bound.get(action) or forms.COMPLAINT_ACTION_FORMS[action](prefix=action))
            for action in allowed
        ],
        "today": timezone.localdate(),
        "clock": _clock(complaint.due_on if complaint.is_open else None),
    }


def _clock(due: datetime.date | None) -> dict | None:
    """The statutory clock of the current stage: days left, or days overdue."""
    if due is None:
        return None
    days = days_left(due)
    return {"days": abs(days), "overdue": days < 0, "state": due_css(due)}


def _get_complaint(request, pk):
    try:
        return selectors.complaint_detail(user=request.user, pk=pk)
    except ObjectDoesNotExist:
        raise Http404


@view_complaint
def complaint_detail(request, pk):
    complaint = _get_complaint(request, pk)
    return render(request, "consumer_protection/complaint_detail.html", _complaint_context(request, complaint))


@view_complaint
@require_POST
def complaint_unmask(request, pk):
    """「顯示完整個資」: shows the full values once, with the reason logged."""
    complaint = _get_complaint(request, pk)
    if not _may_unmask(request.user):
        return HttpResponse(_("您的角色不能檢視完整個資。"), status=403)
    form = forms.UnmaskForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "consumer_protection/complaint_detail.html",
            _complaint_context(request, complaint, unmask_form=form),
            status=400,
        )
    log_full_view(
        user=request.user, record=complaint, fields=list(Complaint.personal_fields), reason=form.cleaned_data["reason"]
    )
    return render(
        request, "consumer_protection/complaint_detail.html", _complaint_context(request, complaint, full=True)
    )


@change_complaint
@require_POST
def complaint_action(request, pk, action):
    complaint = _get_complaint(request, pk)
    if action not in services.COMPLAINT_ACTIONS:
        raise Http404
    form = forms.COMPLAINT_ACTION_FORMS[action](request.POST, prefix=action)
    if form.is_valid():
        try:
            result = services.COMPLAINT_ACTIONS[action](complaint=complaint, user=request.user, **form.cleaned_data)
        except ServiceError as refused:
            add_to_form(form, refused)
        else:
            messages.success(request, _("已完成「%(action)s」。") % {"action": Action(action).label})
            if action == Action.MEDIATION_APPLIED:
                return redirect(result)
            return redirect(complaint)
    context = _complaint_context(request, complaint, action_forms={action: form})
    if not any(a == action for a, _label, _f in context["actions"]):
        messages.error(request, "；".join(form.non_field_errors()) or _("此階段不能執行此動作。"))
        return redirect(complaint)
    context["open_action"] = action
    return render(request, "consumer_protection/complaint_detail.html", context, status=400)


@change_complaint
@require_POST
def complaint_attachment_add(request, pk):
    complaint = _get_complaint(request, pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.complaint_add_attachment(
            complaint=complaint,
            user=request.user,
            file=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("已新增附件。"))
        return redirect(complaint)
    return render(
        request,
        "consumer_protection/complaint_detail.html",
        _complaint_context(request, complaint, attachment_form=form),
        status=400,
    )


@view_complaint
def complaint_attachment_download(request, pk, attachment_pk):
    complaint = _get_complaint(request, pk)
    attachment = get_object_or_404(ComplaintAttachment, pk=attachment_pk, complaint=complaint)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404  # the row outlived its file (a restore without the media volume)
    return FileResponse(handle, as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])


# --- consultations ----------------------------------------------------------------------------


@permission_required("consumer_protection.view_consultation")
def consultation_list(request):
    form = None
    if request.user.has_perm("consumer_protection.add_consultation"):
        form = forms.ConsultationForm(request.POST or None, initial={"channel": "1950"})
        if request.method == "POST" and form.is_valid():
            consultation = services.consultation_create(user=request.user, **form.cleaned_data)
            messages.success(request, _("已登錄諮詢 #%(id)s。") % {"id": consultation.pk})
            return redirect("consumer_protection:consultation-list")
    elif request.method == "POST":
        return HttpResponse(status=403)
    filterset = ConsultationFilterSet(request.GET, queryset=selectors.consultation_list(user=request.user))
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = paginate(request, queryset)
    rows = [(c, masked_values(c)) for c in page.object_list]
    return render(
        request,
        "consumer_protection/consultation_list.html",
        {"form": form, "filter": filterset, "page_obj": page, "rows": rows},
        status=400 if form is not None and form.errors else 200,
    )


# --- mediation --------------------------------------------------------------------------------


@permission_required("consumer_protection.view_mediationcase")
def mediation_list(request):
    filterset = MediationFilterSet(request.GET, queryset=selectors.mediation_list(user=request.user))
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return render(
        request,
        "consumer_protection/mediation_list.html",
        {"filter": filterset, "page_obj": paginate(request, queryset)},
    )


def _get_mediation(request, pk):
    try:
        return selectors.mediation_detail(user=request.user, pk=pk)
    except ObjectDoesNotExist:
        raise Http404


def _mediation_context(request, mediation, *, action_forms=None):
    may_change = request.user.has_perm("consumer_protection.change_mediationcase")
    allowed = services.allowed_mediation_actions(mediation) if may_change else []
    bound = action_forms or {}
    return {
        "mediation": mediation,
        "complaint": mediation.complaint,
        "members_present": selectors.mediation_committee_members_present(mediation),
        "timeline": mediation.events.select_related("by").order_by("at", "id"),
        "actions": [
            (action, Action(action).label, bound.get(action) or forms.MEDIATION_ACTION_FORMS[action](prefix=action))
            for action in allowed
        ],
        "today": timezone.localdate(),
    }


@permission_required("consumer_protection.view_mediationcase")
def mediation_detail(request, pk):
    mediation = _get_mediation(request, pk)
    return render(request, "consumer_protection/mediation_detail.html", _mediation_context(request, mediation))


MEDIATION_SERVICES = {
    Action.MEDIATION_CORRECTION: services.mediation_request_correction,
    Action.MEDIATION_CORRECTED: services.mediation_corrected,
    Action.MEDIATION_SCHEDULED: services.mediation_schedule,
    Action.MEDIATION_PROPOSAL: services.mediation_propose,
    Action.MEDIATION_OBJECTION: services.mediation_record_objection,
    Action.MEDIATION_CLOSED: services.mediation_close,
    Action.COURT_APPROVED: services.mediation_court_approved,
}


@permission_required("consumer_protection.change_mediationcase")
@require_POST
def mediation_action(request, pk, action):
    mediation = _get_mediation(request, pk)
    if action not in MEDIATION_SERVICES:
        raise Http404
    form = forms.MEDIATION_ACTION_FORMS[action](request.POST, prefix=action)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "") or k in ("note",)}
        try:
            MEDIATION_SERVICES[action](mediation=mediation, user=request.user, **data)
        except ServiceError as refused:
            add_to_form(form, refused)
        else:
            messages.success(request, _("已完成「%(action)s」。") % {"action": Action(action).label})
            return redirect(mediation)
    context = _mediation_context(request, mediation, action_forms={action: form})
    if not any(a == action for a, _label, _f in context["actions"]):
        messages.error(request, "；".join(form.non_field_errors()) or _("此階段不能執行此動作。"))
        return redirect(mediation)
    context["open_action"] = action
    return render(request, "consumer_protection/mediation_detail.html", context, status=400)


@permission_required("consumer_protection.view_mediationcase")
def mediation_record_pdf(request, pk):
    """The mediation record (調解紀錄) as PDF, set in Noto Sans CJK TC by WeasyPrint."""
    from consumer_protection.pdf import mediation_record_pdf as render_pdf

    mediation = _get_mediation(request, pk)
    pdf = render_pdf(mediation, members_present=selectors.mediation_committee_members_present(mediation))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mediation-{mediation.pk}.pdf"'
    return response


# --- inspections, education, trainings, committees --------------------------------------------


@permission_required("consumer_protection.view_inspectionround")
def activity_list(request):
    """Inspections, education events and trainings of a year: the records behind the report."""
    year = year_param(request, default=timezone.localdate().year)
    show = request.GET.get("show", "")
    rounds = (
        InspectionRound.objects.restrict(request.user, "view")
        .filter(held_on__gte=datetime.date(year, 1, 1), held_on__lt=datetime.date(year + 1, 1, 1))
        .annotate(venue_count=Count("venues"))
        .prefetch_related("venues")
        .order_by("held_on")
    )
    events = (
        EducationEvent.objects.restrict(request.user, "view")
        .filter(held_on__gte=datetime.date(year, 1, 1), held_on__lt=datetime.date(year + 1, 1, 1))
        .order_by("held_on")
    )
    trainings = (
        Training.objects.restrict(request.user, "view")
        .filter(held_on__gte=datetime.date(year, 1, 1), held_on__lt=datetime.date(year + 1, 1, 1))
        .prefetch_related("participants")
        .order_by("held_on")
    )
    return render(
        request,
        "consumer_protection/activity_list.html",
        {"year": year, "rounds": rounds, "events": events, "trainings": trainings, "show": show},
    )


@permission_required("consumer_protection.view_committee")
def committee_list(request):
    year = year_param(request)
    kind = request.GET.get("kind")
    return render(
        request,
        "consumer_protection/committee_list.html",
        {
            "committees": selectors.committees_overview(user=request.user),
            "meetings": selectors.committee_meetings(user=request.user, year=year, kind=kind),
            "year": year,
            "kind": kind if kind in CommitteeKind.values else "",
            "kinds": CommitteeKind.choices,
        },
    )


@permission_required("consumer_protection.add_committeemeeting")
def meeting_create(request):
    form = forms.MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("已新增會議。"))
        return redirect("consumer_protection:meeting-detail", pk=meeting.pk)
    return render(request, "consumer_protection/meeting_form.html", {"form": form}, status=400 if form.errors else 200)


@permission_required("consumer_protection.view_committeemeeting")
def meeting_detail(request, pk):
    meeting = get_object_or_404(
        CommitteeMeeting.objects.restrict(request.user, "view").select_related("committee"), pk=pk
    )
    in_term = services.members_in_term(meeting).order_by("-is_chair", "member_type", "name")
    form = forms.AttendanceForm(
        request.POST or None,
        members_in_term=in_term,
        initial={"members": list(meeting.members_present.values_list("pk", flat=True))},
    )
    status = 200
    if request.method == "POST":
        if not request.user.has_perm("consumer_protection.change_committeemeeting"):
            return HttpResponse(status=403)
        if form.is_valid():
            try:
                services.meeting_record_attendance(
                    meeting=meeting, user=request.user, members=form.cleaned_data["members"]
                )
            except ServiceError as refused:
                add_to_form(form, refused)
            else:
                messages.success(request, _("已登錄出席委員。"))
                return redirect("consumer_protection:meeting-detail", pk=meeting.pk)
        status = 400
    return render(
        request,
        "consumer_protection/meeting_detail.html",
        {
            "meeting": meeting,
            "form": form,
            "present": meeting.members_present.order_by("-is_chair", "member_type", "name"),
            "in_term_count": in_term.count(),
            "cases": meeting.mediation_cases.select_related("complaint").order_by("case_number"),
            "resolutions": meeting.resolutions.all(),
        },
        status=status,
    )


__all__ = ["Stage"]
