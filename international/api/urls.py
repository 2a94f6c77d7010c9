from rest_framework.routers import DefaultRouter

from international.api import views

router = DefaultRouter()
router.register("cities", views.CityViewSet, basename="intl-city")
router.register("agreements", views.AgreementViewSet, basename="intl-agreement")
router.register("visits", views.VisitViewSet, basename="intl-visit")
router.register("activities", views.ActivityViewSet, basename="intl-activity")
router.register("gifts", views.GiftViewSet, basename="intl-gift")
router.register("missions", views.MissionViewSet, basename="intl-mission")
urlpatterns = router.urls
