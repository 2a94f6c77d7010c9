from django.urls import path
from rest_framework.routers import DefaultRouter

from kaohsiung_admin.core.api import views

router = DefaultRouter()
router.register("calendar/overrides", views.CalendarOverrideViewSet, basename="calendar-override")

urlpatterns = [path("me/", views.WhoAmIView.as_view(), name="api-me"), *router.urls]
