from django.urls import path
from rest_framework.routers import DefaultRouter

from consumer_protection.api import views

router = DefaultRouter()
router.register("consultations", views.ConsultationViewSet, basename="cp-consultation")
router.register("complaints", views.ComplaintViewSet, basename="cp-complaint")
router.register("mediations", views.MediationViewSet, basename="cp-mediation")
urlpatterns = [
    path(
        "mediations/<int:pk>/transition/",
        views.MediationTransitionViewSet.as_view({"post": "transition"}),
        name="cp-mediation-transition",
    ),
    *router.urls,
]
