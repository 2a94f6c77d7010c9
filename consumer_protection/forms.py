"""Forms of the officers' pages. They validate; services.py decides and writes."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consumer_protection.attachments import allowed_types_label, validate_attachment
from consumer_protection.choices import (
    Action,
    AttendeeSide,
    CommitteeKind,
    MediationStatus,
    Party,
    RejectionGround,
    Result,
    SecondMeetingOutcome,
    SmallClaimInitiative,
)
from consumer_protection.models import (
    CommitteeMeeting,
    CommitteeMember,
    Complaint,
    Consultation,
    EducationEvent,
    InspectionRound,
    InspectionVenue,
    Training,
)
from consumer_protection.services import DIRECT_CLOSE_RESULTS
from consumer_protection.validators import validate_not_future
from kaohsiung_admin.core.dates import validate_office_date
from kaohsiung_admin.core.filters import MAX_ID
from kaohsiung_admin.core.formatting import display_date
from kaohsiung_admin.core.personal_data import is_valid_national_id


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date_field(label, *, required=True, past=True, **kwargs):
    validators = [validate_office_date, validate_not_future] if past else [validate_office_date]
    return forms.DateField(label=label, required=required, widget=DateInput(), validators=validators, **kwargs)


class CaseNumberField(forms.CharField):
    """A complaint typed by its case number (115消申字第00013號) or its id."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        value = value.strip()
        found = Complaint.objects.filter(case_number=value).first()
        if found is None and value.isdigit() and int(value) <= MAX_ID:
            found = Complaint.objects.filter(pk=int(value)).first()
        if found is None:
            raise forms.ValidationError(_("查無案號「%(number)s」。") % {"number": value}, code="unknown_case")
        return found


DUPLICATE_DECISIONS = [
    ("", _("（請選擇）")),
    ("file", _("確認不是重複申訴，照常登錄")),
    ("reject", _("登錄並以「重複申訴」不受理")),
]


class ComplaintForm(forms.ModelForm):
    """A complaint taken at the phone: one page, one save (attachment included).

    Before saving, earlier complaints by the same complainant against the same trader are
    offered (`duplicates`); when there are some the officer decides: file it anyway, or file it
    and reject it as a duplicate of the chosen earlier case (the ground is recorded)."""

    attachment = forms.FileField(
        label=_("附件"),
        required=False,
        help_text=_("契約、收據、對話截圖等（選填；%(types)s，10 MB 以內）") % {"types": allowed_types_label()},
        validators=[validate_attachment],
    )
    duplicate_decision = forms.ChoiceField(label=_("疑似重複申訴"), choices=DUPLICATE_DECISIONS, required=False)
    duplicate_of = forms.ModelChoiceField(
        label=_("重複之案件"), queryset=Complaint.objects.none(), required=False, widget=forms.RadioSelect
    )

    fieldsets = [
        (_("受理"), ["channel", "first_received_by", "first_filed_on", "category", "competent_agency", "officer"]),
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
            "competent_agency",
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
        self.fields["competent_agency"].help_text = _("空白時依消費類別帶入該類別的主管機關。")
        self.duplicates = []

    def offer_duplicates(self, duplicates):
        """Earlier complaints that look like this one: the form asks for a decision."""
        self.duplicates = list(duplicates)
        self.fields["duplicate_of"].queryset = Complaint.objects.filter(pk__in=[d.pk for d in self.duplicates])
        self.fields["duplicate_of"].label_from_instance = lambda c: (
            f"{c.case_number}（{display_date(c.first_filed_on, long=False)}）"
        )

    def decide_duplicates(self) -> bool:
        """After is_valid(): True when the officer has decided what to do with the offered
        duplicates (or there are none); else the form carries the question as an error."""
        if not self.duplicates:
            return True
        decision = self.cleaned_data.get("duplicate_decision")
        if decision == "file":
            return True
        if decision == "reject":
            if self.cleaned_data.get("duplicate_of") is None:
                self.add_error("duplicate_of", _("請選擇與本件重複的先前案件。"))
                return False
            return True
        self.add_error(
            "duplicate_decision",
            _(
                "同一申訴人對同一業者近期已有 %(n)d 件申訴；請確認是否為重複申訴（消費者保護法施行細則：重複申訴得不予受理）。"
            )
            % {"n": len(self.duplicates)},
        )
        return False

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
        fields = [
            "channel",
            "category",
            "is_anonymous",
            "consumer_name",
            "consumer_phone",
            "business_name",
            "summary",
            "answer",
        ]
        help_texts = {"is_anonymous": _("諮詢不是申訴，可不留姓名與電話。")}
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
    file = forms.FileField(
        label=_("附件"),
        validators=[validate_attachment],
        help_text=_("%(types)s，10 MB 以內") % {"types": allowed_types_label()},
    )
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
    rejection_ground = forms.ChoiceField(
        label=_("不受理理由"), required=False, choices=[("", "---------"), *RejectionGround.choices]
    )
    duplicate_of = CaseNumberField(
        label=_("重複之案件（案號）"), required=False, help_text=_("以重複申訴不受理時填寫，例：111消申字第00001號")
    )

    def clean(self):
        data = super().clean()
        if data.get("result") == Result.REJECTED and not data.get("rejection_ground"):
            self.add_error("rejection_ground", _("不受理須選擇理由。"))
        if data.get("rejection_ground") == RejectionGround.DUPLICATE and not data.get("duplicate_of"):
            self.add_error("duplicate_of", _("以重複申訴不受理，須填寫先前案件的案號。"))
        return data


class ReferForm(NoteForm):
    agency = forms.CharField(label=_("目的事業主管機關"), max_length=80)
    referred_on = _date_field(_("移請日期"))


class AgencyReplyForm(forms.Form):
    replied_on = _date_field(_("回復日期"))
    reply = forms.CharField(label=_("回復內容"), widget=forms.Textarea(attrs={"rows": 2}))


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
    Action.REFERRED: ReferForm,
    Action.AGENCY_REPLIED: AgencyReplyForm,
}


class SecondMinutesForm(forms.Form):
    """第二次申訴協調會: the meeting; its attendees come from AttendeeFormSet."""

    held_at = forms.DateTimeField(
        label=_("開會時間"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    place = forms.CharField(label=_("地點"), max_length=120)
    chair = forms.CharField(label=_("主席"), max_length=60)
    minutes = forms.CharField(label=_("會議紀錄"), widget=forms.Textarea(attrs={"rows": 6}))
    outcome = forms.ChoiceField(label=_("協商結果"), choices=[("", "---------"), *SecondMeetingOutcome.choices])


class AttendeeForm(forms.Form):
    side = forms.ChoiceField(label=_("出席身分"), choices=[("", "---------"), *AttendeeSide.choices], required=False)
    name = forms.CharField(label=_("姓名"), max_length=60, required=False)
    capacity = forms.CharField(label=_("職稱／關係"), max_length=60, required=False)
    attended = forms.BooleanField(label=_("出席"), required=False, initial=True)

    def clean(self):
        data = super().clean()
        if data.get("name", "").strip() and not data.get("side"):
            self.add_error("side", _("請選擇出席身分。"))
        if data.get("side") and not data.get("name", "").strip():
            self.add_error("name", _("請填寫姓名。"))
        return data


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=6, max_num=40, validate_max=True)


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
    party = forms.ChoiceField(
        label=_("異議之當事人"),
        required=False,
        choices=[("", "---------"), *Party.choices],
        help_text=_("小額消費爭議解決方案之異議須填寫（消費者保護法第45條之5）。"),
    )


class SmallClaimAbsenceForm(NoteForm):
    party = forms.ChoiceField(label=_("不到場之當事人"), choices=[("", "---------"), *Party.choices])
    absent_on = _date_field(_("調解期日"))


class SmallClaimProposalForm(forms.Form):
    proposal = forms.CharField(label=_("解決方案"), widget=forms.Textarea(attrs={"rows": 3}))
    served_on = _date_field(_("送達日期"))
    initiative = forms.ChoiceField(label=_("提出方式"), choices=SmallClaimInitiative.choices)


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
    Action.SMALL_CLAIM_ABSENCE: SmallClaimAbsenceForm,
    Action.SMALL_CLAIM_PROPOSAL: SmallClaimProposalForm,
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


# --- committee work, recusal, registry ----------------------------------------------------------


class CommitteeMemberForm(forms.ModelForm):
    """One appointment; the roster's rules are checked by services.committee_member_save."""

    class Meta:
        model = CommitteeMember
        fields = [
            "name",
            "member_type",
            "seat",
            "gender",
            "affiliation",
            "is_chair",
            "user",
            "term_start",
            "term_end",
        ]
        widgets = {"term_start": DateInput(), "term_end": DateInput()}


class RosterCheckForm(forms.Form):
    on = forms.DateField(label=_("檢核日期"), widget=DateInput(), required=False)


class InterestDeclarationForm(forms.Form):
    member = forms.ModelChoiceField(label=_("委員"), queryset=CommitteeMember.objects.none())
    reason = forms.CharField(label=_("利害關係"), max_length=200, help_text=_("例：曾任相對人法律顧問"))
    declared_on = _date_field(_("聲明日期"))

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["member"].queryset = members


class RepeatOffenderForm(forms.Form):
    start = forms.DateField(label=_("期間起"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("期間迄"), widget=DateInput(), required=False)
    minimum = forms.IntegerField(label=_("申訴件數達"), min_value=2, max_value=1000, initial=3, required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("期間迄日不可早於起日。"))
        return data


class InspectionRoundForm(forms.ModelForm):
    class Meta:
        model = InspectionRound
        fields = ["held_on", "title", "category", "agencies", "notes"]
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}


class InspectionVenueForm(forms.ModelForm):
    class Meta:
        model = InspectionVenue
        fields = ["business_name", "address", "findings", "outcome", "follow_up", "follow_up_due_on"]
        widgets = {
            "follow_up_due_on": DateInput(),
            "findings": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }


class EducationEventForm(forms.ModelForm):
    class Meta:
        model = EducationEvent
        fields = ["held_on", "kind", "title", "audience", "location", "attendance"]
        widgets = {"held_on": DateInput()}


class TrainingForm(forms.ModelForm):
    participants = forms.CharField(
        label=_("參加人員"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一人：姓名，單位（例：王小明，鳳山區公所）"),
    )

    class Meta:
        model = Training
        fields = ["held_on", "title", "co_organiser", "location", "topics"]
        widgets = {"held_on": DateInput(), "topics": forms.Textarea(attrs={"rows": 2})}

    def clean_participants(self):
        rows = []
        for line in (self.cleaned_data.get("participants") or "").splitlines():
            line = line.strip()
            if not line:
                continue
            name, _sep, organisation = line.replace("，", ",").partition(",")
            if len(name.strip()) > 60 or len(organisation.strip()) > 120:
                raise forms.ValidationError(_("姓名或單位過長：%(line)s") % {"line": line})
            rows.append((name.strip(), organisation.strip()))
        return rows


class ResolutionForm(forms.Form):
    subject = forms.CharField(label=_("案由"), max_length=200)
    decision = forms.CharField(label=_("決議"), widget=forms.Textarea(attrs={"rows": 2}))
