"""The dormitory & asset clerk's pages. Views validate and delegate: writes in services.py,
reads in selectors.py. Managers read every page; only clerks see the write forms."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dormitories import exports, forms, labels, rules, selectors, services
from dormitories.choices import (
    DISPOSAL_STAGES_AFTER,
    ApplicationStatus,
    CheckRoundStatus,
    Finding,
    OccupancyStatus,
    StockResult,
    StocktakingStatus,
)
from dormitories.filters import (
    ApplicationFilterSet,
    AssetFilterSet,
    CheckRoundFilterSet,
    DormitoryFilterSet,
    LendingFilterSet,
    OccupancyFilterSet,
    RepairFilterSet,
    StocktakingFilterSet,
)
from dormitories.importing import HEADERS, import_assets
from dormitories.models import (
    UNMASK_PERMISSION,
    Asset,
    CheckItem,
    CheckRound,
    Disposal,
    Dormitory,
    Occupancy,
    OccupancyApplication,
    Repair,
    StocktakingRound,
)
from kaohsiung_admin.core.errors import ServiceError, add_to_form, messages_for
from kaohsiung_admin.core.exports import FORMATS, export_response
from kaohsiung_admin.core.pages import list_page, paginate, permission_required, redirect_next
from kaohsiung_admin.core.personal_data import log_full_view, log_full_views, masked_values, user_may_unmask


def _filtered(filterset_class, request, queryset):
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    if filterset.is_bound and not filterset.is_valid():
        rows = queryset.none()
    return filterset, rows


def _list(request, *, template, filterset, rows, columns=None, filename="export", context=None):
    """One page, or the whole filtered list as CSV/XLSX (?export=csv|xlsx): core's list_page."""
    return list_page(
        request,
        queryset=rows,
        template=template,
        columns=columns,
        filename=filename,
        context={"filter": filterset, **(context or {})},
    )


def _refused(request, error):
    for message in messages_for(error):
        messages.error(request, message)


# --- dashboard --------------------------------------------------------------------------------


@permission_required("dormitories.view_dormitory")
def index(request):
    return render(
        request,
        "dormitories/index.html",
        {
            "counts": selectors.dashboard_counts(user=request.user),
            "move_out": selectors.occupancy_list(user=request.user).due_within(soon=rules.MOVE_OUT_SOON)[:10],
            "move_out_limit": rules.MOVE_OUT,
        },
    )


# --- dormitories ------------------------------------------------------------------------------


@permission_required("dormitories.view_dormitory")
def dormitory_list(request):
    filterset, rows = _filtered(DormitoryFilterSet, request, selectors.dormitory_list(user=request.user))
    return _list(
        request,
        template="dormitories/dormitory_list.html",
        filterset=filterset,
        rows=rows,
        columns=exports.DORMITORY_COLUMNS,
        filename="dormitories",
    )


@permission_required("dormitories.view_dormitory")
def dormitory_detail(request, pk: int):
    dormitory = get_object_or_404(Dormitory.objects.restrict(request.user, "view"), pk=pk)
    occupancies = list(dormitory.occupancies.order_by("-start_on"))
    return render(
        request,
        "dormitories/dormitory_detail.html",
        {
            "dormitory": dormitory,
            "occupancies": [(o, masked_values(o)) for o in occupancies],
            "repairs": dormitory.repairs.order_by("-reported_on")[:20],
            "checks": dormitory.check_items.select_related("round").order_by("-round__year", "-round__month")[:10],
            "lendings": dormitory.lendings.order_by("-start_at")[:10],
            "disposal": Disposal.objects.filter(dormitory=dormitory).prefetch_related("steps").first(),
            "history": dormitory.history.select_related("history_user").order_by("-history_date")[:20],
            "occupancy_form": forms.OccupancyForm() if request.user.has_perm("dormitories.add_occupancy") else None,
        },
    )


@permission_required("dormitories.add_dormitory")
def dormitory_create(request):
    form = forms.DormitoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dormitory = services.dormitory_create(by=request.user, **form.cleaned_data)
        except (ServiceError, ValidationError) as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已新增宿舍「%(name)s」。") % {"name": dormitory.name})
            return redirect(dormitory)
    return render(request, "dormitories/form.html", {"form": form, "title": _("新增宿舍")})


@permission_required("dormitories.change_dormitory")
def dormitory_edit(request, pk: int):
    dormitory = get_object_or_404(Dormitory.objects.restrict(request.user, "change"), pk=pk)
    form = forms.DormitoryForm(request.POST or None, instance=dormitory)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.dormitory_update(dormitory=Dormitory.objects.get(pk=pk), by=request.user, **data)
        except (ServiceError, ValidationError) as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已更新。"))
            return redirect("dormitories:dormitory-detail", pk=pk)
    return render(request, "dormitories/form.html", {"form": form, "title": _("編輯宿舍"), "back": dormitory})


@require_POST
@permission_required("dormitories.add_disposal")
def dormitory_dispose(request, pk: int):
    dormitory = get_object_or_404(Dormitory.objects.restrict(request.user, "change"), pk=pk)
    try:
        services.disposal_list(dormitory=dormitory, listed_on=timezone.localdate(), by=request.user)
    except ServiceError as error:
        _refused(request, error)
    else:
        messages.success(request, _("已列管待處分。"))
    return redirect(dormitory)


# --- occupancies ------------------------------------------------------------------------------


@permission_required("dormitories.add_occupancy")
def occupancy_create(request, pk: int):
    dormitory = get_object_or_404(Dormitory.objects.restrict(request.user, "change"), pk=pk)
    form = forms.OccupancyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            occupancy = services.occupancy_create(dormitory=dormitory, by=request.user, **form.cleaned_data)
        except (ServiceError, ValidationError) as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已登錄借住：%(name)s。") % {"name": occupancy.occupant_name})
            return redirect(occupancy)
    return render(
        request,
        "dormitories/form.html",
        {
            "form": form,
            "title": _("登錄借住：%(name)s") % {"name": dormitory.name},
            "back": dormitory,
            "multipart": True,
        },
    )


@permission_required("dormitories.view_occupancy")
def occupancy_list(request):
    filterset, rows = _filtered(OccupancyFilterSet, request, selectors.occupancy_list(user=request.user))
    fmt = request.GET.get("export")
    if fmt in FORMATS:
        full = request.GET.get("personal_data") == "1"
        reason = (request.GET.get("reason") or "").strip()
        if full and not user_may_unmask(request.user, UNMASK_PERMISSION):
            return HttpResponse(_("您沒有匯出完整個資的權限。"), status=403, content_type="text/plain; charset=utf-8")
        if full and not reason:
            return HttpResponse(_("匯出完整個資請填寫事由。"), status=400, content_type="text/plain; charset=utf-8")
        if full:
            log_full_views(
                user=request.user,
                records=rows.all(),
                fields=list(Occupancy.personal_fields),
                reason=reason,
                channel="export",
            )
        return export_response(rows=rows, columns=exports.OCCUPANCY_COLUMNS, filename="occupancies", fmt=fmt, full=full)
    page = paginate(request, rows)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dormitories/occupancy_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "rows": [(o, masked_values(o)) for o in page.object_list],
            "export_query": query.urlencode(),
            "may_unmask": user_may_unmask(request.user, UNMASK_PERMISSION),
            "move_out_limit": rules.MOVE_OUT,
        },
    )


@permission_required("dormitories.view_occupancy")
def occupancy_detail(request, pk: int):
    occupancy = get_object_or_404(selectors.occupancy_list(user=request.user), pk=pk)
    may_unmask = user_may_unmask(request.user, UNMASK_PERMISSION)
    reveal_form = forms.RevealForm(request.POST or None) if may_unmask else None
    shown = masked_values(occupancy)
    revealed = False
    if request.method == "POST" and reveal_form is not None and reveal_form.is_valid():
        log_full_view(
            user=request.user,
            record=occupancy,
            fields=list(Occupancy.personal_fields),
            reason=reveal_form.cleaned_data["reason"],
        )
        shown = {name: getattr(occupancy, name) for name in Occupancy.personal_fields}
        revealed = True
    elif request.method == "POST" and not may_unmask:
        return HttpResponse(_("您沒有檢視完整個資的權限。"), status=403, content_type="text/plain; charset=utf-8")
    may_change = request.user.has_perm("dormitories.change_occupancy") and occupancy.status == OccupancyStatus.ACTIVE
    response = render(
        request,
        "dormitories/occupancy_detail.html",
        {
            "occupancy": occupancy,
            "shown": shown,
            "revealed": revealed,
            "reveal_form": reveal_form,
            "eligibility_form": forms.EligibilityEndForm() if may_change else None,
            "move_out_form": forms.MoveOutForm() if may_change else None,
            "checks": occupancy.check_items.select_related("round").order_by("-round__year", "-round__month"),
            "history": occupancy.history.select_related("history_user").order_by("-history_date")[:20],
            "move_out_limit": rules.MOVE_OUT,
        },
    )
    if revealed:
        response["Cache-Control"] = "no-store"
    return response


@require_POST
@permission_required("dormitories.change_occupancy")
def occupancy_eligibility(request, pk: int):
    occupancy = get_object_or_404(Occupancy.objects.restrict(request.user, "change"), pk=pk)
    form = forms.EligibilityEndForm(request.POST)
    if form.is_valid():
        try:
            services.occupancy_end_eligibility(occupancy=occupancy, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            _refused(request, error)
        else:
            messages.success(request, _("已登錄資格消滅日，遷出期限已計算。"))
    else:
        messages.error(request, _("請填寫正確的資格消滅日。"))
    return redirect(occupancy)


@require_POST
@permission_required("dormitories.change_occupancy")
def occupancy_move_out(request, pk: int):
    occupancy = get_object_or_404(Occupancy.objects.restrict(request.user, "change"), pk=pk)
    form = forms.MoveOutForm(request.POST)
    if form.is_valid():
        try:
            services.occupancy_move_out(occupancy=occupancy, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            _refused(request, error)
        else:
            messages.success(request, _("已登錄遷出。"))
    else:
        messages.error(request, _("請填寫正確的遷出日。"))
    return redirect(occupancy)


# --- applications -----------------------------------------------------------------------------


@permission_required("dormitories.view_occupancyapplication")
def application_list(request):
    may_add = request.user.has_perm("dormitories.add_occupancyapplication")
    form = forms.ApplicationForm(request.POST or None, request.FILES or None) if may_add else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.application_file(by=request.user, **form.cleaned_data)
            except (ServiceError, ValidationError) as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("已登錄申請，依申請時間排隊。"))
                return redirect("dormitories:application-list")
    queryset = selectors.application_queue(user=request.user)
    if "status" not in request.GET:
        queryset = queryset.filter(status=ApplicationStatus.QUEUED)
    filterset, rows = _filtered(ApplicationFilterSet, request, queryset)
    page = paginate(request, rows)
    return render(
        request,
        "dormitories/application_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "rows": [(a, masked_values(a)) for a in page.object_list],
            "form": form,
            "first_row": page.start_index(),
        },
    )


@permission_required("dormitories.change_occupancyapplication")
def application_allocate(request, pk: int):
    application = get_object_or_404(OccupancyApplication.objects.restrict(request.user, "change"), pk=pk)
    form = forms.AllocateForm(request.POST or None, kind=application.kind)
    if request.method == "POST" and form.is_valid():
        try:
            occupancy = services.application_allocate(application=application, by=request.user, **form.cleaned_data)
        except (ServiceError, ValidationError) as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已配住。"))
            return redirect(occupancy)
    return render(
        request,
        "dormitories/form.html",
        {
            "form": form,
            "title": _("配住：%(name)s") % {"name": application.applicant_name},
            "intro": _("排隊順位：%(n)s") % {"n": services.application_position(application) or "-"},
        },
    )


@require_POST
@permission_required("dormitories.change_occupancyapplication")
def application_close(request, pk: int):
    application = get_object_or_404(OccupancyApplication.objects.restrict(request.user, "change"), pk=pk)
    try:
        services.application_close(
            application=application,
            status=request.POST.get("status", ""),
            reason=request.POST.get("reason", ""),
            by=request.user,
        )
    except ServiceError as error:
        _refused(request, error)
    else:
        messages.success(request, _("已結案。"))
    return redirect("dormitories:application-list")


# --- occupancy checks -------------------------------------------------------------------------


@permission_required("dormitories.view_checkround")
def checkround_list(request):
    may_add = request.user.has_perm("dormitories.add_checkround")
    today = timezone.localdate()
    form = None
    if may_add:
        form = forms.CheckRoundForm(
            request.POST or None,
            initial={"year": today.year, "month": 5 if today.month <= 6 else 11, "opened_on": today},
        )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                check_round = services.check_round_open(by=request.user, **form.cleaned_data)
            except ServiceError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("已建立查考清單，共 %(n)s 戶。") % {"n": check_round.items.count()})
                return redirect(check_round)
    filterset, rows = _filtered(CheckRoundFilterSet, request, selectors.check_round_list(user=request.user))
    return _list(
        request, template="dormitories/checkround_list.html", filterset=filterset, rows=rows, context={"form": form}
    )


@permission_required("dormitories.view_checkround")
def checkround_detail(request, pk: int):
    check_round = get_object_or_404(CheckRound.objects.restrict(request.user, "view"), pk=pk)
    report = selectors.check_round_report(check_round=check_round)
    items = list(selectors.check_items(check_round=check_round))
    may_close = request.user.has_perm("dormitories.change_checkround") and check_round.status == CheckRoundStatus.OPEN
    close_form = (
        forms.CloseForm(request.POST or None, initial={"closed_on": timezone.localdate()}) if may_close else None
    )
    if request.method == "POST":
        if close_form is None:
            raise Http404
        if close_form.is_valid():
            try:
                services.check_round_close(check_round=check_round, by=request.user, **close_form.cleaned_data)
            except ServiceError as error:
                add_to_form(close_form, error)
            else:
                messages.success(request, _("查考已結束。"))
                return redirect(check_round)
    return render(
        request,
        "dormitories/checkround_detail.html",
        {
            "round": check_round,
            "items": items,
            "report": report,
            "close_form": close_form,
            "checked": sum(1 for i in items if i.finding),
        },
    )


@permission_required("dormitories.view_checkitem")
def checkitem_record(request, pk: int):
    """The phone page: one unit at the door, finding, note, photos from the camera."""
    item = get_object_or_404(
        CheckItem.objects.restrict(request.user, "view").select_related("round", "dormitory", "occupancy"), pk=pk
    )
    may_record = request.user.has_perm("dormitories.change_checkitem") and item.round.status == CheckRoundStatus.OPEN
    initial = {"checked_on": item.checked_on or timezone.localdate(), "finding": item.finding or Finding.RESIDING}
    form = forms.CheckItemForm(request.POST or None, request.FILES or None, initial={**initial, "note": item.note})
    if request.method == "POST":
        if not may_record:
            return HttpResponse(
                _("此查考已結束或您沒有登錄權限。"), status=403, content_type="text/plain; charset=utf-8"
            )
        if form.is_valid():
            try:
                services.check_item_record(item=item, by=request.user, **form.cleaned_data)
            except ServiceError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("已登錄 %(code)s 的查考結果。") % {"code": item.dormitory.code})
                following = (
                    CheckItem.objects.filter(round=item.round, finding="", dormitory__code__gt=item.dormitory.code)
                    .order_by("dormitory__code")
                    .first()
                )
                return redirect(following or item.round)
    return render(
        request,
        "dormitories/checkitem_record.html",
        {"item": item, "form": form, "may_record": may_record, "photos": item.photos.all()},
    )


@require_POST
@permission_required("dormitories.change_checkitem")
def checkitem_done(request, pk: int):
    item = get_object_or_404(CheckItem.objects.restrict(request.user, "change"), pk=pk)
    services.check_item_mark_done(item=item, by=request.user)
    return redirect_next(request, reverse("dormitories:checkround-detail", args=[item.round_id]))


# --- repairs and disposals --------------------------------------------------------------------


@permission_required("dormitories.view_repair")
def repair_list(request):
    may_add = request.user.has_perm("dormitories.add_repair")
    form = forms.RepairForm(request.POST or None) if may_add else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.repair_create(by=request.user, **data)
            except (ServiceError, ValidationError) as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("已登錄。"))
                return redirect("dormitories:repair-list")
    filterset, rows = _filtered(RepairFilterSet, request, selectors.repair_list(user=request.user))
    return _list(
        request,
        template="dormitories/repair_list.html",
        filterset=filterset,
        rows=rows,
        columns=exports.REPAIR_COLUMNS,
        filename="repairs",
        context={"form": form, "total_cost": rows.aggregate(total=Sum("cost"))["total"] or 0},
    )


@require_POST
@permission_required("dormitories.change_repair")
def repair_update(request, pk: int):
    repair = get_object_or_404(Repair.objects.restrict(request.user, "change"), pk=pk)
    form = forms.RepairUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.repair_update(repair=repair, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            _refused(request, error)
        else:
            messages.success(request, _("已更新。"))
    else:
        messages.error(request, _("輸入資料有誤。"))
    return redirect_next(request, reverse("dormitories:repair-list"))


@permission_required("dormitories.view_disposal")
def disposal_list(request):
    disposals = selectors.disposal_list(user=request.user)
    may_change = request.user.has_perm("dormitories.change_disposal")
    rows = [
        (d, forms.DisposalAdvanceForm(stages=DISPOSAL_STAGES_AFTER[d.stage], initial={"on": timezone.localdate()}))
        if may_change and d.stage in DISPOSAL_STAGES_AFTER and DISPOSAL_STAGES_AFTER[d.stage]
        else (d, None)
        for d in disposals
    ]
    return render(request, "dormitories/disposal_list.html", {"rows": rows})


@require_POST
@permission_required("dormitories.change_disposal")
def disposal_advance(request, pk: int):
    disposal = get_object_or_404(Disposal.objects.restrict(request.user, "change"), pk=pk)
    form = forms.DisposalAdvanceForm(request.POST, stages=DISPOSAL_STAGES_AFTER.get(disposal.stage, []))
    if form.is_valid():
        try:
            services.disposal_advance(disposal=disposal, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            _refused(request, error)
        else:
            messages.success(request, _("已更新處分進度。"))
    else:
        messages.error(request, _("輸入資料有誤。"))
    return redirect("dormitories:disposal-list")


# --- lendings ---------------------------------------------------------------------------------


@permission_required("dormitories.view_lending")
def lending_list(request):
    filterset, rows = _filtered(LendingFilterSet, request, selectors.lending_list(user=request.user))
    return _list(
        request,
        template="dormitories/lending_list.html",
        filterset=filterset,
        rows=rows,
        columns=exports.LENDING_COLUMNS,
        filename="lendings",
    )


@permission_required("dormitories.add_lending")
def lending_create(request):
    form = forms.LendingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lending = services.lending_request(by=request.user, **form.cleaned_data)
        except (ServiceError, ValidationError) as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已登錄借用申請。"))
            return redirect(lending)
    return render(request, "dormitories/form.html", {"form": form, "title": _("登錄場所借用申請")})


@permission_required("dormitories.view_lending")
def lending_detail(request, pk: int):
    lending = get_object_or_404(selectors.lending_list(user=request.user), pk=pk)
    may_decide = request.user.has_perm("dormitories.change_lending")
    form = forms.DecisionForm(request.POST or None) if may_decide and lending.status == "pending" else None
    if request.method == "POST":
        if request.POST.get("cancel") and may_decide:
            try:
                services.lending_cancel(lending=lending, by=request.user, reason=request.POST.get("reason", ""))
            except ServiceError as error:
                _refused(request, error)
            else:
                messages.success(request, _("已取消借用。"))
            return redirect(lending)
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.lending_decide(lending=lending, by=request.user, **form.cleaned_data)
            except ServiceError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("已審核。"))
                return redirect(lending)
    return render(
        request,
        "dormitories/lending_detail.html",
        {"lending": lending, "form": form, "may_cancel": may_decide and lending.status in ("pending", "approved")},
    )


# --- assets -----------------------------------------------------------------------------------


@permission_required("dormitories.view_asset")
def asset_list(request):
    filterset, rows = _filtered(AssetFilterSet, request, selectors.asset_list(user=request.user))
    return _list(
        request,
        template="dormitories/asset_list.html",
        filterset=filterset,
        rows=rows.order_by("number"),
        columns=exports.ASSET_COLUMNS,
        filename="assets",
    )


@permission_required("dormitories.add_asset")
def asset_create(request):
    form = forms.AssetForm(request.POST or None, initial={"acquired_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            asset = services.asset_create(by=request.user, **form.cleaned_data)
        except (ServiceError, ValidationError) as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("已登錄 %(number)s（%(kind)s）。") % {"number": asset.number, "kind": asset.get_kind_display()},
            )
            return redirect(asset)
    return render(
        request,
        "dormitories/form.html",
        {
            "form": form,
            "title": _("財產增加"),
            "intro": _("取得成本達 %(cost)s 元且使用年限 %(years)s 年以上者列為財產，其餘為物品（財物標準分類）。")
            % {"cost": f"{rules.PROPERTY_MIN_COST:,.0f}", "years": rules.PROPERTY_MIN_LIFE_YEARS},
        },
    )


@permission_required("dormitories.view_asset")
def asset_detail(request, pk: int):
    """The 財產卡: the asset and every event on it."""
    try:
        asset = selectors.asset_card(user=request.user, pk=pk)
    except Asset.DoesNotExist as exc:
        raise Http404 from exc
    may_change = request.user.has_perm("dormitories.change_asset")
    form = forms.AssetEventForm(request.POST or None) if may_change and rules.ASSET_TRANSITIONS[asset.status] else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["amount"] = data.get("amount") or 0
            if not data.get("custodian"):
                data["custodian"] = None
            try:
                services.asset_record_event(asset=asset, by=request.user, **data)
            except ServiceError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("已登錄異動。"))
                return redirect(asset)
    return render(request, "dormitories/asset_detail.html", {"asset": asset, "form": form})


@permission_required("dormitories.add_asset")
def asset_import(request):
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_assets(upload=upload, filename=upload.name, by=request.user)
        if result.ok:
            messages.success(request, _("已匯入 %(n)s 筆財產。") % {"n": f"{result.created:,}"})
            return redirect("dormitories:asset-list")
    return render(request, "dormitories/asset_import.html", {"form": form, "result": result, "headers": HEADERS})


@permission_required("dormitories.view_asset")
def asset_labels(request):
    """A printable A4 sheet of QR labels for the filtered assets (at most LABEL_LIMIT)."""
    _filterset, rows = _filtered(AssetFilterSet, request, selectors.asset_list(user=request.user))
    assets = list(rows.order_by("number")[: labels.LABEL_LIMIT + 1])
    if len(assets) > labels.LABEL_LIMIT:
        return HttpResponse(
            _("一次最多列印 %(n)s 張標籤，請縮小篩選範圍。") % {"n": labels.LABEL_LIMIT},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    pdf = labels.label_sheet_pdf(assets)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="asset-labels.pdf"'
    return response


# --- stocktaking ------------------------------------------------------------------------------


@permission_required("dormitories.view_stocktakinground")
def stocktaking_list(request):
    may_add = request.user.has_perm("dormitories.add_stocktakinground")
    today = timezone.localdate()
    form = (
        forms.StocktakingOpenForm(request.POST or None, initial={"year": today.year, "opened_on": today})
        if may_add
        else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                stock_round = services.stocktaking_open(by=request.user, **form.cleaned_data)
            except ServiceError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("已開始盤點。"))
                return redirect(stock_round)
    filterset, rows = _filtered(StocktakingFilterSet, request, selectors.stocktaking_list(user=request.user))
    return _list(
        request, template="dormitories/stocktaking_list.html", filterset=filterset, rows=rows, context={"form": form}
    )


@permission_required("dormitories.view_stocktakinground")
def stocktaking_detail(request, pk: int):
    stock_round = get_object_or_404(
        StocktakingRound.objects.restrict(request.user, "view").select_related("location"), pk=pk
    )
    may_record = (
        request.user.has_perm("dormitories.change_stocktakinground") and stock_round.status == StocktakingStatus.OPEN
    )
    form = forms.StockRecordForm(request.POST or None) if may_record else None
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if request.method == "POST":
        if form is None:
            return HttpResponse(
                _("此盤點已結束或您沒有登錄權限。"), status=403, content_type="text/plain; charset=utf-8"
            )
        if form.is_valid():
            try:
                result = services.stocktaking_record(
                    stock_round=stock_round,
                    number=form.cleaned_data["number"],
                    method=form.cleaned_data.get("method") or "typed",
                    by=request.user,
                )
            except ServiceError as error:
                if wants_json:
                    return JsonResponse({"ok": False, "detail": str(error)}, status=error.status)
                add_to_form(form, error)
            else:
                text = _record_message(result)
                if wants_json:
                    counts = selectors.stocktaking_counts(stock_round=stock_round)
                    return JsonResponse({"ok": True, "detail": text, "result": result.entry.result, "counts": counts})
                messages.success(request, text)
                return redirect(stock_round)
    return render(
        request,
        "dormitories/stocktaking_detail.html",
        {
            "round": stock_round,
            "form": form,
            "counts": selectors.stocktaking_counts(stock_round=stock_round),
            "recent": selectors.stocktaking_recent(stock_round=stock_round),
            "close_form": forms.CloseForm(initial={"closed_on": timezone.localdate()}) if may_record else None,
            "results": StockResult,
        },
    )


def _record_message(result) -> str:
    asset = result.asset
    if result.already:
        return _("%(n)s %(name)s 已盤點過。") % {"n": asset.number, "name": asset.name}
    if result.entry.result == StockResult.MISPLACED:
        return _("%(n)s %(name)s 位置不符：帳列「%(place)s」。") % {
            "n": asset.number,
            "name": asset.name,
            "place": asset.location.name,
        }
    return _("%(n)s %(name)s 相符。") % {"n": asset.number, "name": asset.name}


@require_POST
@permission_required("dormitories.change_stocktakinground")
def stocktaking_close(request, pk: int):
    stock_round = get_object_or_404(StocktakingRound.objects.restrict(request.user, "change"), pk=pk)
    form = forms.CloseForm(request.POST)
    if form.is_valid():
        try:
            services.stocktaking_close(stock_round=stock_round, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            _refused(request, error)
            return redirect(stock_round)
        messages.success(request, _("盤點已結束，未盤到的財產列為盤虧。"))
        return redirect("dormitories:stocktaking-report", pk=pk)
    messages.error(request, _("請填寫正確的結束日。"))
    return redirect(stock_round)


@permission_required("dormitories.view_stocktakinground")
def stocktaking_report(request, pk: int):
    """The discrepancy report (盤點差異表): missing and misplaced assets; exportable."""
    stock_round = get_object_or_404(
        StocktakingRound.objects.restrict(request.user, "view").select_related("location"), pk=pk
    )
    rows = selectors.stocktaking_discrepancies(stock_round=stock_round)
    fmt = request.GET.get("export")
    if fmt in FORMATS:
        return export_response(
            rows=rows, columns=exports.DISCREPANCY_COLUMNS, filename="stocktaking-discrepancies", fmt=fmt
        )
    return render(
        request,
        "dormitories/stocktaking_report.html",
        {
            "round": stock_round,
            "page_obj": paginate(request, rows),
            "counts": selectors.stocktaking_counts(stock_round=stock_round),
            "missing_value": rows.filter(result=StockResult.MISSING).aggregate(v=Sum("asset__cost"))["v"] or 0,
        },
    )


# --- statistics -------------------------------------------------------------------------------


@permission_required("dormitories.view_asset")
def statistics(request):
    """Counts and values by category at the end of a period, added and reduced in it (統計報表)."""
    today = timezone.localdate()
    form = forms.PeriodForm(request.GET or None, initial={"start": datetime.date(today.year, 1, 1), "end": today})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        start, end = datetime.date(today.year, 1, 1), today
    rows = selectors.asset_statistics(user=request.user, start=start, end=end)
    fmt = request.GET.get("export")
    if fmt in FORMATS:
        return export_response(rows=rows, columns=exports.STATISTICS_COLUMNS, filename="asset-statistics", fmt=fmt)
    totals = {
        key: sum(r[key] for r in rows)
        for key in ("count", "value", "added_count", "added_value", "reduced_count", "reduced_value")
    }
    query = request.GET.copy()
    query.pop("export", None)
    return render(
        request,
        "dormitories/statistics.html",
        {"form": form, "rows": rows, "totals": totals, "start": start, "end": end, "export_query": query.urlencode()},
    )
