from rest_framework.routers import DefaultRouter

from dormitories.api import views

router = DefaultRouter()
router.register("dormitories", views.DormitoryViewSet, basename="dorm-dormitory")
router.register("occupancies", views.OccupancyViewSet, basename="dorm-occupancy")
router.register("check-rounds", views.CheckRoundViewSet, basename="dorm-checkround")
router.register("lendings", views.LendingViewSet, basename="dorm-lending")
router.register("assets", views.AssetViewSet, basename="dorm-asset")
router.register("stocktaking", views.StocktakingViewSet, basename="dorm-stocktaking")
urlpatterns = router.urls
