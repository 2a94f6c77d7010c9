"""Forms of the clerks' pages. They validate input; the services apply the rules."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.choices import (
    Action,
    MergeKind,
    Nature,
    NonAcceptanceGround,
    PetitionAction,
    PetitionChannel,
    PetitionKind,
    Security,
)
from documents.models import ControlYuanVisit, EExchangeOrganisation, GazetteIssue, MunicipalMeeting, OpenDataSet
from kaohsiung_admin.accounts.models import Division
from kaohsiung_admin.core.dates import validate_office_date
from kaohsiung_admin.core.uploads import UploadField, UploadValidator


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label, required=True, **kwargs):
    return forms.DateField(
        label=label, required=required, widget=DateInput(), validators=[validate_office_date], **kwargs
    )


def _staff():
    return get_user_model().objects.filter(is_active=True, is_api_client=False).order_by("division__code", "username")


class ReceiveForm(forms.Form):
    """登錄收文, laid out for typing a day's mail: the date and nature stay from one to the next."""

    received_on = _date(_("收文日期"))
    nature = forms.ChoiceField(label=_("公文性質"), choices=Nature.choices, initial=Nature.ORDINARY)
    subject = forms.CharField(
        label=_("主旨"), max_length=500, widget=forms.TextInput(attrs={"autofocus": True, "size": 60})
    )
    sender = forms.CharField(label=_("來文機關"), max_length=120, required=False)
    sender_reference = forms.CharField(label=_("來文字號"), max_length=80, required=False)
    document_date = _date(_("來文日期"), required=False)
    sender_due_on = _date(_("來文限期"), required=False, help_text=_("限期案件必填"))
    limit_days = forms.IntegerField(
        label=_("處理時限（日）"), required=False, min_value=1, max_value=730, help_text=_("專案管制、人民申請案件必填")
    )
    security = forms.ChoiceField(label=_("密等"), choices=Security.choices, initial=Security.NONE)
    unit = forms.ModelChoiceField(
        label=_("分文單位"), queryset=Division.objects.order_by("code"), required=False, help_text=_("選擇後即完成分文")
    )
    officer = forms.ModelChoiceField(label=_("承辦人"), queryset=_staff(), required=False)
    received_via_exchange = forms.BooleanField(label=_("電子交換來文"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = _staff()


class MoveForm(forms.Form):
    action = forms.ChoiceField(label=_("動作"), choices=Action.choices, widget=forms.HiddenInput)
    on = _date(_("日期"), required=False)
    note = forms.CharField(label=_("說明"), max_length=400, required=False)
    unit = forms.ModelChoiceField(label=_("承辦單位"), queryset=Division.objects.order_by("code"), required=False)
    officer = forms.ModelChoiceField(label=_("承辦人"), queryset=_staff(), required=False)
    addressee = forms.CharField(label=_("受文者"), max_length=200, required=False)
    sent_via_exchange = forms.BooleanField(label=_("以電子交換發文"), required=False)
    e_signed = forms.BooleanField(label=_("電子簽核"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = _staff()


class PauseForm(forms.Form):
    start = _date(_("暫停起日"))
    agency = forms.CharField(label=_("等待機關"), max_length=120)
    reason = forms.CharField(label=_("事由"), max_length=200, required=False)


class ResumeForm(forms.Form):
    end = _date(_("暫停迄日"), help_text=_("最後一個暫停計時的日子"))


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("展期日數"), min_value=1, max_value=30)
    reason = forms.CharField(label=_("展期理由"), max_length=300)


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("決定"), choices=[("1", _("核准")), ("0", _("駁回"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("審核意見"), max_length=200, required=False)


class MergeForm(forms.Form):
    kind = forms.ChoiceField(label=_("彙併辦"), choices=MergeKind.choices)
    pieces = forms.CharField(
        label=_("併入文號"), max_length=400, help_text=_("以逗號或空白分隔，例：1110000123, 1110000124")
    )
    on = _date(_("日期"), required=False)

    def clean_pieces(self):
        raw = self.cleaned_data["pieces"].replace("，", ",").replace("、", ",").replace(",", " ")
        numbers = [n.strip() for n in raw.split() if n.strip()]
        if not numbers or len(numbers) > 20:
            raise forms.ValidationError(_("請填寫 1 至 20 個文號。"))
        return numbers


class AttachmentForm(forms.Form):
    file = UploadField(label=_("檔案"))
    description = forms.CharField(label=_("說明"), max_length=200, required=False)


class PetitionForm(forms.Form):
    received_on = _date(_("收件日期"))
    kind = forms.ChoiceField(label=_("類別"), choices=PetitionKind.choices, initial=PetitionKind.PETITION)
    channel = forms.ChoiceField(label=_("受理管道"), choices=PetitionChannel.choices, initial=PetitionChannel.ONLINE)
    visit = forms.ModelChoiceField(
        label=_("監察院巡察"), queryset=ControlYuanVisit.objects.order_by("-start_on"), required=False
    )
    subject = forms.CharField(label=_("案由"), max_length=300)
    content = forms.CharField(label=_("陳情內容"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    petitioner_name = forms.CharField(label=_("陳情人"), max_length=60, required=False)
    petitioner_phone = forms.CharField(label=_("聯絡電話"), max_length=20, required=False)
    petitioner_email = forms.EmailField(label=_("電子郵件"), required=False)
    petitioner_address = forms.CharField(label=_("通訊地址"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visit"].queryset = ControlYuanVisit.objects.order_by("-start_on")


class PetitionMoveForm(forms.Form):
    action = forms.ChoiceField(choices=PetitionAction.choices, widget=forms.HiddenInput)
    on = _date(_("日期"), required=False)
    agency = forms.CharField(label=_("機關"), max_length=120, required=False)
    days = forms.IntegerField(label=_("展期日數"), min_value=1, max_value=365, required=False)
    content = forms.CharField(label=_("答復內容"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    ground = forms.ChoiceField(
        label=_("不予受理理由"), choices=[("", "—"), *NonAcceptanceGround.choices], required=False
    )
    note = forms.CharField(label=_("說明"), max_length=300, required=False)


class UnmaskForm(forms.Form):
    reason = forms.CharField(label=_("檢視完整個資之事由"), max_length=200)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = EExchangeOrganisation
        fields = ["name", "tax_id", "contact", "registered_on", "withdrawn_on"]
        widgets = {"registered_on": DateInput(), "withdrawn_on": DateInput()}


class DataSetForm(forms.ModelForm):
    url = forms.URLField(label=_("網址"), required=False, assume_scheme="https")

    class Meta:
        model = OpenDataSet
        fields = ["title", "data_format", "url", "published_on", "withdrawn_on"]
        widgets = {"published_on": DateInput(), "withdrawn_on": DateInput()}


class GazetteForm(forms.ModelForm):
    class Meta:
        model = GazetteIssue
        fields = ["year", "number", "kind", "issue_on", "published", "items"]
        widgets = {"issue_on": DateInput()}


class MeetingForm(forms.ModelForm):
    class Meta:
        model = MunicipalMeeting
        fields = ["kind", "session", "held_on", "chair", "minutes", "minutes_file"]
        widgets = {"held_on": DateInput(), "minutes": forms.Textarea(attrs={"rows": 6})}


class GenerateGazetteForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度（西元）"), min_value=1912, max_value=2200, initial=lambda: timezone.localdate().year
    )


class CalendarImportForm(forms.Form):
    year = forms.IntegerField(label=_("年度（西元）"), min_value=1912, max_value=2200)
    file = forms.FileField(
        label=_("辦公日曆表（CSV）"),
        validators=[UploadValidator(("csv",))],
        help_text=_("行政院人事行政總處公告之「中華民國政府行政機關辦公日曆表」CSV：西元日期,星期,是否放假,備註"),
    )
    dry_run = forms.BooleanField(label=_("僅檢查，不寫入"), required=False)
