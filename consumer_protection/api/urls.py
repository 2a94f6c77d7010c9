from rest_framework.routers import DefaultRouter

from consumer_protection.api import views

router = DefaultRouter()
router.register("consultations", views.ConsultationViewSet, basename="cp-consultation")
router.register("complaints", views.ComplaintViewSet, basename="cp-complaint")
router.register("mediations", views.MediationViewSet, basename="cp-mediation")
urlpatterns = router.urls
