from django.urls import path

from facilities import views

app_name = "facilities"
urlpatterns = [
    path("", views.index, name="index"),
    path("venues/", views.venue_list, name="venue-list"),
    path("vehicles/", views.vehicle_list, name="vehicle-list"),
    path("resources/<int:pk>/calendar/", views.resource_calendar, name="resource-calendar"),
    path("resources/<int:pk>/calendar.ics", views.resource_ical, name="resource-ical"),
    path("resources/<int:pk>/calendar-links/reset/", views.feed_keys_reset, name="feed-keys-reset"),
    path("centers/<str:center>/calendar/", views.center_calendar, name="center-calendar"),
    path("bookings/", views.booking_list, name="booking-list"),
    path("bookings/mine/", views.booking_list, {"mine": True}, name="my-bookings"),
    path("bookings/new/", views.booking_create, name="booking-create"),
    path("bookings/queue/", views.booking_queue, name="booking-queue"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking-detail"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking-cancel"),
    path("bookings/<int:pk>/restore/", views.booking_restore, name="booking-restore"),
    path("bookings/<int:pk>/change/", views.booking_change, name="booking-change"),
    path("bookings/<int:pk>/check-in/", views.booking_check_in, name="booking-check-in"),
    path("find/", views.find_free, name="find-free"),
    path("bookings/<int:pk>/approve/", views.booking_decide, {"approve": True}, name="booking-approve"),
    path("bookings/<int:pk>/reject/", views.booking_decide, {"approve": False}, name="booking-reject"),
    path("vehicle-trips/", views.trip_list, name="trip-list"),
    path("vehicle-trips/new/", views.trip_create, name="trip-create"),
    path("vehicle-trips/<int:pk>/log/", views.trip_log, name="trip-log"),
    path("vehicle-trips/<int:pk>/assign/", views.trip_assign, name="trip-assign"),
    path("vehicles/register/", views.fleet_register, name="fleet-register"),
    path("maintenance-requests/", views.maintenance_list, name="maintenance-list"),
    path("maintenance-requests/new/", views.maintenance_create, name="maintenance-create"),
    path("maintenance-requests/<int:pk>/", views.maintenance_detail, name="maintenance-detail"),
    path("parking-permits/", views.permit_list, name="permit-list"),
    path("parking-permits/new/", views.permit_create, name="permit-create"),
    path("parking-permits/<int:pk>/print/", views.permit_print, name="permit-print"),
    path("public-space-requests/", views.publicspace_list, name="publicspace-list"),
    path("public-space-requests/new/", views.publicspace_create, name="publicspace-create"),
    path("public-space-requests/<int:pk>/decide/", views.publicspace_decide, name="publicspace-decide"),
    path("applications/", views.application_list, name="application-list"),
    path("applications/new/", views.application_create, name="application-create"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("applications/<int:pk>/plan/", views.application_plan, name="application-plan"),
    path("applications/<int:pk>/<slug:action>/", views.application_action, name="application-action"),
    path("venues/<int:pk>/photos/", views.venue_photos, name="venue-photos"),
    path("venue-photos/<int:pk>/", views.venue_photo_image, name="venue-photo-image"),
    path("bookings/<int:pk>/equipment/", views.booking_equipment, name="booking-equipment"),
    path("equipment-loans/<int:pk>/return/", views.loan_return, name="loan-return"),
    path("utilisation/", views.utilisation, name="utilisation"),
    path("closures/", views.closure_list, name="closure-list"),
]

# Building care (報修 clocks, the statutory inspection calendar): facilities/care_views.py.
from facilities import care_views  # noqa: E402

urlpatterns += [
    path("maintenance-requests/due/", care_views.maintenance_due, name="maintenance-due"),
    path("inspections/", care_views.obligation_list, name="inspection-list"),
    path("inspections/new/", care_views.obligation_create, name="inspection-create"),
    path("inspections/records/", care_views.record_list, name="inspection-records"),
    path("inspections/<int:pk>/", care_views.obligation_detail, name="inspection-detail"),
    path("inspections/<int:pk>/record/", care_views.inspection_record, name="inspection-record"),
    path("inspections/findings/<int:pk>/raise-repair/", care_views.finding_raise_repair, name="finding-raise-repair"),
]
