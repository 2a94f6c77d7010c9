"""One FilterSet per list, shared by the pages (and their CSV/XLSX exports) and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from facilities.choices import (
    ApplicationStatus,
    BookingStatus,
    Center,
    MaintenanceCategory,
    MaintenanceStatus,
    PaymentStatus,
    PublicSpaceKind,
    RequestStatus,
    ResourceType,
    VehicleKind,
    VenueGroup,
    VenueKind,
)
from facilities.models import (
    Booking,
    MaintenanceRequest,
    ParkingPermit,
    PublicSpaceRequest,
    Resource,
    SpaceApplication,
    VehicleTrip,
    Venue,
)
from kaohsiung_admin.core.filters import DateFilter, DateTimeRangeMixin, IdFilter, StableOrderingFilter


class VenueFilterSet(django_filters.FilterSet):
    center = django_filters.ChoiceFilter(field_name="resource__center", choices=Center.choices, label=_("行政中心"))
    kind = django_filters.ChoiceFilter(choices=VenueKind.choices, label=_("場地類型"))
    group = django_filters.ChoiceFilter(choices=VenueGroup.choices, label=_("統計分組"))
    min_capacity = django_filters.NumberFilter(field_name="capacity", lookup_expr="gte", label=_("至少容納人數"))

    ordering = StableOrderingFilter(
        fields=[("resource__name", "name"), ("kind", "kind"), ("capacity", "capacity")],
        field_labels={"resource__name": _("場地"), "kind": _("類型"), "capacity": _("容納人數")},
        label=_("排序"),
    )

    class Meta:
        model = Venue
        fields = ["center", "kind", "group", "min_capacity"]


class BookingFilterSet(DateTimeRangeMixin, django_filters.FilterSet):
    center = django_filters.ChoiceFilter(field_name="resource__center", choices=Center.choices, label=_("行政中心"))
    resource_type = django_filters.ChoiceFilter(
        field_name="resource__resource_type", choices=ResourceType.choices, label=_("類別")
    )
    resource = django_filters.ModelChoiceFilter(queryset=Resource.objects.all(), label=_("場地／車輛"))
    venue = IdFilter(field_name="resource__venue", label=_("場地編號"))
    kind = django_filters.ChoiceFilter(
        field_name="resource__venue__kind", choices=VenueKind.choices, label=_("場地類型")
    )
    group = django_filters.ChoiceFilter(
        field_name="resource__venue__group", choices=VenueGroup.choices, label=_("統計分組")
    )
    status = django_filters.ChoiceFilter(choices=BookingStatus.choices, label=_("狀態"))
    date_from = DateFilter(method="filter_date_from", label=_("起日"))
    date_to = DateFilter(method="filter_date_to", label=_("迄日"))

    ordering = StableOrderingFilter(
        fields=[("start", "start"), ("created_at", "created_at")],
        field_labels={"start": _("時間"), "created_at": _("申請時間")},
        label=_("排序"),
    )

    class Meta:
        model = Booking
        fields = ["center", "resource_type", "resource", "venue", "kind", "group", "status", "date_from", "date_to"]


class VehicleTripFilterSet(DateTimeRangeMixin, django_filters.FilterSet):
    time_field = "booking__start"
    vehicle = IdFilter(field_name="booking__resource__vehicle", label=_("車輛編號"))
    kind = django_filters.ChoiceFilter(
        field_name="booking__resource__vehicle__kind", choices=VehicleKind.choices, label=_("車種")
    )
    center = django_filters.ChoiceFilter(
        field_name="booking__resource__center", choices=Center.choices, label=_("行政中心")
    )
    status = django_filters.ChoiceFilter(field_name="booking__status", choices=BookingStatus.choices, label=_("狀態"))
    date_from = DateFilter(method="filter_date_from", label=_("起日"))
    date_to = DateFilter(method="filter_date_to", label=_("迄日"))

    ordering = StableOrderingFilter(
        fields=[("booking__start", "start")],
        field_labels={"booking__start": _("時間")},
        label=_("排序"),
    )

    class Meta:
        model = VehicleTrip
        fields = ["vehicle", "kind", "center", "status", "date_from", "date_to"]


class MaintenanceFilterSet(DateTimeRangeMixin, django_filters.FilterSet):
    time_field = "received_at"
    center = django_filters.ChoiceFilter(choices=Center.choices, label=_("行政中心"))
    category = django_filters.ChoiceFilter(choices=MaintenanceCategory.choices, label=_("類別"))
    status = django_filters.ChoiceFilter(choices=MaintenanceStatus.choices, label=_("狀態"))
    date_from = DateFilter(method="filter_date_from", label=_("起日"))
    date_to = DateFilter(method="filter_date_to", label=_("迄日"))

    class Meta:
        model = MaintenanceRequest
        fields = ["center", "category", "status", "date_from", "date_to"]


class ParkingPermitFilterSet(django_filters.FilterSet):
    center = django_filters.ChoiceFilter(choices=Center.choices, label=_("行政中心"))
    plate = django_filters.CharFilter(lookup_expr="icontains", label=_("車牌號碼"))
    date_from = DateFilter(field_name="issued_on", lookup_expr="gte", label=_("起日"))
    date_to = DateFilter(field_name="issued_on", lookup_expr="lte", label=_("迄日"))

    ordering = StableOrderingFilter(
        fields=[("number", "number"), ("valid_on", "valid_on"), ("issued_on", "issued_on")],
        field_labels={"number": _("證號"), "valid_on": _("使用日期"), "issued_on": _("核發日期")},
        label=_("排序"),
    )

    class Meta:
        model = ParkingPermit
        fields = ["center", "plate", "date_from", "date_to"]


class PublicSpaceFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=PublicSpaceKind.choices, label=_("類別"))
    center = django_filters.ChoiceFilter(choices=Center.choices, label=_("行政中心"))
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, label=_("狀態"))
    date_from = DateFilter(field_name="start_date", lookup_expr="gte", label=_("起日"))
    date_to = DateFilter(field_name="start_date", lookup_expr="lte", label=_("迄日"))

    ordering = StableOrderingFilter(
        fields=[("start_date", "start_date")],
        field_labels={"start_date": _("期間")},
        label=_("排序"),
    )

    class Meta:
        model = PublicSpaceRequest
        fields = ["kind", "center", "status", "date_from", "date_to"]


class SpaceApplicationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=_("申請狀態"))
    payment_status = django_filters.ChoiceFilter(choices=PaymentStatus.choices, label=_("繳費狀態"))
    venue = IdFilter(field_name="booking__resource__venue", label=_("場地編號"))
    center = django_filters.ChoiceFilter(
        field_name="booking__resource__center", choices=Center.choices, label=_("行政中心")
    )
    ordering = StableOrderingFilter(
        fields=[("created_at", "created_at"), ("booking__start", "start"), ("correction_due_on", "correction_due_on")],
        field_labels={"created_at": _("送件時間"), "booking__start": _("使用時間"), "correction_due_on": _("補正期限")},
        label=_("排序"),
    )

    class Meta:
        model = SpaceApplication
        fields = ["status", "payment_status", "venue", "center"]
