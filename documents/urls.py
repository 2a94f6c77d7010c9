from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document-list"),
    path("receive/", views.document_receive, name="document-receive"),
    path("due/", views.due_list, name="due-list"),
    path("rates/", views.rates, name="rates"),
    path("<int:pk>/", views.document_detail, name="document-detail"),
    path("<int:pk>/move/", views.document_move, name="document-move"),
    path("<int:pk>/pause/", views.document_pause, name="document-pause"),
    path("<int:pk>/resume/", views.document_resume, name="document-resume"),
    path("<int:pk>/extensions/", views.extension_request, name="extension-request"),
    path("<int:pk>/extensions/<int:extension_id>/decide/", views.extension_decide, name="extension-decide"),
    path("<int:pk>/merge/", views.document_merge, name="document-merge"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment-add"),
    path("petitions/", views.petition_list, name="petition-list"),
    path("petitions/new/", views.petition_create, name="petition-create"),
    path("petitions/<int:pk>/", views.petition_detail, name="petition-detail"),
    path("petitions/<int:pk>/move/", views.petition_move, name="petition-move"),
    path("registers/organisations/", views.organisation_list, name="organisation-list"),
    path("registers/open-data/", views.dataset_list, name="dataset-list"),
    path("registers/gazette/", views.gazette_list, name="gazette-list"),
    path("registers/gazette/generate/", views.gazette_generate, name="gazette-generate"),
    path("registers/meetings/", views.meeting_list, name="meeting-list"),
    path("calendar-import/", views.calendar_import, name="calendar-import"),
]
