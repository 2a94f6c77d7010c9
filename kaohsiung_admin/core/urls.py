from django.urls import path

from kaohsiung_admin.core import views

app_name = "core"
urlpatterns = [path("", views.home, name="home")]
