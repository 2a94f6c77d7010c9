"""The international affairs officer's pages. Views validate and delegate: writes in services,
reads in selectors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from international import selectors, services
from international.choices import GiftReportStatus
from international.filters import ActivityFilterSet, CityFilterSet, GiftFilterSet, VisitFilterSet
from international.forms import (
    ActivityForm,
    AgreementForm,
    AppointmentForm,
    CityForm,
    GiftDecisionForm,
    GiftForm,
    GiftReportForm,
    MissionContactForm,
    PartnershipEndForm,
    UnmaskForm,
    VisitForm,
)
from international.models import UNMASK_PERMISSION, City, Dignitary, ForeignMission, Gift, Partnership, VisitCase
from kaohsiung_admin.core.errors import ServiceError, add_to_form, messages_for
from kaohsiung_admin.core.exports import Column
from kaohsiung_admin.core.pages import list_page, permission_required, redirect_next, year_param
from kaohsiung_admin.core.personal_data import log_full_view, mask_name, masked_values, user_may_unmask
from kaohsiung_admin.core.templatetags.bureau_format import column_ordering


def _filtered(filterset_class, request, queryset):
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    return filterset, (filterset.qs if filterset.is_valid() else queryset.none())


def _save(request, form, create):
    """Run a service with the form's data; its refusal lands on the form."""
    try:
        return create(form.cleaned_data)
    except (ServiceError, ValidationError) as error:
        add_to_form(form, error)
        return None


# --- cities --------------------------------------------------------------------------------------

CITY_COLUMNS = [
    Column("區域", lambda c: c.country.get_region_display()),
    Column("國家", "country.name_zh"),
    Column("城市", "name_zh"),
    Column("當地或英文名稱", "name_local"),
    Column("締盟類型", lambda c: ((t := selectors.current_tie(c)) and t.get_kind_display()) or ""),
    Column("締盟日期", lambda c: ((t := selectors.current_tie(c)) and t.established_on) or ""),
    Column("序號", lambda c: ((t := selectors.current_tie(c)) and t.ordinal) or ""),
]


@permission_required("international.view_city")
def city_list(request):
    """The world list: cities grouped by region and country, with their tie and its ordinal."""
    filterset, queryset = _filtered(CityFilterSet, request, selectors.city_list(user=request.user))
    on = timezone.localdate()
    return list_page(
        request,
        queryset=queryset,
        template="international/city_list.html",
        context={
            "filter": filterset,
            "in_force": selectors.partner_count(on),
            "newest": selectors.newest_ordinal(on),
        },
        columns=CITY_COLUMNS,
        filename="cities",
    )


@permission_required("international.view_city")
def city_detail(request, pk: int):
    try:
        city = selectors.city_detail(user=request.user, pk=pk)
    except City.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "international/city_detail.html",
        {
            "city": city,
            "tie": selectors.current_tie(city),
            "agreements": selectors.agreement_list(user=request.user).filter(cities=city),
            "timeline": selectors.city_timeline(city),
            "gifts": selectors.gift_list(user=request.user).filter(city=city)[:50],
            "end_form": PartnershipEndForm(),
        },
    )


@require_POST
@permission_required("international.change_partnership")
def partnership_end(request, pk: int):
    """End a tie: its ordinal and the others' stay, the count in force drops."""
    tie = get_object_or_404(Partnership.objects.restrict(request.user, "change"), pk=pk)
    form = PartnershipEndForm(request.POST)
    if form.is_valid():
        try:
            services.partnership_end(
                user=request.user,
                partnership=tie,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            for message in messages_for(error):
                messages.error(request, message)
        else:
            messages.success(request, _("已登錄終止締盟。"))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("international:city-detail", tie.city_id)


@permission_required("international.add_city")
def city_create(request):
    form = CityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        city = _save(request, form, lambda d: services.city_create(user=request.user, **d))
        if city is not None:
            messages.success(request, _("已新增城市「%(name)s」。") % {"name": city.name_zh})
            return redirect(city)
    return render(request, "international/form.html", {"form": form, "title": _("新增城市")})


@permission_required("international.view_partnership")
def anniversaries(request):
    """This year's and next year's 5-year anniversaries, and the next twelve months."""
    today = timezone.localdate()
    year = year_param(request, default=today.year)
    return render(
        request,
        "international/anniversaries.html",
        {
            "year": year,
            "this_year": selectors.anniversaries(year),
            "next_year": selectors.anniversaries(year + 1),
            "upcoming": selectors.upcoming_anniversaries(today),
            "today": today,
        },
    )


@permission_required("international.add_agreement")
def agreement_create(request):
    form = AgreementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agreement = _save(request, form, lambda d: services.agreement_sign(user=request.user, **d))
        if agreement is not None:
            messages.success(request, _("已登錄協定「%(title)s」。") % {"title": agreement.title})
            first = data["cities"][0]
            return redirect("international:city-detail", first.pk)
    return render(request, "international/form.html", {"form": form, "title": _("登錄協定"), "multipart": True})


# --- visits --------------------------------------------------------------------------------------

VISIT_COLUMNS = [
    Column("案號", "number"),
    Column("來訪日期", "arrived_on"),
    Column("離開日期", "left_on"),
    Column("訪團", "delegation"),
    Column("國家", lambda v: "、".join(c.name_zh for c in v.countries.all())),
    Column("人數", "persons"),
    Column("接見層級", lambda v: v.get_host_level_display()),
    Column("接見人", "hosts"),
    Column("聯絡人", "contact_name", mask=mask_name),
]


@permission_required("international.view_visitcase")
def visit_list(request):
    filterset, queryset = _filtered(VisitFilterSet, request, selectors.visit_list(user=request.user))
    from django.db.models import Sum

    totals = queryset.order_by().aggregate(persons=Sum("persons"))
    return list_page(
        request,
        queryset=queryset,
        template="international/visit_list.html",
        context={"filter": filterset, "persons": totals["persons"] or 0},
        columns=VISIT_COLUMNS,
        filename="visits",
    )


@permission_required("international.add_visitcase")
def visit_create(request):
    initial = {}
    city_id = request.GET.get("city", "").strip()
    if city_id.isdigit() and len(city_id) < 12 and (city := City.objects.filter(pk=int(city_id)).first()):
        initial = {"city": city, "countries": [city.country]}
    form = VisitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        visit = _save(request, form, lambda d: services.visit_record(user=request.user, **d))
        if visit is not None:
            messages.success(request, _("已登錄訪賓接待 %(number)s。") % {"number": visit.number})
            return redirect(visit)
    return render(request, "international/form.html", {"form": form, "title": _("登錄訪賓接待")})


@permission_required("international.change_visitcase")
def visit_update(request, pk: int):
    visit = get_object_or_404(VisitCase.objects.restrict(request.user, "change"), pk=pk)
    form = VisitForm(request.POST or None, instance=visit)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        saved = _save(request, form, lambda d: services.visit_update(user=request.user, visit=visit, **data))
        if saved is not None:
            messages.success(request, _("已更新訪賓接待 %(number)s。") % {"number": saved.number})
            return redirect(saved)
    # the form shows the contact in full to edit it: a full view, logged like an unmasking
    log_full_view(
        user=request.user,
        record=visit,
        fields=list(VisitCase.personal_fields),
        reason=_("修改訪賓接待 %(number)s") % {"number": visit.number},
    )
    response = render(request, "international/form.html", {"form": form, "title": _("修改訪賓接待")})
    response["Cache-Control"] = "no-store"  # full personal data: never kept by a browser or proxy
    return response


@permission_required("international.view_visitcase")
def visit_detail(request, pk: int):
    visit = get_object_or_404(
        VisitCase.objects.restrict(request.user, "view")
        .select_related("city", "mission")
        .prefetch_related("countries"),
        pk=pk,
    )
    full = False
    form = UnmaskForm(request.POST or None)
    if request.method == "POST":
        if not user_may_unmask(request.user, UNMASK_PERMISSION):
            raise Http404
        if form.is_valid():
            log_full_view(
                user=request.user,
                record=visit,
                fields=list(VisitCase.personal_fields),
                reason=form.cleaned_data["reason"],
            )
            full = True
    return render(
        request,
        "international/visit_detail.html",
        {
            "visit": visit,
            "masked": masked_values(visit),
            "full": full,
            "unmask_form": form,
            "may_unmask": user_may_unmask(request.user, UNMASK_PERMISSION),
            "gifts": visit.gifts.all(),
        },
    )


# --- activities ----------------------------------------------------------------------------------

ACTIVITY_COLUMNS = [
    Column("日期", "starts_on"),
    Column("結束", "ends_on"),
    Column("類別", lambda a: a.get_kind_display()),
    Column("名稱", "title"),
    Column("城市", lambda a: "、".join(c.name_zh for c in a.cities.all())),
    Column("參加人數", "participants"),
    Column("捐贈", lambda a: "、".join(str(i) for i in a.donation_items.all())),
]


@permission_required("international.view_exchangeactivity")
def activity_list(request):
    filterset, queryset = _filtered(ActivityFilterSet, request, selectors.activity_list(user=request.user))
    return list_page(
        request,
        queryset=queryset,
        template="international/activity_list.html",
        context={"filter": filterset},
        columns=ACTIVITY_COLUMNS,
        filename="activities",
    )


@permission_required("international.add_exchangeactivity")
def activity_create(request):
    initial = {}
    if (city_id := request.GET.get("city", "")).isdigit() and len(city_id) < 12:
        initial["cities"] = City.objects.filter(pk=int(city_id))
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        activity = _save(request, form, lambda d: services.activity_record(user=request.user, **d))
        if activity is not None:
            messages.success(request, _("已登錄交流活動「%(title)s」。") % {"title": activity.title})
            cities = list(activity.cities.all()[:1])
            return redirect(cities[0]) if cities else redirect("international:activity-list")
    return render(request, "international/form.html", {"form": form, "title": _("登錄交流活動")})


# --- gifts ---------------------------------------------------------------------------------------

GIFT_COLUMNS = [
    Column("日期", "date"),
    Column("收受／致贈", lambda g: g.get_direction_display()),
    Column("禮品", "description"),
    Column("數量", "quantity"),
    Column("估計價值", "estimated_value"),
    Column("對象", "counterpart_label"),
    Column("存放處", "kept_at"),
    Column("簽報狀態", lambda g: g.get_report_status_display()),
    Column("簽報期限", "report_due_on"),
    Column("處理方式", lambda g: g.get_disposition_display()),
]


@permission_required("international.view_gift")
def gift_list(request):
    filterset, queryset = _filtered(GiftFilterSet, request, selectors.gift_list(user=request.user))
    return list_page(
        request,
        queryset=queryset,
        template="international/gift_list.html",
        context={
            "filter": filterset,
            "overdue": Gift.objects.restrict(request.user, "view").overdue().count(),
            "due_soon": Gift.objects.restrict(request.user, "view").due_soon().count(),
            "report_form": GiftReportForm(initial={"reported_on": timezone.localdate()}),
            "decision_form": GiftDecisionForm(),
            "statuses": GiftReportStatus,
        },
        columns=GIFT_COLUMNS,
        filename="gifts",
    )


@permission_required("international.add_gift")
def gift_create(request):
    form = GiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        gift = _save(request, form, lambda d: services.gift_record(user=request.user, **d))
        if gift is not None:
            messages.success(
                request, _("已登錄禮品「%(item)s」：%(rule)s") % {"item": gift.description, "rule": gift.rule}
            )
            return redirect("international:gift-list")
    return render(request, "international/form.html", {"form": form, "title": _("登錄禮品")})


def _gift_action(request, pk: int, form_class, act):
    gift = get_object_or_404(Gift.objects.restrict(request.user, "change"), pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect_next(request, "/international/gifts/")
    try:
        act(gift, form.cleaned_data)
    except ServiceError as error:
        for message in messages_for(error):
            messages.error(request, message)
    else:
        messages.success(request, _("已更新禮品「%(item)s」。") % {"item": gift.description})
    return redirect_next(request, "/international/gifts/")


@require_POST
@permission_required("international.change_gift")
def gift_report(request, pk: int):
    return _gift_action(request, pk, GiftReportForm, lambda g, d: services.gift_report(user=request.user, gift=g, **d))


@require_POST
@permission_required("international.change_gift")
def gift_decide(request, pk: int):
    return _gift_action(
        request, pk, GiftDecisionForm, lambda g, d: services.gift_decide(user=request.user, gift=g, **d)
    )


# --- missions ------------------------------------------------------------------------------------


# The mission list's column headings ({% sort_header %}).
MISSION_ORDERING = ("country__name_zh", "name_zh", "contact_count")


@permission_required("international.view_foreignmission")
def mission_list(request):
    queryset, _ordering = column_ordering(request, selectors.mission_list(user=request.user), MISSION_ORDERING)
    return list_page(
        request,
        queryset=queryset,
        template="international/mission_list.html",
        columns=[Column("國家", "country.name_zh"), Column("機構", "name_zh"), Column("英文名稱", "name_en")],
        filename="missions",
    )


@permission_required("international.view_foreignmission")
def mission_detail(request, pk: int):
    mission = get_object_or_404(ForeignMission.objects.restrict(request.user, "view").select_related("country"), pk=pk)
    contact_form = MissionContactForm(mission=mission, prefix="contact")
    head_form = AppointmentForm(prefix="head")
    if request.method == "POST":
        if not request.user.has_perm("international.add_missioncontact"):
            raise PermissionDenied
        if "contact-summary" in request.POST:
            contact_form = MissionContactForm(request.POST, mission=mission, prefix="contact")
            if contact_form.is_valid() and _save(
                request,
                contact_form,
                lambda d: services.mission_contact_record(user=request.user, mission=mission, **d),
            ):
                messages.success(request, _("已登錄聯繫紀錄。"))
                return redirect(mission)
        else:
            head_form = AppointmentForm(request.POST, prefix="head")
            if head_form.is_valid():
                data = head_form.cleaned_data

                def appoint(d):
                    person = Dignitary.objects.create(
                        name_zh=d["name_zh"],
                        name_local=d["name_local"],
                        country=mission.country,
                        created_by=request.user,
                    )
                    return services.appointment_record(
                        user=request.user,
                        dignitary=person,
                        mission=mission,
                        title=d["title"],
                        started_on=d["started_on"],
                    )

                if _save(request, head_form, lambda d: appoint(data)):
                    messages.success(request, _("已登錄首長異動。"))
                    return redirect(mission)
    return render(
        request,
        "international/mission_detail.html",
        {
            "mission": mission,
            **selectors.mission_history(mission),
            "contact_form": contact_form,
            "head_form": head_form,
        },
    )
