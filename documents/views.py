"""The document clerks' pages. Views validate and delegate: writes in services.py, reads in
selectors.py, refusals shown with core.errors."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from documents import forms, rules, selectors, services
from documents.choices import Action, MeetingKind, PetitionAction, PetitionChannel
from documents.filters import DocumentFilterSet, PetitionFilterSet
from documents.models import (
    EExchangeOrganisation,
    Extension,
    GazetteIssue,
    MunicipalMeeting,
    OfficialDocument,
    OpenDataSet,
    Petition,
)
from kaohsiung_admin.accounts.models import Division
from kaohsiung_admin.core.channel import request_channel
from kaohsiung_admin.core.deadlines import DUE_SOON, today
from kaohsiung_admin.core.errors import ServiceError, add_to_form, messages_for
from kaohsiung_admin.core.exports import Column
from kaohsiung_admin.core.formatting import roc_date
from kaohsiung_admin.core.office_calendar_import import CalendarFileError, import_office_calendar
from kaohsiung_admin.core.pages import id_param, list_page, permission_required, redirect_next, year_param
from kaohsiung_admin.core.personal_data import (
    log_full_view,
    mask_name,
    mask_phone,
    masked_values,
    personal_fields,
    user_may_unmask,
)
from kaohsiung_admin.core.templatetags.bureau_format import column_ordering

VIEW_DOC = "documents.view_officialdocument"
ADD_DOC = "documents.add_officialdocument"
CHANGE_DOC = "documents.change_officialdocument"
VIEW_PETITION = "documents.view_petition"


def _filtered(request, filterset_class, queryset):
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound and not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


# The due list's column headings (the register's own FilterSet sorts by the same fields).
DOCUMENT_ORDERING = ("number", "received_on", "due_on")

DOCUMENT_COLUMNS = [
    Column(_lazy("文號"), "number"),
    Column(_lazy("收發別"), "direction"),
    Column(_lazy("收文日期"), "received_on"),
    Column(_lazy("來文機關"), "sender"),
    Column(_lazy("主旨"), "subject"),
    Column(_lazy("公文性質"), "nature"),
    Column(_lazy("密等"), "security"),
    Column(_lazy("承辦單位"), "unit.name"),
    Column(_lazy("承辦人"), lambda d: str(d.officer) if d.officer_id else ""),
    Column(_lazy("狀態"), "status"),
    Column(_lazy("限辦日期"), "due_on"),
    Column(_lazy("辦結日期"), "closed_on"),
    Column(_lazy("電子簽核"), "e_signed"),
    Column(_lazy("電子交換發文"), "sent_via_exchange"),
    Column(_lazy("發文字號"), "issued_number"),
]

DOCUMENT_PAGE_FILTERS = [
    "q",
    "direction",
    "nature",
    "status",
    "unit",
    "year",
    "due",
    "due_after",
    "due_before",
    "ordering",
]


@permission_required(VIEW_DOC)
def document_list(request):
    filterset, queryset = _filtered(request, DocumentFilterSet, selectors.document_list(user=request.user))
    return list_page(
        request,
        queryset=queryset,
        template="documents/document_list.html",
        context={"filter": filterset, "filter_fields": [filterset.form[n] for n in DOCUMENT_PAGE_FILTERS]},
        columns=DOCUMENT_COLUMNS,
        filename="documents",
    )


@permission_required(ADD_DOC)
def document_receive(request):
    """登錄收文: one form per document, back to a blank form with the same date and nature."""
    initial = {"received_on": today(), "received_via_exchange": True}
    for name in ("received_on", "nature", "unit"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    form = forms.ReceiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_receive(user=request.user, **data)
        except (ServiceError, ValidationError) as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("已登錄 %(number)s（%(nature)s），限辦日期 %(due)s。")
                % {
                    "number": document.number,
                    "nature": document.get_nature_display(),
                    "due": roc_date(document.due_on),
                },
            )
            keep = {"received_on": data["received_on"].isoformat(), "nature": data["nature"]}
            if data.get("unit"):
                keep["unit"] = data["unit"].pk
            return redirect(f"{reverse('documents:document-receive')}?{urlencode(keep)}")
    recent = (
        selectors.document_list(user=request.user)
        .filter(created_by=request.user, created_at__date=timezone.localdate())
        .order_by("-id")[:20]
    )
    return render(
        request, "documents/document_receive.html", {"form": form, "recent": recent, "limits": rules.ALL_LIMITS[:5]}
    )


def _detail_context(request, document, **forms_given):
    extensions = list(document.extensions.select_related("requested_by", "decided_by"))
    return {
        "document": document,
        "due": services.document_due(document) if document.direction == "received" else None,
        "timeline": selectors.document_timeline(document),
        "actions": [(a, Action(a).label) for a in services.allowed_document_actions(document)],
        "move_form": forms_given.get("move_form") or forms.MoveForm(initial={"on": today()}),
        "pause_form": forms_given.get("pause_form") or forms.PauseForm(initial={"start": today()}),
        "resume_form": forms.ResumeForm(initial={"end": today()}),
        "extension_form": forms_given.get("extension_form") or forms.ExtensionForm(),
        "decision_form": forms.DecisionForm(),
        "merge_form": forms_given.get("merge_form") or forms.MergeForm(initial={"on": today()}),
        "attachment_form": forms.AttachmentForm(),
        "extensions": extensions,
        "attachments": list(document.attachments.all()),
        "pauses": list(document.pauses.all()),
        "pieces": list(document.merged_pieces.only("id", "number", "received_on")),
        "may_change": request.user.has_perm(CHANGE_DOC),
        "may_approve": request.user.has_perm("documents.approve_extension"),
    }


def _document(request, pk):
    try:
        return selectors.document_detail(user=request.user, pk=pk)
    except ObjectDoesNotExist:
        raise Http404


@permission_required(VIEW_DOC)
def document_detail(request, pk):
    document = _document(request, pk)
    return render(request, "documents/document_detail.html", _detail_context(request, document))


def _refused(request, error):
    for message in messages_for(error):
        messages.error(request, message)


@require_POST
@permission_required(CHANGE_DOC)
def document_move(request, pk):
    document = _document(request, pk)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        action = data.pop("action")
        if action not in (Action.DISPATCH,):
            data.pop("addressee"), data.pop("sent_via_exchange")
        if action not in (Action.DISPATCH, Action.KEEP):
            data.pop("e_signed")
        if action != Action.ASSIGN:
            data.pop("unit"), data.pop("officer")
        try:
            services.document_transition(user=request.user, document=document, action=action, **data)
        except (ServiceError, ValidationError) as error:
            _refused(request, error)
        else:
            messages.success(request, _("已完成「%(action)s」。") % {"action": Action(action).label})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect_next(request, document.get_absolute_url())


def _post_action(request, pk, form_class, call, done):
    document = _document(request, pk)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            call(document, form.cleaned_data)
        except (ServiceError, ValidationError) as error:
            _refused(request, error)
        else:
            messages.success(request, done)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(document.get_absolute_url())


@require_POST
@permission_required(CHANGE_DOC)
def document_pause(request, pk):
    return _post_action(
        request,
        pk,
        forms.PauseForm,
        lambda d, c: services.document_pause(user=request.user, document=d, **c),
        _("已暫停計時。"),
    )


@require_POST
@permission_required(CHANGE_DOC)
def document_resume(request, pk):
    return _post_action(
        request,
        pk,
        forms.ResumeForm,
        lambda d, c: services.document_resume(user=request.user, document=d, **c),
        _("已恢復計時。"),
    )


@require_POST
@permission_required(CHANGE_DOC)
def extension_request(request, pk):
    return _post_action(
        request,
        pk,
        forms.ExtensionForm,
        lambda d, c: services.extension_request(user=request.user, document=d, **c),
        _("已送出展期申請，待主管核准。"),
    )


@require_POST
@permission_required("documents.approve_extension")
def extension_decide(request, pk, extension_id):
    document = _document(request, pk)
    extension = get_object_or_404(Extension, pk=extension_id, document=document)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.extension_decide(user=request.user, extension=extension, **form.cleaned_data)
        except (ServiceError, ValidationError) as error:
            _refused(request, error)
        else:
            messages.success(request, _("已完成展期審核。"))
    return redirect(document.get_absolute_url())


@require_POST
@permission_required(CHANGE_DOC)
def document_merge(request, pk):
    def merge(document, data):
        found = list(OfficialDocument.objects.restrict(request.user, "change").filter(number__in=data["pieces"]))
        missing = set(data["pieces"]) - {d.number for d in found}
        if missing:
            raise ServiceError(_("查無文號：%(n)s。") % {"n": "、".join(sorted(missing))}, code="not_found")
        services.document_merge(user=request.user, lead=document, pieces=found, kind=data["kind"], on=data.get("on"))

    return _post_action(request, pk, forms.MergeForm, merge, _("已完成彙併辦，併入之公文已存查。"))


@require_POST
@permission_required(CHANGE_DOC)
def attachment_add(request, pk):
    return _post_action(
        request,
        pk,
        forms.AttachmentForm,
        lambda d, c: services.attachment_add(user=request.user, document=d, **c),
        _("已上傳附件。"),
    )


@permission_required(VIEW_DOC)
def due_list(request):
    """到期與逾期: open, running clocks overdue or due soon, per unit and officer."""
    unit_id = id_param(request, "unit")
    officer_id = id_param(request, "officer")
    queryset = selectors.due_list(user=request.user)
    if unit_id:
        queryset = queryset.filter(unit_id=unit_id)
    if officer_id:
        queryset = queryset.filter(officer_id=officer_id)
    state = request.GET.get("due")
    if state in ("overdue", "due_soon"):
        queryset = queryset.by_due_state(state)
    queryset, _ordering = column_ordering(request, queryset, DOCUMENT_ORDERING)
    return list_page(
        request,
        queryset=queryset,
        template="documents/due_list.html",
        context={
            "summary": selectors.due_summary(user=request.user),
            "units": Division.objects.order_by("code"),
            "officers": get_user_model().objects.filter(is_active=True, is_api_client=False).order_by("username"),
            "unit_id": unit_id,
            "officer_id": officer_id,
            "state": state,
            "window": DUE_SOON.days,
        },
        columns=DOCUMENT_COLUMNS,
        filename="documents-due",
    )


@permission_required(VIEW_DOC)
def rates(request):
    year = year_param(request, default=timezone.localdate().year)
    unit_id = id_param(request, "unit")
    return render(
        request,
        "documents/rates.html",
        {
            "year": year,
            "unit_id": unit_id,
            "units": Division.objects.order_by("code"),
            "totals": selectors.year_rates(year, unit_id=unit_id),
            "months": selectors.monthly_rates(year, unit_id=unit_id),
            "by_unit": selectors.unit_rates(year),
            "e_sign_target": rules.E_SIGN_TARGET_PERCENT.days / 100,
            "e_exchange_target": rules.E_EXCHANGE_TARGET_PERCENT.days / 100,
        },
    )


# --- petitions --------------------------------------------------------------------------------

PETITION_COLUMNS = [
    Column(_lazy("案號"), "number"),
    Column(_lazy("類別"), "kind"),
    Column(_lazy("受理管道"), "channel"),
    Column(_lazy("收件日期"), "received_on"),
    Column(_lazy("陳情人"), "petitioner_name", mask=mask_name),
    Column(_lazy("聯絡電話"), "petitioner_phone", mask=mask_phone),
    Column(_lazy("案由"), "subject"),
    Column(_lazy("分辦機關"), "assigned_agency"),
    Column(_lazy("狀態"), "status"),
    Column(_lazy("處理期限"), "due_on"),
    Column(_lazy("結案日期"), "closed_on"),
]
PETITION_PAGE_FILTERS = ["q", "kind", "channel", "status", "year", "due", "ordering"]


@permission_required(VIEW_PETITION)
def petition_list(request):
    queryset = selectors.petition_list(user=request.user)
    if request.GET.get("system") == "true":
        queryset = queryset.exclude(channel=PetitionChannel.CONTROL_YUAN)
    filterset, queryset = _filtered(request, PetitionFilterSet, queryset)
    return list_page(
        request,
        queryset=queryset,
        template="documents/petition_list.html",
        context={"filter": filterset, "filter_fields": [filterset.form[n] for n in PETITION_PAGE_FILTERS]},
        columns=PETITION_COLUMNS,
        filename="petitions",
    )


@permission_required("documents.add_petition")
def petition_create(request):
    form = forms.PetitionForm(request.POST or None, initial={"received_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            petition = services.petition_receive(user=request.user, **form.cleaned_data)
        except (ServiceError, ValidationError) as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("已收件 %(number)s，處理期限 %(due)s。")
                % {"number": petition.number, "due": roc_date(petition.due_on)},
            )
            return redirect(petition.get_absolute_url())
    return render(request, "documents/petition_form.html", {"form": form})


def _petition(request, pk):
    try:
        return selectors.petition_detail(user=request.user, pk=pk)
    except ObjectDoesNotExist:
        raise Http404


@permission_required(VIEW_PETITION)
def petition_detail(request, pk):
    """Masked by default; 「顯示完整個資」 with a reason shows them once and logs the view."""
    petition = _petition(request, pk)
    may_unmask = user_may_unmask(request.user, Petition.unmask_permission)
    unmask_form = forms.UnmaskForm(request.POST or None)
    shown = masked_values(petition)
    full = False
    if request.method == "POST" and may_unmask and unmask_form.is_valid():
        shown = {name: getattr(petition, name) for name in personal_fields(petition)}
        log_full_view(
            user=request.user,
            record=petition,
            fields=list(shown),
            reason=unmask_form.cleaned_data["reason"],
            channel=request_channel(request),
        )
        full = True
    return render(
        request,
        "documents/petition_detail.html",
        {
            "petition": petition,
            "shown": shown,
            "full": full,
            "may_unmask": may_unmask,
            "unmask_form": unmask_form,
            "actions": [(a, PetitionAction(a).label) for a in services.allowed_petition_actions(petition)],
            "move_form": forms.PetitionMoveForm(initial={"on": today()}),
            "replies": list(petition.replies.all()),
            "timeline": petition.events.select_related("by").order_by("at", "id"),
            "may_change": request.user.has_perm("documents.change_petition"),
        },
    )


@require_POST
@permission_required("documents.change_petition")
def petition_move(request, pk):
    petition = _petition(request, pk)
    form = forms.PetitionMoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        action = data.pop("action")
        try:
            services.petition_transition(user=request.user, petition=petition, action=action, **data)
        except (ServiceError, ValidationError) as error:
            _refused(request, error)
        else:
            messages.success(request, _("已完成「%(action)s」。") % {"action": PetitionAction(action).label})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(petition.get_absolute_url())


# --- registers --------------------------------------------------------------------------------

REGISTERS = {
    "organisation": (EExchangeOrganisation, forms.OrganisationForm, _lazy("公文電子交換民間組織"), "registered_on"),
    "dataset": (OpenDataSet, forms.DataSetForm, _lazy("開放資料集"), "published_on"),
    "gazette": (GazetteIssue, forms.GazetteForm, _lazy("電子公報"), "issue_on"),
    "meeting": (MunicipalMeeting, forms.MeetingForm, _lazy("市政會議"), "held_on"),
}


def register_list(request, kind):
    model, _form, title, date_field = REGISTERS[kind]
    if not request.user.has_perm(f"documents.view_{model._meta.model_name}"):
        raise Http404
    year = year_param(request)
    queryset = model.objects.restrict(request.user, "view")
    if year and kind in ("organisation", "dataset"):
        # In force at the end of the year: what the annual report counts.
        end_field = "withdrawn_on"
        last = f"{year}-12-31"
        queryset = queryset.filter(**{f"{date_field}__lte": last}).exclude(**{f"{end_field}__lte": last})
    elif year:
        queryset = queryset.filter(**{f"{date_field}__year": year})
    if kind == "meeting" and request.GET.get("kind") in MeetingKind.values:
        queryset = queryset.filter(kind=request.GET["kind"])
    queryset, _ordering = column_ordering(request, queryset.order_by(f"-{date_field}", "-id"), (date_field,))
    return list_page(
        request,
        queryset=queryset,
        template="documents/register_list.html",
        context={
            "kind": kind,
            "title": title,
            "year": year,
            "form": _form() if request.user.has_perm(f"documents.add_{model._meta.model_name}") else None,
            "generate_form": forms.GenerateGazetteForm() if kind == "gazette" else None,
            "count": queryset.count(),
        },
    )


def _register_view(kind):
    @permission_required(f"documents.view_{REGISTERS[kind][0]._meta.model_name}")
    def view(request):
        if request.method == "POST":
            model, form_class, _title, _d = REGISTERS[kind]
            if not request.user.has_perm(f"documents.add_{model._meta.model_name}"):
                raise Http404
            form = form_class(request.POST, request.FILES)
            if form.is_valid():
                record = form.save(commit=False)
                record.created_by = request.user
                record.save()
                messages.success(request, _("已新增「%(r)s」。") % {"r": record})
            else:
                for name, errors in form.errors.items():
                    for error in errors:
                        messages.error(request, f"{form.fields[name].label if name in form.fields else ''} {error}")
            return redirect(request.path)
        return register_list(request, kind)

    return view


organisation_list = _register_view("organisation")
dataset_list = _register_view("dataset")
gazette_list = _register_view("gazette")
meeting_list = _register_view("meeting")


@require_POST
@permission_required("documents.add_gazetteissue")
def gazette_generate(request):
    form = forms.GenerateGazetteForm(request.POST)
    if form.is_valid():
        year = form.cleaned_data["year"]
        created = services.gazette_generate(user=request.user, year=year)
        messages.success(
            request,
            _("已依「每週一、四出刊」產生 %(y)s 年 %(n)s 期（未出刊）。") % {"y": year - 1911, "n": len(created)},
        )
        return redirect(f"{reverse('documents:gazette-list')}?year={year}")
    return redirect("documents:gazette-list")


@permission_required("documents.import_office_calendar")
def calendar_import(request):
    form = forms.CalendarImportForm(
        request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year + 1}
    )
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = import_office_calendar(data["file"].read(), year=data["year"], dry_run=data["dry_run"])
        except CalendarFileError as error:
            for message in error.errors:
                form.add_error("file", message)
        else:
            messages.success(request, (_("（僅檢查）") if data["dry_run"] else "") + result.summary())
    return render(request, "documents/calendar_import.html", {"form": form, "result": result})
