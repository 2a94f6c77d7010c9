from django.urls import path

from consumer_protection import views

app_name = "consumer_protection"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("complaints/", views.complaint_list, name="complaint-list"),
    path("complaints/export/", views.complaint_export, name="complaint-export"),
    path("complaints/new/", views.complaint_create, name="complaint-create"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint-detail"),
    path("complaints/<int:pk>/unmask/", views.complaint_unmask, name="complaint-unmask"),
    path("complaints/<int:pk>/actions/<slug:action>/", views.complaint_action, name="complaint-action"),
    path("complaints/<int:pk>/attachments/", views.complaint_attachment_add, name="complaint-attachment-add"),
    path(
        "complaints/<int:pk>/attachments/<int:attachment_pk>/",
        views.complaint_attachment_download,
        name="complaint-attachment",
    ),
    path("consultations/", views.consultation_list, name="consultation-list"),
    path("mediations/", views.mediation_list, name="mediation-list"),
    path("mediations/<int:pk>/", views.mediation_detail, name="mediation-detail"),
    path("mediations/<int:pk>/actions/<slug:action>/", views.mediation_action, name="mediation-action"),
    path("mediations/<int:pk>/record.pdf", views.mediation_record_pdf, name="mediation-record-pdf"),
    path("activities/", views.activity_list, name="activity-list"),
    path("committees/", views.committee_list, name="committee-list"),
    path("committees/meetings/new/", views.meeting_create, name="meeting-create"),
    path("committees/meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
]
