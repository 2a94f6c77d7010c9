from django.urls import path

from consumer_protection import views

app_name = "consumer_protection"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("complaints/", views.complaint_list, name="complaint-list"),
    path("complaints/export/", views.complaint_export, name="complaint-export"),
    path("complaints/id-search/", views.complaint_id_search, name="complaint-id-search"),
    path("complaints/new/", views.complaint_create, name="complaint-create"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint-detail"),
    path("complaints/<int:pk>/unmask/", views.complaint_unmask, name="complaint-unmask"),
    path("complaints/<int:pk>/actions/<slug:action>/", views.complaint_action, name="complaint-action"),
    path("complaints/<int:pk>/attachments/", views.complaint_attachment_add, name="complaint-attachment-add"),
    path("complaints/<int:pk>/second-meetings/new/", views.complaint_second_minutes, name="complaint-second-minutes"),
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
    path("committees/meetings/<int:pk>/resolutions/", views.meeting_add_resolution, name="meeting-resolution-add"),
    path("committees/<int:pk>/", views.committee_detail, name="committee-detail"),
    path("committees/members/<int:pk>/", views.committee_member_edit, name="committee-member-edit"),
    path("mediations/<int:pk>/interests/", views.mediation_declare_interest, name="mediation-interest"),
    path("mediations/<int:pk>/settlement.pdf", views.mediation_settlement_pdf, name="mediation-settlement-pdf"),
    path("mediations/<int:pk>/notices/<slug:kind>.pdf", views.mediation_notice_pdf, name="mediation-notice-pdf"),
    path("traders/", views.trader_list, name="trader-list"),
    path("traders/repeat-offenders/", views.repeat_offenders, name="repeat-offenders"),
    path("traders/<int:pk>/", views.trader_detail, name="trader-detail"),
    path("activities/inspections/new/", views.inspection_create, name="inspection-create"),
    path("activities/inspections/<int:pk>/", views.inspection_detail, name="inspection-detail"),
    path("activities/education/new/", views.education_create, name="education-create"),
    path("activities/trainings/new/", views.training_create, name="training-create"),
]
