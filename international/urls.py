from django.urls import path

from international import views

app_name = "international"

urlpatterns = [
    path("", views.city_list, name="city-list"),
    path("cities/new/", views.city_create, name="city-create"),
    path("cities/<int:pk>/", views.city_detail, name="city-detail"),
    path("ties/<int:pk>/end/", views.partnership_end, name="partnership-end"),
    path("anniversaries/", views.anniversaries, name="anniversaries"),
    path("agreements/new/", views.agreement_create, name="agreement-create"),
    path("visits/", views.visit_list, name="visit-list"),
    path("visits/new/", views.visit_create, name="visit-create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit-detail"),
    path("visits/<int:pk>/edit/", views.visit_update, name="visit-update"),
    path("activities/", views.activity_list, name="activity-list"),
    path("activities/new/", views.activity_create, name="activity-create"),
    path("gifts/", views.gift_list, name="gift-list"),
    path("gifts/new/", views.gift_create, name="gift-create"),
    path("gifts/<int:pk>/report/", views.gift_report, name="gift-report"),
    path("gifts/<int:pk>/decide/", views.gift_decide, name="gift-decide"),
    path("missions/", views.mission_list, name="mission-list"),
    path("missions/<int:pk>/", views.mission_detail, name="mission-detail"),
]
