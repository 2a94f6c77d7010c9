from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "facilities"
    url_prefix = "facilities/"
    verbose_name = _("廳舍、會場與車輛")
    nav_label = _("廳舍車輛")
    nav_items = [
        (_("場地行事曆"), "facilities:index", "facilities.view_resource"),
        (_("我的預約"), "facilities:my-bookings", "facilities.add_booking"),
        (_("預約審核"), "facilities:booking-queue", "facilities.decide_booking"),
        (_("派車"), "facilities:trip-list", "facilities.add_vehicletrip"),
        (_("報修"), "facilities:maintenance-list", "facilities.add_maintenancerequest"),
        (_("場地使用申請"), "facilities:application-list", "facilities.add_spaceapplication"),
        (_("海報及LED"), "facilities:publicspace-list", "facilities.add_publicspacerequest"),
        (_("臨時停車證"), "facilities:permit-list", "facilities.view_parkingpermit"),
        (_("暫停開放"), "facilities:closure-list", "facilities.add_closure"),
        (_("使用統計"), "facilities:utilisation", "facilities.view_booking"),
        # building care
        (_("法定檢查"), "facilities:inspection-list", "facilities.view_inspectionobligation"),
    ]
    role_permissions = {
        "facility_clerk": ["facilities.*"],
        # Every member of staff may look up venues and cars, book them, ask for a car, report a
        # repair and ask for a poster or an LED-wall video. Which bookings they see and may cancel
        # is decided per row (their own: BookingQuerySet.restrict_rows).
        "staff": [
            "facilities.view_resource",
            "facilities.view_venue",
            "facilities.view_vehicle",
            "facilities.view_closure",
            "facilities.add_booking",
            "facilities.add_recurringseries",
            "facilities.add_vehicletrip",
            "facilities.add_maintenancerequest",
            "facilities.add_publicspacerequest",
            "facilities.add_spaceapplication",
        ],
    }
