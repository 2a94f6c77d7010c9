from django.urls import path

from dormitories import views

app_name = "dormitories"

urlpatterns = [
    path("", views.index, name="index"),
    path("units/", views.dormitory_list, name="dormitory-list"),
    path("units/new/", views.dormitory_create, name="dormitory-create"),
    path("units/<int:pk>/", views.dormitory_detail, name="dormitory-detail"),
    path("units/<int:pk>/edit/", views.dormitory_edit, name="dormitory-edit"),
    path("units/<int:pk>/dispose/", views.dormitory_dispose, name="dormitory-dispose"),
    path("units/<int:pk>/occupancies/new/", views.occupancy_create, name="occupancy-create"),
    path("occupancies/", views.occupancy_list, name="occupancy-list"),
    path("occupancies/<int:pk>/", views.occupancy_detail, name="occupancy-detail"),
    path("occupancies/<int:pk>/eligibility/", views.occupancy_eligibility, name="occupancy-eligibility"),
    path("occupancies/<int:pk>/move-out/", views.occupancy_move_out, name="occupancy-move-out"),
    path("applications/", views.application_list, name="application-list"),
    path("applications/<int:pk>/allocate/", views.application_allocate, name="application-allocate"),
    path("applications/<int:pk>/close/", views.application_close, name="application-close"),
    path("checks/", views.checkround_list, name="checkround-list"),
    path("checks/<int:pk>/", views.checkround_detail, name="checkround-detail"),
    path("checks/items/<int:pk>/", views.checkitem_record, name="checkitem-record"),
    path("checks/items/<int:pk>/done/", views.checkitem_done, name="checkitem-done"),
    path("repairs/", views.repair_list, name="repair-list"),
    path("repairs/<int:pk>/update/", views.repair_update, name="repair-update"),
    path("disposals/", views.disposal_list, name="disposal-list"),
    path("disposals/<int:pk>/advance/", views.disposal_advance, name="disposal-advance"),
    path("lendings/", views.lending_list, name="lending-list"),
    path("lendings/new/", views.lending_create, name="lending-create"),
    path("lendings/<int:pk>/", views.lending_detail, name="lending-detail"),
    path("assets/", views.asset_list, name="asset-list"),
    path("assets/new/", views.asset_create, name="asset-create"),
    path("assets/import/", views.asset_import, name="asset-import"),
    path("assets/labels.pdf", views.asset_labels, name="asset-labels"),
    path("assets/statistics/", views.statistics, name="statistics"),
    path("assets/<int:pk>/", views.asset_detail, name="asset-detail"),
    path("stocktaking/", views.stocktaking_list, name="stocktaking-list"),
    path("stocktaking/<int:pk>/", views.stocktaking_detail, name="stocktaking-detail"),
    path("stocktaking/<int:pk>/close/", views.stocktaking_close, name="stocktaking-close"),
    path("stocktaking/<int:pk>/report/", views.stocktaking_report, name="stocktaking-report"),
]
