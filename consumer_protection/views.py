"""The officers' pages. Views validate and delegate: writes in services.py, reads in selectors.py."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consumer_protection import forms, selectors, services, tables
from consumer_protection.choices import OPEN_STAGES, Action, CommitteeKind, RejectionGround, Result, Stage
from consumer_protection.exports import COMPLAINT_COLUMNS
from consumer_protection.filters import ComplaintFilterSet, ConsultationFilterSet, MediationFilterSet
from consumer_protection.models import (
    UNMASK_PERMISSION,
    CommitteeMeeting,
    CommitteeMember,
    Complaint,
    ComplaintAttachment,
    Consultation,
    EducationEvent,
    InspectionRound,
    MediationCase,
    Training,
)
from kaohsiung_admin.core.channel import EXPORT
from kaohsiung_admin.core.deadlines import days_left, due_css
from kaohsiung_admin.core.errors import ServiceError, add_to_form
from kaohsiung_admin.core.exports import EXPORT_MAX_ROWS, export_response
from kaohsiung_admin.core.formatting import display_date
from kaohsiung_admin.core.pages import id_param, paginate, permission_required, year_param
from kaohsiung_admin.core.personal_data import (
    log_full_view,
    log_full_views,
    mask_name,
    masked_values,
    user_may_unmask,
)
from kaohsiung_admin.core.templatetags.bureau_format import column_ordering

view_complaint = permission_required("consumer_protection.view_complaint")
change_complaint = permission_required("consumer_protection.change_complaint")


def _may_unmask(user) -> bool:
    return user_may_unmask(user, UNMASK_PERMISSION)


# What a name is, per role (DOMAIN "Personal data"; CPA Art. 45-1): the consumer protection
# officers, who work the cases, see complainants' names and the narratives; IDs, phones,
# addresses and e-mails are masked for them too until they unmask with a reason. Every other role
# that may read cases (managers) sees names masked (王○明) and no narrative.
def _sees_names(user) -> bool:
    return _may_unmask(user)


def no_store(response):
    """Pages and files carrying full personal data or confidential case content are not cached."""
    response["Cache-Control"] = "no-store"
    return response


UNMASK_SESSION_KEY = "cp_unmasked"
UNMASK_SECONDS = 120


def _officers():
    return (
        get_user_model().objects.filter(groups__name="consumer_protection_officer", is_active=True).order_by("username")
    )


# --- dashboard and case list ------------------------------------------------------------------


@view_complaint
def dashboard(request):
    from consumer_protection import figures
    from consumer_protection.models import category_choices

    form = forms.RepeatOffenderForm(request.GET or None)
    start, end, _minimum = _period_from(form)
    category = request.GET.get("category") or None
    if category not in dict(category_choices()):
        category = None
    until = end + datetime.timedelta(days=1)
    steps = figures.funnel(start, until, category=category)
    top = steps[0][1] or 1
    return render(
        request,
        "consumer_protection/dashboard.html",
        {
            "counts": selectors.dashboard_counts(user=request.user),
            "open_stages": OPEN_STAGES,
            "period_form": form,
            "start": start,
            "end": end,
            "category": category or "",
            "categories": category_choices(),
            "funnel": [(label, n, round(n * 100 / top, 1)) for label, n in steps],
            "success": figures.mediation_success(start, until, category=category),
        },
    )


# The filters the list page shows; the others (year, officer, …) still work in the address.
COMPLAINT_PAGE_FILTERS = ["q", "stage", "category", "due", "mine", "filed_after", "filed_before", "ordering"]


ID_SEARCH_SESSION_KEY = "cp_id_search"


@view_complaint
@require_POST
def complaint_id_search(request):
    """Search by a full national ID without putting it in the address (access logs, history):
    the ID is kept in the session under a random key and the list is opened with that key."""
    import secrets

    from consumer_protection.filters import _NATIONAL_ID_RE

    if not _may_unmask(request.user):
        return HttpResponse(_("您的角色不能以身分證統一編號查詢。"), status=403)
    value = (request.POST.get("national_id") or "").strip().upper()
    if not _NATIONAL_ID_RE.match(value):
        messages.error(request, _("請輸入完整的身分證統一編號（例：A123456789）。"))
        return redirect("consumer_protection:complaint-list")
    key = secrets.token_urlsafe(8)
    searches = dict(list((request.session.get(ID_SEARCH_SESSION_KEY) or {}).items())[-9:])
    searches[key] = value
    request.session[ID_SEARCH_SESSION_KEY] = searches
    return redirect(f"{reverse('consumer_protection:complaint-list')}?idq={key}")


def _list_query(request):
    """The list's query: `idq` (a key to an ID searched through the POST form) becomes `q`;
    a full ID typed into `?q=` is not searched (it would sit in the address and the logs)."""
    from consumer_protection.filters import _NATIONAL_ID_RE

    data = request.GET.copy()
    key = data.pop("idq", [None])[0]
    if key:
        value = (request.session.get(ID_SEARCH_SESSION_KEY) or {}).get(key)
        if value and _may_unmask(request.user):
            data["q"] = value
            request.cp_id_search = True
    elif _NATIONAL_ID_RE.match((data.get("q") or "").strip()):
        messages.warning(request, _("以身分證統一編號查詢請使用「以身分證號查詢」欄位，身分證號不會留在網址與紀錄中。"))
    return data


@view_complaint
def complaint_list(request):
    filterset = ComplaintFilterSet(
        _list_query(request), queryset=selectors.complaint_list(user=request.user), request=request
    )
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = paginate(request, queryset)
    response = render(
        request,
        "consumer_protection/complaint_list.html",
        {
            "filter": filterset,
            "filter_fields": [filterset.form[name] for name in COMPLAINT_PAGE_FILTERS],
            "page_obj": page,
            "rows": tables.complaint_rows(
                page.object_list, today=timezone.localdate(), names=_sees_names(request.user)
            ),
            "export_form": forms.ExportForm(may_unmask=_may_unmask(request.user)),
            "may_unmask": _may_unmask(request.user),
        },
    )
    if getattr(request, "cp_id_search", False):
        # The cases found by a person's ID: a use of that ID, logged per case shown.
        log_full_views(
            user=request.user,
            records=page.object_list,
            fields=["complainant_national_id"],
            reason=_("以身分證統一編號查詢申訴案件"),
        )
        return no_store(response)
    return response


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
    response = export_response(
        rows=rows,
        columns=COMPLAINT_COLUMNS,
        filename="complaints",
        fmt=data["format"],
        full=full,
        sheet_title=_("申訴案件"),
    )
    return no_store(response) if full else response


# --- filing a complaint -----------------------------------------------------------------------


@permission_required("consumer_protection.add_complaint")
def complaint_create(request):
    initial = {"officer": request.user.pk, "first_filed_on": timezone.localdate()}
    consultation_id = id_param(request, "consultation")
    if consultation_id is not None:
        consultation = get_object_or_404(Consultation.objects.restrict(request.user, "view"), pk=consultation_id)
        initial.update(services.complaint_initial_from_consultation(consultation))
        if request.method == "GET" and consultation.consumer_phone:
            # The form is pre-filled with the consultation's full phone: a full view, logged.
            log_full_view(
                user=request.user,
                record=consultation,
                fields=["consumer_phone"],
                reason=_("諮詢轉為申訴案件（預填聯絡電話）"),
            )
    form = forms.ComplaintForm(request.POST or None, request.FILES or None, initial=initial, officers=_officers())
    if request.method == "POST":
        form.offer_duplicates(_duplicates_for(request.POST))
    if request.method == "POST" and form.is_valid() and form.decide_duplicates():
        data = dict(form.cleaned_data)
        decision = data.pop("duplicate_decision", "")
        duplicate_of = data.pop("duplicate_of", None)
        try:
            with transaction.atomic():
                complaint = services.complaint_file(user=request.user, **data)
                if decision == "reject":
                    services.complaint_close(
                        complaint=complaint,
                        user=request.user,
                        result=Result.REJECTED,
                        rejection_ground=RejectionGround.DUPLICATE,
                        duplicate_of=duplicate_of,
                    )
        except (ServiceError, ValidationError) as error:
            add_to_form(form, error)
        else:
            if decision == "reject":
                messages.success(
                    request,
                    _("已登錄申訴案件 %(number)s，並以重複申訴（同 %(earlier)s）不受理。")
                    % {"number": complaint.case_number, "earlier": duplicate_of.case_number},
                )
            else:
                messages.success(
                    request,
                    _("已登錄申訴案件 %(number)s，業者處理期限 %(due)s。")
                    % {"number": complaint.case_number, "due": display_date(complaint.business_due_on)},
                )
            return redirect(complaint)
    if request.method == "POST" and request.FILES.get("attachment") and form.errors:
        # Browsers never keep a chosen file across a failed submit: say so on the field.
        form.add_error(
            "attachment",
            _("表單有錯誤，附件「%(name)s」尚未上傳：修正後請重新選擇檔案。")
            % {"name": request.FILES["attachment"].name},
        )
    response = render(
        request,
        "consumer_protection/complaint_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
    return no_store(response)


def _duplicates_for(data) -> list[Complaint]:
    """Earlier complaints like the one being typed (same complainant, same trader, 180 days)."""
    national_id = (data.get("complainant_national_id") or "").strip().upper()
    if not national_id:
        return []
    try:
        on = datetime.date.fromisoformat((data.get("first_filed_on") or "").strip())
    except ValueError:
        on = None
    return list(
        services.find_duplicates(
            national_id=national_id,
            business_name=data.get("business_name") or "",
            tax_id=(data.get("business_tax_id") or "").strip(),
            on=on,
        )[:10]
    )


# --- a case -----------------------------------------------------------------------------------


def _complaint_context(request, complaint, *, full=False, action_forms=None, unmask_form=None, attachment_form=None):
    allowed = (
        services.allowed_complaint_actions(complaint)
        if request.user.has_perm("consumer_protection.change_complaint")
        else []
    )
    bound = action_forms or {}
    sees_names = _sees_names(request.user)
    masked_labels = [str(Complaint._meta.get_field(name).verbose_name) for name in Complaint.personal_fields]
    if not sees_names:
        masked_labels.insert(0, str(Complaint._meta.get_field("complainant_name").verbose_name))
    return {
        "complaint": complaint,
        "personal": (
            {name: getattr(complaint, name) for name in Complaint.personal_fields} if full else masked_values(complaint)
        ),
        "complainant_name": complaint.complainant_name if sees_names else mask_name(complaint.complainant_name),
        "confidential": sees_names,
        "masked_labels": [] if full else masked_labels,
        "full": full,
        "may_unmask": _may_unmask(request.user),
        "unmask_form": unmask_form or forms.UnmaskForm(),
        "timeline": selectors.complaint_timeline(complaint),
        "attachments": complaint.attachments.all(),
        "attachment_form": attachment_form or forms.AttachmentForm(),
        "mediations": complaint.mediations.order_by("applied_on"),
        "second_meetings": selectors.second_meetings(complaint, names=sees_names),
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


def _take_unmask_grant(request, pk) -> bool:
    """The full view granted by the last POST to unmask this case (logged there), shown once."""
    import time

    grants = request.session.get(UNMASK_SESSION_KEY) or {}
    expiry = grants.pop(str(pk), None)
    if expiry is None:
        return False
    request.session[UNMASK_SESSION_KEY] = grants
    return expiry >= time.time()


@view_complaint
def complaint_detail(request, pk):
    complaint = _get_complaint(request, pk)
    full = _may_unmask(request.user) and _take_unmask_grant(request, complaint.pk)
    response = render(
        request, "consumer_protection/complaint_detail.html", _complaint_context(request, complaint, full=full)
    )
    return no_store(response)


@view_complaint
@require_POST
def complaint_unmask(request, pk):
    """「顯示完整個資」: logs the full view with its reason, then redirects to the case page,
    which shows the full values once (a reload shows them masked again)."""
    import time

    complaint = _get_complaint(request, pk)
    if not _may_unmask(request.user):
        return HttpResponse(_("您的角色不能檢視完整個資。"), status=403)
    form = forms.UnmaskForm(request.POST)
    if not form.is_valid():
        response = render(
            request,
            "consumer_protection/complaint_detail.html",
            _complaint_context(request, complaint, unmask_form=form),
            status=400,
        )
        return no_store(response)
    log_full_view(
        user=request.user, record=complaint, fields=list(Complaint.personal_fields), reason=form.cleaned_data["reason"]
    )
    grants = request.session.get(UNMASK_SESSION_KEY) or {}
    grants[str(complaint.pk)] = time.time() + UNMASK_SECONDS
    request.session[UNMASK_SESSION_KEY] = grants
    return redirect(complaint)


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
def complaint_second_minutes(request, pk):
    """「登錄協調會紀錄」: the minutes and attendees of a second-complaint meeting."""
    complaint = _get_complaint(request, pk)
    if complaint.stage != Stage.SECOND:
        messages.error(request, _("只有第二次申訴處理中始能登錄協調會紀錄。"))
        return redirect(complaint)
    form = forms.SecondMinutesForm(request.POST or None, initial={"chair": str(request.user)})
    attendees = forms.AttendeeFormSet(request.POST or None, prefix="attendees")
    status = 200
    if request.method == "POST":
        if form.is_valid() and attendees.is_valid():
            rows = [row for row in attendees.cleaned_data if row and (row.get("name") or "").strip()]
            try:
                services.complaint_record_second_minutes(
                    complaint=complaint, user=request.user, attendees=rows, **form.cleaned_data
                )
            except ServiceError as refused:
                add_to_form(form, refused)
            else:
                messages.success(request, _("已登錄協調會紀錄。"))
                return redirect(complaint)
        status = 400
    return no_store(
        render(
            request,
            "consumer_protection/second_minutes_form.html",
            {"complaint": complaint, "form": form, "attendees": attendees},
            status=status,
        )
    )


@change_complaint
@require_POST
def complaint_attachment_add(request, pk):
    complaint = _get_complaint(request, pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.complaint_add_attachment(
                complaint=complaint,
                user=request.user,
                file=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
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
    """Attachments (contracts, receipts, screenshots) carry personal data in full: only a role
    that may unmask downloads them, and each download is logged."""
    complaint = _get_complaint(request, pk)
    if not _may_unmask(request.user):
        return HttpResponse(_("附件含完整個資，您的角色不能下載。"), status=403)
    attachment = get_object_or_404(ComplaintAttachment, pk=attachment_pk, complaint=complaint)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404  # the row outlived its file (a restore without the media volume)
    log_full_view(
        user=request.user,
        record=complaint,
        fields=["attachment"],
        reason=_("下載附件：%(name)s") % {"name": str(attachment)},
    )
    response = FileResponse(handle, as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])
    return no_store(response)


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
    panel = list(services.mediation_panel(mediation))
    return {
        "mediation": mediation,
        "complaint": mediation.complaint,
        "members_present": selectors.mediation_committee_members_present(mediation),
        "panel": panel,
        "declarations": mediation.interest_declarations.select_related("member").order_by("declared_on", "id"),
        "interest_form": forms.InterestDeclarationForm(
            members=_panel_candidates(mediation), initial={"declared_on": timezone.localdate()}
        )
        if may_change
        else None,
        "may_unmask": _may_unmask(request.user),
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


MEDIATION_SERVICES = services.MEDIATION_ACTIONS


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


@permission_required("consumer_protection.view_mediationcase")
def mediation_settlement_pdf(request, pk):
    """調解書 (消費爭議調解辦法第26條) of an established mediation. It carries the applicant's
    full ID and address: only officers, and each one made is logged."""
    from consumer_protection.choices import MediationStatus
    from consumer_protection.pdf import settlement_pdf

    mediation = _get_mediation(request, pk)
    if not _may_unmask(request.user):
        return HttpResponse(_("調解書含完整個資，您的角色不能製作。"), status=403)
    if mediation.status != MediationStatus.ESTABLISHED:
        messages.error(request, _("調解成立後始能製作調解書。"))
        return redirect(mediation)
    log_full_view(
        user=request.user,
        record=mediation.complaint,
        fields=["complainant_national_id", "complainant_address", "complainant_phone"],
        reason=_("製作調解書 %(number)s") % {"number": mediation.case_number},
    )
    pdf = settlement_pdf(mediation, panel=services.mediation_panel(mediation))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="settlement-{mediation.pk}.pdf"'
    return no_store(response)


@permission_required("consumer_protection.change_mediationcase")
def mediation_notice_pdf(request, pk, kind):
    """A notice to a party (`?party=applicant|respondent`): the hearing date, or the proposal
    and its 10-day objection window. Recorded in the case's timeline."""
    from consumer_protection.pdf import NOTICE_KINDS, notice_pdf

    mediation = _get_mediation(request, pk)
    if kind not in NOTICE_KINDS:
        raise Http404
    party = request.GET.get("party", "applicant")
    if party not in ("applicant", "respondent"):
        return HttpResponse(_("受文者須為 applicant 或 respondent。"), status=400)
    if kind == "hearing" and mediation.meeting_id is None:
        messages.error(request, _("尚未排定調解會議，不能製作開會通知。"))
        return redirect(mediation)
    if kind == "proposal" and not mediation.proposal_served_on:
        messages.error(request, _("尚未送達調解方案，不能製作送達通知。"))
        return redirect(mediation)
    if party == "applicant" and mediation.complaint.complainant_address:
        log_full_view(
            user=request.user,
            record=mediation.complaint,
            fields=["complainant_address"],
            reason=_("製作%(title)s") % {"title": NOTICE_KINDS[kind]},
        )
    response = HttpResponse(notice_pdf(mediation, kind=kind, party=party), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{kind}-{mediation.pk}.pdf"'
    return no_store(response)


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
            # Mediation files are confidential (CPA Art. 45-1): only those the viewer may open.
            "cases": MediationCase.objects.restrict(request.user, "view")
            .filter(meeting=meeting)
            .select_related("complaint")
            .order_by("case_number"),
            "resolutions": meeting.resolutions.all(),
            "resolution_form": forms.ResolutionForm(),
        },
        status=status,
    )


# --- the trader registry and the repeat-offender list -------------------------------------------


# The trader registry's column headings ({% sort_header %}): the fields a click may sort by.
TRADER_ORDERING = ("name", "tax_id", "complaint_count")
REPEAT_OFFENDER_ORDERING = ("name", "tax_id", "period_count", "open_count")


@view_complaint
def trader_list(request):
    q = (request.GET.get("q") or "")[:60]
    traders = selectors.trader_list(user=request.user, q=q)
    traders, ordering = column_ordering(request, traders, TRADER_ORDERING)
    page = paginate(request, traders)
    return render(request, "consumer_protection/trader_list.html", {"page_obj": page, "q": q, "ordering": ordering})


@view_complaint
def trader_detail(request, pk):
    from consumer_protection.models import Trader

    try:
        trader = selectors.trader_detail(user=request.user, pk=pk)
    except Trader.DoesNotExist:
        raise Http404
    complaints = paginate(request, selectors.trader_complaints(trader, user=request.user))
    return render(
        request,
        "consumer_protection/trader_detail.html",
        {
            "trader": trader,
            "page_obj": complaints,
            "rows": tables.complaint_rows(
                complaints.object_list, today=timezone.localdate(), names=_sees_names(request.user)
            ),
            "outcomes": selectors.trader_outcomes(trader, user=request.user),
            "inspections": selectors.trader_inspections(trader)[:50],
        },
    )


def _period_from(form) -> tuple[datetime.date, datetime.date, int]:
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    start = data.get("start") or today.replace(month=1, day=1)
    end = data.get("end") or today
    return start, end, data.get("minimum") or 3


@view_complaint
def repeat_offenders(request):
    """Traders with N or more complaints in a period: where the next inspection round starts."""
    form = forms.RepeatOffenderForm(request.GET or None)
    start, end, minimum = _period_from(form)
    category = request.GET.get("category") or None
    queryset = selectors.repeat_offenders(
        user=request.user, start=start, end=end + datetime.timedelta(days=1), minimum=minimum, category=category
    )
    if request.GET.get("export") in ("csv", "xlsx"):
        from kaohsiung_admin.core.exports import Column

        columns = [
            Column(_("統一編號"), lambda t: t.tax_id or ""),
            Column(_("業者"), "name"),
            Column(_("申訴件數"), "period_count"),
            Column(_("進行中"), "open_count"),
        ]
        return export_response(rows=queryset, columns=columns, filename="repeat-offenders", fmt=request.GET["export"])
    queryset, ordering = column_ordering(request, queryset, REPEAT_OFFENDER_ORDERING)
    return render(
        request,
        "consumer_protection/repeat_offenders.html",
        {
            "form": form,
            "page_obj": paginate(request, queryset),
            "start": start,
            "end": end,
            "minimum": minimum,
            "ordering": ordering,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


# --- committee work: roster, terms, recusal, resolutions ----------------------------------------


@permission_required("consumer_protection.view_committee")
def committee_detail(request, pk):
    from consumer_protection.models import Committee

    committee = get_object_or_404(Committee.objects.restrict(request.user, "view"), pk=pk)
    check = forms.RosterCheckForm(request.GET or None)
    on = (check.cleaned_data.get("on") if check.is_valid() else None) or timezone.localdate()
    members = list(committee.members.select_related("user").order_by("-is_chair", "member_type", "name"))
    problems = services.roster_problems(members, on=on) if committee.kind == CommitteeKind.MEDIATION else []
    form = None
    status = 200
    if request.user.has_perm("consumer_protection.add_committeemember"):
        form = forms.CommitteeMemberForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            member = form.save(commit=False)
            member.committee = committee
            try:
                services.committee_member_save(member=member, user=request.user)
            except ServiceError as refused:
                add_to_form(form, refused)
            else:
                messages.success(request, _("已登錄委員 %(name)s。") % {"name": member.name})
                return redirect("consumer_protection:committee-detail", pk=committee.pk)
        if form.errors:
            status = 400
    elif request.method == "POST":
        return HttpResponse(status=403)
    return render(
        request,
        "consumer_protection/committee_detail.html",
        {
            "committee": committee,
            "members": members,
            "in_term": [m for m in members if m.term_start <= on <= m.term_end],
            "problems": problems,
            "check": check,
            "on": on,
            "form": form,
        },
        status=status,
    )


@permission_required("consumer_protection.change_committeemember")
def committee_member_edit(request, pk):
    member = get_object_or_404(CommitteeMember.objects.restrict(request.user, "change"), pk=pk)
    form = forms.CommitteeMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.committee_member_save(member=form.save(commit=False), user=request.user)
        except ServiceError as refused:
            add_to_form(form, refused)
        else:
            messages.success(request, _("已更新委員 %(name)s。") % {"name": member.name})
            return redirect("consumer_protection:committee-detail", pk=member.committee_id)
    return render(
        request,
        "consumer_protection/committee_member_form.html",
        {"form": form, "member": member},
        status=400 if form.errors else 200,
    )


@permission_required("consumer_protection.change_mediationcase")
@require_POST
def mediation_declare_interest(request, pk):
    mediation = _get_mediation(request, pk)
    form = forms.InterestDeclarationForm(request.POST, members=_panel_candidates(mediation))
    if form.is_valid():
        try:
            services.mediation_declare_interest(mediation=mediation, user=request.user, **form.cleaned_data)
        except ServiceError as refused:
            add_to_form(form, refused)
        else:
            messages.success(request, _("已登錄 %(name)s 之迴避聲明。") % {"name": form.cleaned_data["member"].name})
            return redirect(mediation)
    context = _mediation_context(request, mediation)
    context["interest_form"] = form
    return render(request, "consumer_protection/mediation_detail.html", context, status=400)


def _panel_candidates(mediation):
    if mediation.meeting_id is None:
        return CommitteeMember.objects.none()
    return services.members_in_term(mediation.meeting)


@permission_required("consumer_protection.change_committeemeeting")
@require_POST
def meeting_add_resolution(request, pk):
    from consumer_protection.models import Resolution

    meeting = get_object_or_404(CommitteeMeeting.objects.restrict(request.user, "change"), pk=pk)
    form = forms.ResolutionForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            number = (meeting.resolutions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
            Resolution.objects.create(meeting=meeting, number=number, created_by=request.user, **form.cleaned_data)
        messages.success(request, _("已新增決議第 %(n)d 案。") % {"n": number})
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("consumer_protection:meeting-detail", pk=meeting.pk)


# --- inspections, education events, trainings: entry pages ---------------------------------------


def _create_page(request, *, form_class, title, service, success):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        record = service(form)
        messages.success(request, success % {"title": str(record)})
        return redirect(_activity_redirect(record))
    return render(
        request,
        "consumer_protection/simple_form.html",
        {"form": form, "title": title},
        status=400 if form.errors else 200,
    )


def _saver(request, *, then=None, **fields):
    """The entry pages' save: the form's record with `fields` set, created by the user, validated
    and saved, then `then(record, form)` (its related rows), all in one transaction."""

    def save(form):
        with transaction.atomic():
            record = form.save(commit=False)
            for name, value in fields.items():
                setattr(record, name, value)
            record.created_by = request.user
            record.full_clean()
            record.save()
            if then is not None:
                then(record, form)
        return record

    return save


def _activity_redirect(record):
    from django.urls import reverse

    anchor = {"InspectionRound": "inspections", "EducationEvent": "education", "Training": "trainings"}
    year = record.held_on.year
    if isinstance(record, InspectionRound):
        return reverse("consumer_protection:inspection-detail", args=[record.pk])
    return f"{reverse('consumer_protection:activity-list')}?year={year}#{anchor[type(record).__name__]}"


@permission_required("consumer_protection.add_inspectionround")
def inspection_create(request):
    return _create_page(
        request,
        form_class=forms.InspectionRoundForm,
        title=_("新增查核場次"),
        service=_saver(request),
        success=_("已新增查核「%(title)s」。"),
    )


@permission_required("consumer_protection.view_inspectionround")
def inspection_detail(request, pk):
    inspection = get_object_or_404(InspectionRound.objects.restrict(request.user, "view"), pk=pk)
    form = None
    if request.user.has_perm("consumer_protection.add_inspectionvenue"):
        form = forms.InspectionVenueForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            venue = _saver(request, round=inspection)(form)
            messages.success(request, _("已登錄查核場家 %(name)s。") % {"name": venue.business_name})
            return redirect("consumer_protection:inspection-detail", pk=inspection.pk)
    elif request.method == "POST":
        return HttpResponse(status=403)
    return render(
        request,
        "consumer_protection/inspection_detail.html",
        {"inspection": inspection, "venues": inspection.venues.order_by("id"), "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@permission_required("consumer_protection.add_educationevent")
def education_create(request):
    return _create_page(
        request,
        form_class=forms.EducationEventForm,
        title=_("新增教育宣導"),
        service=_saver(request),
        success=_("已新增宣導「%(title)s」。"),
    )


@permission_required("consumer_protection.add_training")
def training_create(request):
    from consumer_protection.models import TrainingParticipant

    def participants(record, form):
        TrainingParticipant.objects.bulk_create(
            [
                TrainingParticipant(training=record, name=name, organisation=org, created_by=request.user)
                for name, org in form.cleaned_data["participants"]
            ]
        )

    return _create_page(
        request,
        form_class=forms.TrainingForm,
        title=_("新增研習"),
        service=_saver(request, then=participants),
        success=_("已新增研習「%(title)s」。"),
    )


__all__ = ["Stage"]
