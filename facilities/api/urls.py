from rest_framework.routers import DefaultRouter

from facilities.api import views

router = DefaultRouter()
router.register("venues", views.VenueViewSet, basename="venue")
router.register("bookings", views.BookingViewSet, basename="booking")
router.register("maintenance-requests", views.MaintenanceRequestViewSet, basename="maintenance-request")
router.register("vehicle-trips", views.VehicleTripViewSet, basename="vehicle-trip")
router.register("resources", views.ResourceViewSet, basename="resource")
router.register("parking-permits", views.ParkingPermitViewSet, basename="parking-permit")
router.register("public-space-requests", views.PublicSpaceRequestViewSet, basename="public-space-request")
router.register("space-applications", views.SpaceApplicationViewSet, basename="space-application")
router.register("closures", views.ClosureViewSet, basename="closure")
urlpatterns = router.urls

# Building care: the statutory inspection calendar (facilities/api/care.py).
from facilities.api import care  # noqa: E402

router.register("inspections", care.InspectionObligationViewSet, basename="inspection")
router.register("inspection-records", care.InspectionRecordViewSet, basename="inspection-record")
router.register("inspection-findings", care.InspectionFindingViewSet, basename="inspection-finding")
urlpatterns = router.urls
