from django.urls import path

from kaohsiung_admin.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("copy/", views.definition_copy, name="definition-copy"),
    path("builds/new/", views.build_create, name="build-create"),
    path("builds/<int:pk>/", views.build_detail, name="build-detail"),
    path("builds/<int:pk>/pdf/", views.build_pdf, name="build-pdf"),
    path("builds/<int:pk>/html/", views.build_html, name="build-html"),
    path("builds/<int:pk>/figures/", views.build_figures, name="build-figures"),
    path("items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("items/<int:pk>/delete/", views.item_delete, name="item-delete"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section-edit"),
    path("sections/<int:section_pk>/items/new/", views.item_create, name="item-create"),
    path("<int:roc_year>/", views.definition_detail, name="definition"),
    path("<int:roc_year>/figures/", views.figure_list, name="figures"),
    path("<int:roc_year>/figures/new/", views.figure_edit, name="figure-create"),
    path("<int:roc_year>/figures/<int:pk>/edit/", views.figure_edit, name="figure-edit"),
]
