from rest_framework.routers import DefaultRouter

from facilities.api import views

router = DefaultRouter()
router.register("venues", views.VenueViewSet, basename="venue")
router.register("bookings", views.BookingViewSet, basename="booking")
router.register("maintenance-requests", views.MaintenanceRequestViewSet, basename="maintenance-request")
router.register("vehicle-trips", views.VehicleTripViewSet, basename="vehicle-trip")
urlpatterns = router.urls
