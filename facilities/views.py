"""Pages of the facilities app. Views validate and delegate: writes are in services, reads in selectors."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from facilities import ical, selectors, services
from facilities.choices import BookingStatus, Center, ResourceType, VenueGroup
from facilities.filters import (
    BookingFilterSet,
    MaintenanceFilterSet,
    ParkingPermitFilterSet,
    PublicSpaceFilterSet,
    SpaceApplicationFilterSet,
    VehicleTripFilterSet,
    VenueFilterSet,
)
from facilities.forms import (
    ApplicationForm,
    BookingForm,
    CancelForm,
    ChangeForm,
    ClosureForm,
    CorrectionForm,
    CorrectionRequestForm,
    EquipmentLendForm,
    FindFreeForm,
    MaintenanceAdvanceForm,
    MaintenanceForm,
    ParkingPermitForm,
    PaymentForm,
    PublicSpaceForm,
    ReasonForm,
    TripAssignForm,
    TripForm,
    TripLogForm,
    VenuePhotoForm,
)
from facilities.models import (
    Booking,
    Closure,
    EquipmentLoan,
    MaintenanceRequest,
    ParkingPermit,
    PublicSpaceRequest,
    Resource,
    SpaceApplication,
    Vehicle,
    VehicleTrip,
    Venue,
    VenuePhoto,
)
from kaohsiung_admin.core.dates import WorkdayCalendar, in_office_calendar
from kaohsiung_admin.core.errors import ServiceError, add_to_form, messages_for
from kaohsiung_admin.core.exports import Column
from kaohsiung_admin.core.pages import list_page, paginate, permission_required, redirect_next, year_param

# Services raise core.errors.ServiceError (or a model's ValidationError): pages put it on the
# form (`add_to_form`) or in a message (`_refused`).


def _refused(request, error: ServiceError | ValidationError) -> None:
    messages.error(request, " ".join(messages_for(error)))


# --- venues, vehicles, calendars ---------------------------------------------------------------


@permission_required("facilities.view_resource")
def index(request):
    counts = dict(
        Resource.objects.filter(is_active=True).values_list("center").annotate(n=Count("id")).values_list("center", "n")
    )
    centers = [{"code": code, "label": label, "resources": counts.get(code, 0)} for code, label in Center.choices]
    venues = Venue.objects.select_related("resource").filter(resource__is_active=True)
    return render(request, "facilities/index.html", {"centers": centers, "venues": venues})


@permission_required("facilities.view_resource")
def venue_list(request):
    filterset = VenueFilterSet(request.GET, queryset=Venue.objects.select_related("resource"))
    return render(
        request, "facilities/venue_list.html", {"filter": filterset, "page_obj": paginate(request, filterset.qs)}
    )


@permission_required("facilities.view_resource")
def vehicle_list(request):
    vehicles = Vehicle.objects.select_related("resource").order_by("kind", "plate")
    return render(request, "facilities/vehicle_list.html", {"page_obj": paginate(request, vehicles)})


def _calendar_params(request):
    view = "day" if request.GET.get("view") == "day" else "week"
    try:
        day = datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = None
    if day is None or not in_office_calendar(day):
        # garbage, or a day whose week and prev/next links would run off the calendar
        day = timezone.localdate()
    step = datetime.timedelta(days=1 if view == "day" else 7)
    return view, day, step


def _nav_links(url: str, view: str, day: datetime.date, step: datetime.timedelta, extra: str = "") -> dict:
    def link(target_view, target_day):
        return f"{url}?view={target_view}&date={target_day.isoformat()}{extra}"

    return {
        "prev_url": link(view, day - step),
        "next_url": link(view, day + step),
        "today_url": link(view, timezone.localdate()),
        "week_url": link("week", day),
        "day_url": link("day", day),
    }


@permission_required("facilities.view_resource")
def resource_calendar(request, pk):
    resource = get_object_or_404(selectors.resources_with_details(), pk=pk)
    view, day, step = _calendar_params(request)
    days = [day] if view == "day" else selectors.week_days(day)
    grid = selectors.resource_calendar(resource=resource, days=days, user=request.user)
    url = reverse("facilities:resource-calendar", args=[pk])
    feed_key = ical.feed_key(resource=resource, user=request.user)
    context = {
        "resource": resource,
        "photos": _photos_of(resource),
        "grid": grid,
        "view": view,
        "day": day,
        "feed_url": request.build_absolute_uri(reverse("facilities:resource-ical", args=[pk]) + f"?key={feed_key}"),
        **_nav_links(url, view, day, step),
    }
    template = "facilities/_resource_grid.html" if request.htmx else "facilities/resource_calendar.html"
    return render(request, template, context)


@permission_required("facilities.view_resource")
def center_calendar(request, center):
    if center not in Center.values:
        raise Http404
    view, day, step = _calendar_params(request)
    resource_type = ResourceType.VEHICLE if request.GET.get("type") == "vehicle" else ResourceType.VENUE
    resources = sorted(
        selectors.resources_with_details().filter(center=center, resource_type=resource_type, is_active=True),
        key=selectors.display_order,
    )
    if view == "day":
        grid = selectors.center_day(resources=resources, day=day, user=request.user)
    else:
        grid = selectors.center_week(resources=resources, days=selectors.week_days(day), user=request.user)
    url = reverse("facilities:center-calendar", args=[center])
    context = {
        "center": center,
        "center_label": Center(center).label,
        "resource_type": resource_type,
        "grid": grid,
        "view": view,
        "day": day,
        **_nav_links(url, view, day, step, f"&type={resource_type}"),
    }
    template = "facilities/_center_grid.html" if request.htmx else "facilities/center_calendar.html"
    return render(request, template, context)


def resource_ical(request, pk):
    """The feed a calendar app subscribes to: signed-in, or with the signed key from the calendar page."""
    resource = get_object_or_404(Resource, pk=pk)
    user = request.user if request.user.is_authenticated else None
    if user is None:
        user = ical.feed_user(resource=resource, key=request.GET.get("key", ""))
        if user is None:
            raise PermissionDenied
    if not user.has_perm("facilities.view_resource"):
        raise PermissionDenied
    body = ical.resource_calendar(
        resource, show_details=user.has_perm("facilities.view_booking"), domain=request.get_host()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="resource-{resource.pk}.ics"'
    return response


@require_POST
@permission_required("facilities.view_resource")
def feed_keys_reset(request, pk):
    """「重設訂閱連結」: every calendar link issued to me so far stops working; the page shows a new one."""
    resource = get_object_or_404(Resource, pk=pk)
    ical.reset_feed_keys(user=request.user)
    messages.success(request, _("已重設您的行事曆訂閱連結：先前的連結都已失效，請在行事曆程式改用新連結。"))
    return redirect("facilities:resource-calendar", pk=resource.pk)


# --- bookings ----------------------------------------------------------------------------------

BOOKING_COLUMNS = [
    Column(gettext_lazy("編號"), "pk"),
    Column(gettext_lazy("行政中心"), "resource.center"),
    Column(gettext_lazy("場地／車輛"), "resource.name"),
    Column(gettext_lazy("開始"), "start"),
    Column(gettext_lazy("結束"), "end"),
    Column(gettext_lazy("使用分鐘"), "duration_minutes"),
    Column(gettext_lazy("活動名稱"), "title"),
    Column(gettext_lazy("申請單位"), "organiser"),
    Column(gettext_lazy("申請人"), "requested_by"),
    Column(gettext_lazy("狀態"), "status"),
    Column(gettext_lazy("使用費"), "fee"),
]


@login_required
def booking_list(request, mine=False):
    queryset = selectors.bookings_list(request.user)
    if mine:
        queryset = queryset.filter(requested_by=request.user)
    filterset = BookingFilterSet(request.GET, queryset=queryset)
    return list_page(
        request,
        queryset=filterset.qs,
        columns=BOOKING_COLUMNS,
        filename="bookings",
        template="facilities/booking_list.html",
        context={"filter": filterset, "mine": mine, "now": timezone.now()},
    )


def _book(request, form, *, preview_only: bool):
    """Create a single booking or a series; returns (response or None, preview)."""
    data = form.cleaned_data
    resource = data["resource"]
    if data.get("recurrence"):
        preview = services.series_preview(
            resource=resource,
            start=data["start"],
            end=data["end"],
            recurrence=data["recurrence"],
            until=data["until"],
            enforce_notice=not services.is_clerk(request.user),
        )
        if preview_only:
            return None, preview
        _series, booked, skipped = services.series_create(
            resource=resource,
            start=data["start"],
            end=data["end"],
            recurrence=data["recurrence"],
            until=data["until"],
            title=data["title"],
            requested_by=request.user,
            **form.booking_details(),
        )
        messages.success(
            request,
            _("已送出 %(n)s 筆重複預約；略過 %(s)s 筆無法預約的日期。") % {"n": len(booked), "s": len(skipped)},
        )
        return redirect("facilities:my-bookings"), None
    booking = services.booking_create(
        resource=resource,
        start=data["start"],
        end=data["end"],
        title=data["title"],
        requested_by=request.user,
        **form.booking_details(),
    )
    if booking.status == BookingStatus.CONFIRMED:
        messages.success(request, _("預約 #%(id)s 已核准。") % {"id": booking.pk})
    else:
        messages.success(request, _("預約申請 #%(id)s 已送出，待管理人員審核。") % {"id": booking.pk})
    return redirect(booking), None


@permission_required("facilities.add_booking")
def booking_create(request):
    preview = None
    if request.method == "POST":
        form = BookingForm(request.POST)
        if form.is_valid():
            # A series is shown first with its clashing dates; only the confirm button saves it.
            preview_only = bool(form.cleaned_data.get("recurrence")) and "confirm" not in request.POST
            try:
                response, preview = _book(request, form, preview_only=preview_only)
                if response is not None:
                    return response
            except (ServiceError, ValidationError) as exc:
                add_to_form(form, exc)
    else:
        form = BookingForm(initial=BookingForm.initial_from_query(request.GET))
    context = {"form": form, "preview": preview, **_rules_context(form)}
    if preview is not None:
        context["preview_ok"] = sum(1 for o in preview if o.ok)
    return render(request, "facilities/booking_form.html", context)


def _rules_context(form) -> dict:
    """The chosen venue's rules, and for a fixed-slot venue its slots on the chosen day as links
    that fill the form, so nobody meets the rules one error at a time."""
    raw_resource = form["resource"].value()
    raw_day = form["day"].value()
    try:
        resource = selectors.resources_with_details().get(pk=int(raw_resource), is_active=True)
    except (TypeError, ValueError, Resource.DoesNotExist):
        return {}
    try:
        day = raw_day if isinstance(raw_day, datetime.date) else datetime.date.fromisoformat(str(raw_day))
    except ValueError:
        day = None
    slot_links = []
    if day is not None and in_office_calendar(day):
        tz = timezone.get_current_timezone()
        for start, end in resource.slot_list():
            slot_links.append(
                {
                    "label": f"{start:%H:%M}–{end:%H:%M}",
                    "url": selectors.booking_form_url(
                        resource,
                        timezone.make_aware(datetime.datetime.combine(day, start), tz),
                        timezone.make_aware(datetime.datetime.combine(day, end), tz),
                    ),
                }
            )
    return {
        "rules": selectors.rules_of(resource),
        "rules_resource": resource,
        "slot_links": slot_links,
        "photos": _photos_of(resource),
    }


def _photos_of(resource) -> list:
    venue = getattr(resource, "venue", None) if resource.resource_type == ResourceType.VENUE else None
    return list(VenuePhoto.objects.filter(venue=venue).order_by("position", "pk")) if venue else []


@login_required
def booking_detail(request, pk):
    booking = get_object_or_404(
        Booking.objects.restrict(request.user, "view").select_related(
            "resource", "requested_by", "decided_by", "series", "trip", "replaces"
        ),
        pk=pk,
    )
    clerk = services.is_clerk(request.user)
    competing = []
    if clerk and booking.status == BookingStatus.PENDING:
        competing = list(
            Booking.objects.filter(
                resource=booking.resource, status__in=[BookingStatus.PENDING, BookingStatus.CONFIRMED]
            )
            .overlapping(booking.blocked_start, booking.blocked_end)
            .exclude(pk=booking.pk)
            .select_related("requested_by")
        )
    own = clerk or booking.requested_by_id == request.user.pk
    now = timezone.now()
    return render(
        request,
        "facilities/booking_detail.html",
        {
            "booking": booking,
            "clerk": clerk,
            "competing": competing,
            "can_cancel": own and services.cancel_refusal(booking, clerk=clerk) is None,
            "can_change": own and services.change_refusal(booking, clerk=clerk) is None,
            "can_restore": own and booking.can_be_restored,
            "can_check_in": own
            and booking.status == BookingStatus.CONFIRMED
            and booking.resource.checkin_required
            and not booking.checked_in_at
            and booking.start - datetime.timedelta(minutes=services.CHECKIN_OPENS_MINUTES) <= now < booking.end,
            "changes": list(booking.changes.order_by("-pk")) if own else [],
            "assign_form": TripAssignForm(
                initial={
                    "vehicle": getattr(booking.resource, "vehicle", None),
                    "driver_name": getattr(booking.trip, "driver_name", ""),
                    "driver_phone": getattr(booking.trip, "driver_phone", ""),
                }
            )
            if clerk and hasattr(booking, "trip")
            else None,
            "reason_form": ReasonForm(),
            "loans": list(booking.equipment_loans.filter(is_active=True).select_related("item")),
            "lend_form": EquipmentLendForm(center=booking.resource.center)
            if own and booking.is_open and booking.resource.resource_type == ResourceType.VENUE
            else None,
        },
    )


def _own_booking(request, pk, action="change"):
    return get_object_or_404(
        Booking.objects.restrict(request.user, action).select_related("resource", "series", "requested_by"), pk=pk
    )


@login_required
def booking_cancel(request, pk):
    """Asks once: the reason (recorded), the refund it will bring, and — for a series — whether to
    cancel every coming date. The flash message that follows offers to undo it."""
    booking = _own_booking(request, pk)
    clerk = services.is_clerk(request.user)
    refusal = services.cancel_refusal(booking, clerk=clerk)
    series_count = services.series_open_bookings(booking.series).count() if booking.series_id else 0
    form = CancelForm(request.POST or None, series_count=series_count)
    if request.method == "POST" and refusal is None and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if form.cleaned_data.get("whole_series"):
                cancelled, kept = services.series_cancel(series=booking.series, user=request.user, reason=reason)
                message = _("已取消週期預約 %(n)s 筆。") % {"n": len(cancelled)}
                if kept:
                    message += _("%(n)s 筆因已逾取消期限或已開始而保留。") % {"n": len(kept)}
                messages.success(request, message)
            else:
                booking = services.booking_cancel(
                    booking=booking, user=request.user, reason=reason, require_reason=True
                )
                message = _("預約 #%(id)s 已取消。") % {"id": booking.pk}
                if booking.refund:
                    message += _("退費 %(n)s 元。") % {"n": booking.refund}
                if booking.can_be_restored:
                    message += _("如為誤按，可於下方「復原取消」。")
                messages.success(request, message)
        except ServiceError as exc:
            add_to_form(form, exc)
        else:
            return redirect(booking)  # its page offers the undo
    status = 200
    if request.method == "POST" and (refusal or form.errors):
        status = 400 if form.errors else 409
    return render(
        request,
        "facilities/booking_cancel.html",
        {
            "booking": booking,
            "form": form,
            "refusal": refusal,
            "refund": services.refund_for(booking) if refusal is None else None,
        },
        status=status,
    )


@require_POST
@login_required
def booking_restore(request, pk):
    """Undo a cancellation (while the booking has not started and its slot is still free)."""
    booking = _own_booking(request, pk)
    try:
        booking = services.booking_restore(booking=booking, user=request.user)
    except ServiceError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request, _("已復原預約 #%(id)s（%(s)s）。") % {"id": booking.pk, "s": booking.get_status_display()}
        )
    return redirect_next(request, booking.get_absolute_url())


@login_required
def booking_change(request, pk):
    """Change time, room, head-count or title; an approved hall booking goes back to the queue
    as a change request while it keeps its old slot."""
    booking = _own_booking(request, pk)
    clerk = services.is_clerk(request.user)
    refusal = services.change_refusal(booking, clerk=clerk)
    form = ChangeForm(request.POST or None, booking=booking)
    if request.method == "POST" and refusal is None and form.is_valid():
        changes = form.changes()
        try:
            if form.cleaned_data.get("whole_series"):
                changes.pop("start"), changes.pop("end")
                results = services.series_change(
                    series=booking.series,
                    user=request.user,
                    start_time=form.cleaned_data["start_time"],
                    end_time=form.cleaned_data["end_time"],
                    **changes,
                )
                pending = sum(1 for b in results if b.is_change)
                message = _("已變更週期預約 %(n)s 筆。") % {"n": len(results)}
                if pending:
                    message += _("其中 %(n)s 筆須重新審核，審核前保留原時段。") % {"n": pending}
                messages.success(request, message)
                return redirect(booking)
            result = services.booking_change(booking=booking, user=request.user, **changes)
        except (ServiceError, ValidationError) as exc:
            add_to_form(form, exc)
        else:
            if result.pk != booking.pk:
                messages.success(
                    request,
                    _("變更申請 #%(id)s 已送出，待管理人員審核；審核前保留原預約 #%(old)s 的時段。")
                    % {"id": result.pk, "old": booking.pk},
                )
            else:
                messages.success(request, _("預約 #%(id)s 已變更。") % {"id": result.pk})
            return redirect(result)
    return render(
        request,
        "facilities/booking_change.html",
        {"booking": booking, "form": form, "refusal": refusal, "rules": selectors.rules_of(booking.resource)},
        status=400 if request.method == "POST" and form.errors else 200,
    )


@require_POST
@login_required
def booking_check_in(request, pk):
    booking = _own_booking(request, pk)
    try:
        services.booking_check_in(booking=booking, user=request.user)
    except ServiceError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("預約 #%(id)s 已報到。") % {"id": booking.pk})
    return redirect_next(request, booking.get_absolute_url())


@permission_required("facilities.decide_booking")
def booking_queue(request):
    """Pending requests, the nearest decision day first (then the oldest), each with how many
    others compete for its time; a change request shows the booking it would replace."""
    pending = (
        Booking.objects.pending()
        .filter(end__gt=timezone.now())
        .select_related("resource", "requested_by", "replaces", "trip")
        .annotate(
            competing=Count(
                "resource__bookings",
                filter=Q(
                    resource__bookings__status__in=[BookingStatus.PENDING, BookingStatus.CONFIRMED],
                    # bounded on `start` so that the join reads an index range, not a resource's history
                    resource__bookings__start__gt=F("start") - datetime.timedelta(days=8),
                    resource__bookings__start__lt=F("end") + datetime.timedelta(days=1),
                    resource__bookings__blocked_start__lt=F("blocked_end"),
                    resource__bookings__blocked_end__gt=F("blocked_start"),
                )
                & ~Q(resource__bookings__pk=F("pk")),
            )
        )
        .order_by(F("decision_due_on").asc(nulls_last=True), "created_at", "pk")
    )
    page = paginate(request, pending)
    calendar = WorkdayCalendar()  # one read of the overrides for the whole page
    for booking in page.object_list:
        booking.due_on = booking.decision_due(calendar)
    return render(request, "facilities/booking_queue.html", {"page_obj": page, "reason_form": ReasonForm()})


@require_POST
@permission_required("facilities.decide_booking")
def booking_decide(request, pk, approve: bool):
    booking = get_object_or_404(Booking.objects.select_related("resource"), pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if approve:
            services.booking_approve(booking=booking, user=request.user, reason=reason)
            messages.success(request, _("已核准預約 #%(id)s，並通知申請人。") % {"id": booking.pk})
        else:
            services.booking_reject(booking=booking, user=request.user, reason=reason)
            messages.success(request, _("已不核准預約 #%(id)s，並通知申請人。") % {"id": booking.pk})
    except ServiceError as exc:
        _refused(request, exc)
    return redirect_next(request, reverse("facilities:booking-queue"))


@permission_required("facilities.view_resource")
def find_free(request):
    """找空場地: which halls are free for a time, a head-count and equipment, and why the others are not."""
    form = FindFreeForm(request.GET or None)
    candidates = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        candidates = selectors.free_resources(
            start=data["start"],
            end=data["end"],
            attendees=data.get("attendees") or 0,
            equipment=data.get("equipment") or [],
            center=data.get("center") or "",
            enforce_notice=not services.is_clerk(request.user),
        )
    return render(
        request,
        "facilities/find_free.html",
        {
            "form": form,
            "candidates": candidates,
            "free_count": sum(1 for c in candidates if c.free) if candidates is not None else 0,
        },
    )


# --- vehicles ----------------------------------------------------------------------------------

TRIP_COLUMNS = [
    Column(gettext_lazy("編號"), "pk"),
    Column(gettext_lazy("車輛"), "booking.resource.vehicle"),
    Column(gettext_lazy("出車"), "booking.start"),
    Column(gettext_lazy("回場"), "booking.end"),
    Column(gettext_lazy("目的地"), "destination"),
    Column(gettext_lazy("事由"), "booking.title"),
    Column(gettext_lazy("乘車人數"), "passengers"),
    Column(gettext_lazy("申請人"), "booking.requested_by"),
    Column(gettext_lazy("狀態"), "booking.status"),
    Column(gettext_lazy("出車里程"), "odometer_start"),
    Column(gettext_lazy("回場里程"), "odometer_end"),
    Column(gettext_lazy("行駛公里"), "distance_km"),
]


@login_required
def trip_list(request):
    filterset = VehicleTripFilterSet(request.GET, queryset=selectors.trips_list(request.user))
    return list_page(
        request,
        queryset=filterset.qs,
        columns=TRIP_COLUMNS,
        filename="vehicle-trips",
        template="facilities/trip_list.html",
        context={"filter": filterset},
    )


@permission_required("facilities.add_vehicletrip")
def trip_create(request):
    """派車申請 by kind: any free car of the kind with the seats is dispatched."""
    if request.method == "POST":
        form = TripForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                trip = services.trip_request_by_kind(
                    kind=data["kind"],
                    center=data["center"],
                    start=data["start"],
                    end=data["end"],
                    destination=data["destination"],
                    title=data["title"],
                    passengers=data["passengers"],
                    passenger_names=data["passenger_names"],
                    contact_phone=data["contact_phone"],
                    requested_by=request.user,
                )
            except (ServiceError, ValidationError) as exc:
                add_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("派車申請 #%(id)s 已送出（暫派 %(car)s），待管理人員核派。")
                    % {"id": trip.booking_id, "car": trip.booking.resource.vehicle},
                )
                return redirect(trip.booking)
    else:
        form = TripForm(initial=TripForm.initial_from_query(request.GET))
    return render(request, "facilities/trip_form.html", {"form": form})


@require_POST
@permission_required("facilities.decide_booking")
def trip_assign(request, pk):
    trip = get_object_or_404(VehicleTrip.objects.select_related("booking__resource"), pk=pk)
    form = TripAssignForm(request.POST)
    if form.is_valid():
        try:
            services.trip_assign(trip=trip, user=request.user, **form.cleaned_data)
        except ServiceError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("派車 #%(id)s 已指派車輛及駕駛。") % {"id": trip.booking_id})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(trip.booking)


@permission_required("facilities.change_vehicletrip")
def trip_log(request, pk):
    trip = get_object_or_404(VehicleTrip.objects.select_related("booking__resource__vehicle"), pk=pk)
    not_yet = trip.booking.start > timezone.now()
    if request.method == "POST":
        form = TripLogForm(request.POST)
        if form.is_valid():
            try:
                services.trip_log(trip=trip, **form.cleaned_data)
            except ServiceError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("行車紀錄已儲存。"))
                return redirect("facilities:trip-list")
    else:
        form = TripLogForm(
            initial={
                "odometer_start": trip.odometer_start if trip.odometer_start is not None else _last_odometer(trip),
                "odometer_end": trip.odometer_end,
                "departed_at": trip.departed_at and timezone.localtime(trip.departed_at),
                "returned_at": trip.returned_at and timezone.localtime(trip.returned_at),
                "fuel_out": trip.fuel_out,
                "fuel_in": trip.fuel_in,
                "damage_out": trip.damage_out,
                "damage_in": trip.damage_in,
                "note": trip.log_note,
            }
        )
    return render(request, "facilities/trip_log.html", {"form": form, "trip": trip, "not_yet": not_yet})


def _last_odometer(trip: VehicleTrip) -> int | None:
    """The car's last return reading: where this trip's reading should start."""
    return (
        VehicleTrip.objects.filter(booking__resource_id=trip.booking.resource_id, odometer_end__isnull=False)
        .exclude(pk=trip.pk)
        .order_by("-booking__start")
        .values_list("odometer_end", flat=True)
        .first()
    )


@permission_required("facilities.change_vehicle")
def fleet_register(request):
    """公務車輛登記: age, mileage, trips and cost per car, for the yearly vehicle budget review."""
    year = min(max(year_param(request, default=timezone.localdate().year), 2000), 2100)
    rows = selectors.fleet_register(year)
    totals = {
        "trips": sum(r["trips"] for r in rows),
        "km": sum(r["km"] for r in rows),
        "annual_cost": sum(r["vehicle"].annual_cost for r in rows),
        "purchase_cost": sum(r["vehicle"].purchase_cost for r in rows),
    }
    return render(
        request,
        "facilities/fleet_register.html",
        {"year": year, "rows": rows, "totals": totals, "prev_year": year - 1, "next_year": year + 1},
    )


# --- maintenance -------------------------------------------------------------------------------

MAINTENANCE_COLUMNS = [
    Column(gettext_lazy("編號"), "pk"),
    Column(gettext_lazy("受理時間"), "received_at"),
    Column(gettext_lazy("行政中心"), "center"),
    Column(gettext_lazy("類別"), "category"),
    Column(gettext_lazy("地點"), "location"),
    Column(gettext_lazy("狀況說明"), "description"),
    Column(gettext_lazy("報修單位"), "reporter_unit"),
    Column(gettext_lazy("狀態"), "status"),
    Column(gettext_lazy("維修廠商／人員"), "contractor"),
    Column(gettext_lazy("完工時間"), "completed_at"),
]


@login_required
def maintenance_list(request):
    filterset = MaintenanceFilterSet(request.GET, queryset=selectors.maintenance_list(request.user))
    return list_page(
        request,
        queryset=filterset.qs,
        columns=MAINTENANCE_COLUMNS,
        filename="maintenance-requests",
        template="facilities/maintenance_list.html",
        context={"filter": filterset},
    )


@permission_required("facilities.add_maintenancerequest")
def maintenance_create(request):
    form = MaintenanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = services.maintenance_create(requested_by=request.user, **form.cleaned_data)
        messages.success(request, _("報修 #%(id)s 已受理。") % {"id": item.pk})
        return redirect(item)
    return render(request, "facilities/maintenance_form.html", {"form": form})


@login_required
def maintenance_detail(request, pk):
    item = get_object_or_404(
        MaintenanceRequest.objects.restrict(request.user, "view").select_related("requested_by"), pk=pk
    )
    form = MaintenanceAdvanceForm(request.POST or None, request=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.maintenance_advance(request=item, user=request.user, **form.cleaned_data)
        except ServiceError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("報修 #%(id)s 狀態已更新。") % {"id": item.pk})
            return redirect(item)
    return render(
        request,
        "facilities/maintenance_detail.html",
        {"item": item, "form": form, "can_change": request.user.has_perm("facilities.change_maintenancerequest")},
    )


# --- parking permits ---------------------------------------------------------------------------

PERMIT_COLUMNS = [
    Column(gettext_lazy("證號"), "number"),
    Column(gettext_lazy("行政中心"), "center"),
    Column(gettext_lazy("車牌號碼"), "plate"),
    Column(gettext_lazy("申請人／單位"), "holder"),
    Column(gettext_lazy("事由"), "purpose"),
    Column(gettext_lazy("使用日期"), "valid_on"),
    Column(gettext_lazy("核發日期"), "issued_on"),
]


@permission_required("facilities.view_parkingpermit")
def permit_list(request):
    filterset = ParkingPermitFilterSet(request.GET, queryset=ParkingPermit.objects.order_by("-issued_on", "-number"))
    return list_page(
        request,
        queryset=filterset.qs,
        columns=PERMIT_COLUMNS,
        filename="parking-permits",
        template="facilities/permit_list.html",
        context={"filter": filterset},
    )


@permission_required("facilities.add_parkingpermit")
def permit_create(request):
    form = ParkingPermitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        permit = services.permit_issue(user=request.user, **form.cleaned_data)
        messages.success(request, _("已核發臨時停車證 %(n)s。") % {"n": permit.number})
        return redirect("facilities:permit-print", pk=permit.pk)
    return render(request, "facilities/permit_form.html", {"form": form})


@permission_required("facilities.view_parkingpermit")
def permit_print(request, pk):
    """The permit as printed and laid behind the windscreen."""
    permit = get_object_or_404(ParkingPermit.objects.select_related("issued_by"), pk=pk)
    return render(request, "facilities/permit_print.html", {"permit": permit})


# --- public-space requests ---------------------------------------------------------------------

PUBLIC_SPACE_COLUMNS = [
    Column(gettext_lazy("編號"), "pk"),
    Column(gettext_lazy("類別"), "kind"),
    Column(gettext_lazy("行政中心"), "center"),
    Column(gettext_lazy("申請機關學校"), "agency"),
    Column(gettext_lazy("主題"), "title"),
    Column(gettext_lazy("起日"), "start_date"),
    Column(gettext_lazy("迄日"), "end_date"),
    Column(gettext_lazy("狀態"), "status"),
]


@login_required
def publicspace_list(request):
    queryset = PublicSpaceRequest.objects.restrict(request.user, "view").order_by("-start_date", "-pk")
    filterset = PublicSpaceFilterSet(request.GET, queryset=queryset)
    return list_page(
        request,
        queryset=filterset.qs,
        columns=PUBLIC_SPACE_COLUMNS,
        filename="public-space-requests",
        template="facilities/publicspace_list.html",
        context={
            "filter": filterset,
            "can_decide": request.user.has_perm("facilities.change_publicspacerequest"),
            "reason_form": ReasonForm(),
        },
    )


@permission_required("facilities.add_publicspacerequest")
def publicspace_create(request):
    form = PublicSpaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.requested_by = item.created_by = request.user
        item.save()
        messages.success(request, _("申請 #%(id)s 已送出。") % {"id": item.pk})
        return redirect("facilities:publicspace-list")
    return render(request, "facilities/publicspace_form.html", {"form": form})


@require_POST
@permission_required("facilities.change_publicspacerequest")
def publicspace_decide(request, pk):
    item = get_object_or_404(PublicSpaceRequest, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.public_space_decide(request=item, user=request.user, approve="approve" in request.POST, reason=reason)
    except ServiceError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("申請 #%(id)s 已審核。") % {"id": item.pk})
    return redirect("facilities:publicspace-list")


# --- catalogue: venue photos, equipment lent with a booking ---------------------------------------


@permission_required("facilities.view_resource")
def venue_photos(request, pk):
    """會場現況照片 of a venue; a clerk uploads new ones here (or in the admin)."""
    venue = get_object_or_404(Venue.objects.select_related("resource"), pk=pk)
    can_upload = request.user.has_perm("facilities.add_venuephoto")
    form = VenuePhotoForm(request.POST or None, request.FILES or None) if can_upload else None
    if request.method == "POST":
        if not can_upload:
            raise PermissionDenied
        if form.is_valid():
            photo = form.save(commit=False)
            photo.venue = venue
            photo.created_by = request.user
            photo.save()
            messages.success(request, _("已上傳「%(name)s」的現況照片。") % {"name": venue.name})
            return redirect("facilities:venue-photos", pk=venue.pk)
    return render(
        request,
        "facilities/venue_photos.html",
        {"venue": venue, "photos": _photos_of(venue.resource), "form": form},
    )


@permission_required("facilities.view_resource")
def venue_photo_image(request, pk):
    from django.http import FileResponse

    photo = get_object_or_404(VenuePhoto, pk=pk)
    return FileResponse(photo.image.open("rb"))


@require_POST
@login_required
def booking_equipment(request, pk):
    """Lend an item with a booking (its requester or a clerk); a clash is refused, naming it."""
    booking = _own_booking(request, pk, "view")
    form = EquipmentLendForm(request.POST, center=booking.resource.center)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(booking)
    try:
        loan = services.equipment_lend(booking=booking, item=form.cleaned_data["item"], user=request.user)
    except ServiceError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("已借用「%(item)s」。") % {"item": loan.item})
    return redirect(booking)


@require_POST
@login_required
def loan_return(request, pk):
    loan = get_object_or_404(EquipmentLoan.objects.select_related("booking", "item"), pk=pk)
    _own_booking(request, loan.booking_id, "view")
    services.equipment_return(loan=loan, user=request.user)
    messages.success(request, _("已取消借用「%(item)s」。") % {"item": loan.item})
    return redirect(loan.booking)


# --- organisers' applications for the open spaces -----------------------------------------------

APPLICATION_COLUMNS = [
    Column(gettext_lazy("編號"), "pk"),
    Column(gettext_lazy("場地"), "booking.resource.name"),
    Column(gettext_lazy("開始"), "booking.start"),
    Column(gettext_lazy("活動名稱"), "booking.title"),
    Column(gettext_lazy("主辦單位"), "booking.organiser"),
    Column(gettext_lazy("申請狀態"), "status"),
    Column(gettext_lazy("補正期限"), "correction_due_on"),
    Column(gettext_lazy("應繳使用費"), "fee"),
    Column(gettext_lazy("繳費狀態"), "payment_status"),
    Column(gettext_lazy("應退費"), "refund_amount"),
]


def _applications(user):
    return SpaceApplication.objects.restrict(user, "view").select_related(
        "booking__resource", "booking__requested_by", "fee_rule"
    )


@login_required
def application_list(request):
    """The clerk's queue of organisers' applications (staff: their own), oldest waiting first."""
    queryset = _applications(request.user).order_by("created_at", "pk")
    filterset = SpaceApplicationFilterSet(request.GET, queryset=queryset)
    return list_page(
        request,
        queryset=filterset.qs,
        columns=APPLICATION_COLUMNS,
        filename="space-applications",
        template="facilities/application_list.html",
        context={"filter": filterset, "clerk": services.is_clerk(request.user)},
    )


@permission_required("facilities.add_spaceapplication")
def application_create(request):
    """An organiser's application; a clerk may enter one received on paper or at the counter."""
    on_behalf = services.is_clerk(request.user) and request.GET.get("on_behalf") == "1"
    form = ApplicationForm(request.POST or None, request.FILES or None, on_behalf=on_behalf)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_submit(
                venue=data["venue"],
                start=data["start"],
                end=data["end"],
                title=data["title"],
                organiser=data["organiser"],
                applicant_name=data["applicant_name"],
                applicant_email=data["applicant_email"],
                contact_phone=data["contact_phone"],
                attendees=data["attendees"] or 0,
                activity_plan=data.get("activity_plan"),
                plan_on_paper=data.get("plan_on_paper", False),
                terms_accepted=data["terms_accepted"],
                fee_rule=data["fee_rule"],
                note=data["note"],
                user=request.user,
                on_behalf=on_behalf,
            )
        except (ServiceError, ValidationError) as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("場地使用申請 #%(id)s 已送出。") % {"id": application.pk})
            return redirect(application)
    venues = list(form.fields["venue"].queryset.prefetch_related("fee_rules"))
    return render(request, "facilities/application_form.html", {"form": form, "on_behalf": on_behalf, "venues": venues})


@login_required
def application_detail(request, pk):
    application = get_object_or_404(
        _applications(request.user).select_related("booking__decided_by", "entered_by"), pk=pk
    )
    clerk = services.is_clerk(request.user)
    own = clerk or application.booking.requested_by_id == request.user.pk
    booking = application.booking
    return render(
        request,
        "facilities/application_detail.html",
        {
            "application": application,
            "booking": booking,
            "clerk": clerk,
            "own": own,
            "can_cancel": own
            and application.status in ("submitted", "correction", "approved")
            and services.cancel_refusal(booking, clerk=clerk) is None,
            "refund_preview": services.refund_for(booking) if application.payment_status == "paid" else None,
            "correction_request_form": CorrectionRequestForm(),
            "correction_form": CorrectionForm(),
            "payment_form": PaymentForm(),
            "reason_form": ReasonForm(),
        },
    )


@login_required
def application_plan(request, pk):
    """The activity plan, to the organiser and the clerks only."""
    from django.http import FileResponse

    application = get_object_or_404(_applications(request.user), pk=pk)
    if not application.activity_plan:
        raise Http404
    return FileResponse(application.activity_plan.open("rb"), as_attachment=True)


APPLICATION_ACTIONS = ("request-correction", "correct", "approve", "reject", "pay", "cancel", "refunded")


@require_POST
@login_required
def application_action(request, pk, action):
    """One action on an application (the same service and permission as the API's)."""
    application = get_object_or_404(_applications(request.user), pk=pk)
    if action not in APPLICATION_ACTIONS:
        raise Http404
    try:
        if action == "request-correction":
            form = CorrectionRequestForm(request.POST)
            if not form.is_valid():
                raise ServiceError(_("請填寫應補正事項。"), code="reason_required", status=400)
            services.application_request_correction(
                application=application, user=request.user, note=form.cleaned_data["note"]
            )
        elif action == "correct":
            form = CorrectionForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            services.application_correct(
                application=application,
                user=request.user,
                activity_plan=form.cleaned_data.get("activity_plan"),
                note=form.cleaned_data.get("note", ""),
            )
        elif action in ("approve", "reject"):
            services.application_decide(
                application=application,
                user=request.user,
                approve=action == "approve",
                reason=request.POST.get("reason", "")[:200],
            )
        elif action == "pay":
            services.application_pay(
                application=application, user=request.user, receipt_number=request.POST.get("receipt_number", "")
            )
        elif action == "cancel":
            services.application_cancel(
                application=application, user=request.user, reason=request.POST.get("reason", "")
            )
        else:
            services.application_refunded(application=application, user=request.user)
    except (ServiceError, ValidationError) as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("申請 #%(id)s 已更新。") % {"id": application.pk})
    return redirect("facilities:application-detail", pk=application.pk)


# --- utilisation -------------------------------------------------------------------------------


@permission_required("facilities.view_booking")
def utilisation(request):
    year = min(max(year_param(request, default=timezone.localdate().year), 2000), 2100)
    data = selectors.utilisation(year)
    months = list(range(1, 13))
    groups = []
    for row in data["by_group"]:
        key = (row["resource__center"], row["resource__venue__group"])
        per_month = data["months"].get(key, {})
        groups.append(
            {
                "center": Center(row["resource__center"]).label,
                "group": selectors.group_label(row["resource__venue__group"]),
                "bookings": row["bookings"],
                "hours": round((row["minutes"] or 0) / 60, 1),
                "months": [per_month.get(m, (0, 0)) for m in months],
            }
        )
    venues = [
        {
            "name": row["resource__name"],
            "center": Center(row["resource__center"]).label,
            "group": selectors.group_label(row["resource__venue__group"]),
            "bookings": row["bookings"],
            "hours": round((row["minutes"] or 0) / 60, 1),
        }
        for row in data["by_venue"]
    ]
    return render(
        request,
        "facilities/utilisation.html",
        {
            "year": year,
            "groups": groups,
            "venues": venues,
            "months": months,
            "prev_year": year - 1,
            "next_year": year + 1,
            "group_choices": VenueGroup.choices,
            "shares": selectors.venue_utilisation(year),
        },
    )


# --- closures ----------------------------------------------------------------------------------


@permission_required("facilities.add_closure")
def closure_list(request):
    """Closure dates from today on (and the form to add one): bookings are refused on them."""
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        closure = form.save(commit=False)
        closure.created_by = request.user
        closure.save()
        clashing = (
            Booking.objects.filter(status__in=[BookingStatus.PENDING, BookingStatus.CONFIRMED])
            .filter(
                Q(resource=closure.resource) if closure.resource_id else Q(resource__center=closure.center),
                start__date__gte=closure.start_date,
                start__date__lte=closure.end_date,
            )
            .count()
        )
        messages.success(request, _("已登記暫停開放：%(c)s。") % {"c": closure})
        if clashing:
            messages.warning(request, _("期間內仍有 %(n)s 筆預約，請聯繫申請人並取消。") % {"n": clashing})
        return redirect("facilities:closure-list")
    closures = (
        Closure.objects.filter(end_date__gte=timezone.localdate()).select_related("resource").order_by("start_date")
    )
    return render(request, "facilities/closure_list.html", {"form": form, "page_obj": paginate(request, closures)})
