"""Forms of the officers' pages. They validate; services.py decides and writes."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consumer_protection.choices import Action, CommitteeKind, MediationStatus, Result
from consumer_protection.models import CommitteeMeeting, CommitteeMember, Complaint, Consultation
from consumer_protection.services import DIRECT_CLOSE_RESULTS
from consumer_protection.validators import validate_not_future
from kaohsiung_admin.core.dates import validate_office_date
from kaohsiung_admin.core.filters import MAX_ID
from kaohsiung_admin.core.personal_data import is_valid_national_id


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date_field(label, *, required=True, past=True, **kwargs):
    validators = [validate_office_date, validate_not_future] if past else [validate_office_date]
    return forms.DateField(label=label, required=required, widget=DateInput(), validators=validators, **kwargs)


class ComplaintForm(forms.ModelForm):
    """A complaint taken at the phone: one page, one save (attachment included)."""

    attachment = forms.FileField(label=_("附件"), required=False, help_text=_("契約、收據、對話截圖等（選填）"))

    fieldsets = [
        (_("受理"), ["channel", "first_received_by", "first_filed_on", "category", "officer"]),
        (
            _("申訴人"),
            [
                "complainant_name",
                "complainant_national_id",
                "complainant_phone",
                "complainant_address",
                "complainant_email",
            ],
        ),
        (_("被申訴業者"), ["business_name", "business_tax_id"]),
        (_("案情"), ["amount", "narrative", "demand", "attachment"]),
    ]

    class Meta:
        model = Complaint
        fields = [
            "consultation",
            "channel",
            "first_received_by",
            "first_filed_on",
            "category",
            "officer",
            "complainant_name",
            "complainant_national_id",
            "complainant_phone",
            "complainant_address",
            "complainant_email",
            "business_name",
            "business_tax_id",
            "amount",
            "narrative",
            "demand",
        ]
        widgets = {
            "consultation": forms.HiddenInput(),
            "first_filed_on": DateInput(),
            "narrative": forms.Textarea(attrs={"rows": 5}),
            "demand": forms.Textarea(attrs={"rows": 2}),
            "complainant_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "complainant_national_id": forms.TextInput(attrs={"autocomplete": "off", "maxlength": 10}),
        }
        help_texts = {
            "complainant_national_id": _("例：A123456789（會檢查檢查碼）"),
            "complainant_phone": _("例：0912345678 或 07-3368333"),
        }

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_filed_on"].validators += [validate_office_date, validate_not_future]
        self.fields["first_filed_on"].initial = self.fields["first_filed_on"].initial or timezone.localdate()
        if officers is not None:
            self.fields["officer"].queryset = officers
        self.fields["officer"].required = False
        self.fields["complainant_national_id"].label = _("身分證統一編號")

    def clean_complainant_national_id(self):
        value = self.cleaned_data["complainant_national_id"].strip().upper()
        if not is_valid_national_id(value):
            raise forms.ValidationError(
                _("身分證統一編號格式或檢查碼不正確（例：A123456789）。"), code="invalid_national_id"
            )
        return value

    def clean_consultation(self):
        consultation = self.cleaned_data.get("consultation")
        if consultation is not None and Complaint.objects.filter(consultation=consultation).exists():
            raise forms.ValidationError(_("此諮詢已轉為申訴案件。"))
        return consultation

    def grouped(self):
        for title, names in self.fieldsets:
            yield title, [self[name] for name in names]


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["channel", "category", "consumer_name", "consumer_phone", "business_name", "summary", "answer"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "answer": forms.Textarea(attrs={"rows": 3}),
            "consumer_phone": forms.TextInput(attrs={"type": "tel"}),
        }


class UnmaskForm(forms.Form):
    reason = forms.CharField(
        label=_("檢視事由"), max_length=200, help_text=_("個人資料保護法第18條：每次檢視完整個資皆會記錄事由。")
    )


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")], initial="csv", label=_("格式"))
    personal_data = forms.BooleanField(required=False, label=_("含完整個資"))
    reason = forms.CharField(required=False, max_length=200, label=_("事由（含完整個資時必填）"))

    def __init__(self, *args, may_unmask=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_unmask = may_unmask

    def clean(self):
        data = super().clean()
        if data.get("personal_data"):
            if not self.may_unmask:
                self.add_error("personal_data", _("您的角色不能匯出完整個資。"))
            elif not (data.get("reason") or "").strip():
                self.add_error("reason", _("匯出完整個資須填寫事由。"))
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"))
    description = forms.CharField(label=_("說明"), max_length=200, required=False)


# --- stage moves: one small form per action; field names are the service's arguments ----------


class NoteForm(forms.Form):
    note = forms.CharField(label=_("說明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BusinessReplyForm(NoteForm):
    replied_on = _date_field(_("業者回覆日期"))
    reply = forms.CharField(label=_("回覆內容"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note = None


class SecondComplaintForm(NoteForm):
    filed_on = _date_field(_("第二次申訴日期"))


class SecondMeetingForm(NoteForm):
    meeting_on = _date_field(_("協商日期"), past=False)


class CloseForm(NoteForm):
    result = forms.ChoiceField(
        label=_("結果"), choices=[("", "---------")] + [(r.value, r.label) for r in DIRECT_CLOSE_RESULTS]
    )


class MediationApplyForm(NoteForm):
    applied_on = _date_field(_("申請調解日期"))
    court_argued = forms.BooleanField(label=_("爭議已於法院第一審言詞辯論終結"), required=False)
    respondent_agreed_retry = forms.BooleanField(label=_("相對人同意再行調解（曾調解不成立時）"), required=False)


COMPLAINT_ACTION_FORMS: dict[str, type[forms.Form]] = {
    Action.BUSINESS_REPLIED: BusinessReplyForm,
    Action.RESOLVED: NoteForm,
    Action.NOT_RESOLVED: NoteForm,
    Action.SECOND_FILED: SecondComplaintForm,
    Action.SECOND_MEETING: SecondMeetingForm,
    Action.SECOND_AGREED: NoteForm,
    Action.SECOND_FAILED: NoteForm,
    Action.MEDIATION_APPLIED: MediationApplyForm,
    Action.CLOSED: CloseForm,
}


class CorrectionForm(forms.Form):
    items = forms.CharField(label=_("應補正事項"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = _date_field(_("補正期限（空白依預設日數計算）"), required=False, past=False)


class CorrectedForm(forms.Form):
    corrected_on = _date_field(_("補正日期"))


class ScheduleForm(NoteForm):
    meeting = forms.ModelChoiceField(label=_("調解會議"), queryset=CommitteeMeeting.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = CommitteeMeeting.objects.filter(
            committee__kind=CommitteeKind.MEDIATION
        ).order_by("-held_on")


class ProposalForm(forms.Form):
    proposal = forms.CharField(label=_("調解方案"), widget=forms.Textarea(attrs={"rows": 3}))
    served_on = _date_field(_("送達日期"))


class ObjectionForm(NoteForm):
    filed_on = _date_field(_("異議日期"))


class MediationResultForm(NoteForm):
    result = forms.ChoiceField(
        label=_("調解結果"),
        choices=[("", "---------")]
        + [
            (s.value, s.label)
            for s in (
                MediationStatus.ESTABLISHED,
                MediationStatus.FAILED,
                MediationStatus.WITHDRAWN,
                MediationStatus.REJECTED,
            )
        ],
    )
    on = _date_field(_("結果日期"), required=False)


class CourtApprovedForm(forms.Form):
    approved_on = _date_field(_("法院核定日"))


MEDIATION_ACTION_FORMS: dict[str, type[forms.Form]] = {
    Action.MEDIATION_CORRECTION: CorrectionForm,
    Action.MEDIATION_CORRECTED: CorrectedForm,
    Action.MEDIATION_SCHEDULED: ScheduleForm,
    Action.MEDIATION_PROPOSAL: ProposalForm,
    Action.MEDIATION_OBJECTION: ObjectionForm,
    Action.MEDIATION_CLOSED: MediationResultForm,
    Action.COURT_APPROVED: CourtApprovedForm,
}


class MeetingForm(forms.ModelForm):
    class Meta:
        model = CommitteeMeeting
        fields = ["committee", "held_on", "title", "location", "minutes"]
        widgets = {"held_on": DateInput(), "minutes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].validators.append(validate_office_date)


class MemberChoiceField(forms.ModelMultipleChoiceField):
    """Committee members by id; an id no database integer holds is refused as an invalid choice
    (Django would pass it to the `IN (...)` query, where SQLite raises OverflowError)."""

    def _check_values(self, value):
        for pk in value:
            try:
                in_range = 0 < int(str(pk)) <= MAX_ID
            except ValueError:
                continue  # not a number: Django's own check names it
            if not in_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


class AttendanceForm(forms.Form):
    members = MemberChoiceField(
        label=_("出席委員"),
        queryset=CommitteeMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members_in_term=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members_in_term is not None:
            self.fields["members"].queryset = members_in_term


__all__ = ["COMPLAINT_ACTION_FORMS", "MEDIATION_ACTION_FORMS", "Result"]
