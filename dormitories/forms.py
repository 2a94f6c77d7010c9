"""Forms of the clerk's pages. They validate input; the services decide."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dormitories.choices import AssetEventKind, Finding
from dormitories.models import (
    AssetCategory,
    AssetLocation,
    Dormitory,
    Lending,
    Occupancy,
    OccupancyApplication,
    Repair,
)
from kaohsiung_admin.core.dates import validate_office_date
from kaohsiung_admin.core.uploads import UploadValidator

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MAX_PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_VALIDATOR = UploadValidator(("image",), max_bytes=MAX_PHOTO_BYTES)


class OfficeDateField(forms.DateField):
    widget = DATE

    def __init__(self, *args, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", []), validate_office_date]
        super().__init__(*args, **kwargs)


class DormitoryForm(forms.ModelForm):
    class Meta:
        model = Dormitory
        fields = [
            "code",
            "name",
            "kind",
            "address",
            "district",
            "rooms",
            "floor_area",
            "status",
            "is_mayor_residence",
            "is_lendable",
            "registered_on",
            "note",
        ]
        widgets = {"registered_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class OccupancyForm(forms.ModelForm):
    start_on = OfficeDateField(label=_("借住起日"))

    class Meta:
        model = Occupancy
        fields = [
            "occupant_user",
            "occupant_name",
            "occupant_national_id",
            "occupant_phone",
            "occupant_agency",
            "occupant_title",
            "eligibility_basis",
            "contract_number",
            "contract_signed_on",
            "contract_file",
            "start_on",
            "term_end_on",
            "note",
        ]
        widgets = {"contract_signed_on": DATE, "term_end_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        field = self.fields["occupant_user"]
        field.queryset = get_user_model().objects.filter(is_active=True, is_api_client=False).order_by("username")
        field.help_text = _("借用人為本府同仁時選擇其帳號；其他借用人僅填姓名。")

    def clean_occupant_national_id(self):
        return (self.cleaned_data.get("occupant_national_id") or "").strip().upper()


class EligibilityEndForm(forms.Form):
    ended_on = OfficeDateField(label=_("資格消滅日"))
    note = forms.CharField(label=_("說明"), max_length=200, required=False)


class MoveOutForm(forms.Form):
    moved_out_on = OfficeDateField(label=_("遷出日"))
    note = forms.CharField(label=_("說明"), max_length=200, required=False)


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("檢視事由"), max_length=200)


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = OccupancyApplication
        fields = [
            "kind",
            "applicant_name",
            "applicant_national_id",
            "applicant_phone",
            "applicant_agency",
            "eligibility_basis",
            "evidence",
            "evidence_file",
        ]

    def clean_applicant_national_id(self):
        return (self.cleaned_data.get("applicant_national_id") or "").strip().upper()


class AllocateForm(forms.Form):
    dormitory = forms.ModelChoiceField(label=_("配住宿舍"), queryset=Dormitory.objects.none())
    start_on = OfficeDateField(label=_("借住起日"))
    force = forms.BooleanField(label=_("不依排隊順序（須於備註說明）"), required=False)

    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Dormitory.objects.filter(status="vacant").order_by("code")
        self.fields["dormitory"].queryset = queryset.filter(kind=kind) if kind else queryset


class CheckRoundForm(forms.Form):
    year = forms.IntegerField(label=_("年度（西元）"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label=_("月份"), coerce=int, choices=[(m, f"{m}月") for m in range(1, 13)])
    opened_on = OfficeDateField(label=_("開始日"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.ImageField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            files = [single(item, initial) for item in data if item]
        else:
            files = [single(data, initial)] if data else []
        for item in files:
            if item.size > MAX_PHOTO_BYTES:
                raise forms.ValidationError(_("每張照片不可超過 10 MB。"))
            PHOTO_VALIDATOR(item)
        if len(files) > 10:
            raise forms.ValidationError(_("一次最多上傳 10 張照片。"))
        return files


class CheckItemForm(forms.Form):
    finding = forms.ChoiceField(label=_("查考結果"), choices=Finding.choices, widget=forms.RadioSelect)
    checked_on = OfficeDateField(label=_("查考日"))
    note = forms.CharField(label=_("說明"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    photos = MultipleImageField(label=_("照片"), required=False)


class RepairForm(forms.ModelForm):
    class Meta:
        model = Repair
        fields = ["dormitory", "kind", "reported_on", "description", "contractor", "cost"]
        widgets = {"reported_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dormitory"].queryset = Dormitory.objects.exclude(status="retired").order_by("code")
        self.fields["reported_on"].initial = timezone.localdate


class RepairUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("狀態"), choices=Repair._meta.get_field("status").choices)
    done_on = OfficeDateField(label=_("完工日"), required=False)
    cost = forms.DecimalField(label=_("費用"), min_value=0, max_digits=10, decimal_places=0, required=False)


class DisposalAdvanceForm(forms.Form):
    stage = forms.ChoiceField(label=_("進度"), choices=[])
    on = OfficeDateField(label=_("日期"))
    document_number = forms.CharField(label=_("核准文號"), max_length=40, required=False)
    note = forms.CharField(label=_("說明"), max_length=200, required=False)

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = list(stages)


class LendingForm(forms.ModelForm):
    start_at = forms.DateTimeField(label=_("借用開始"), widget=DATETIME)
    end_at = forms.DateTimeField(label=_("借用結束"), widget=DATETIME)

    class Meta:
        model = Lending
        fields = [
            "dormitory",
            "space",
            "borrower",
            "borrower_kind",
            "purpose",
            "event_name",
            "contact_name",
            "contact_phone",
            "start_at",
            "end_at",
            "attendees",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dormitory"].queryset = Dormitory.objects.filter(is_lendable=True).exclude(status="retired")

    def clean(self):
        data = super().clean()
        for name in ("start_at", "end_at"):
            value = data.get(name)
            if value is not None:
                try:
                    validate_office_date(value.date())
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("審核"),
        choices=[("1", _("核准")), ("0", _("駁回"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("審核意見"), max_length=200, required=False)


class AssetForm(forms.Form):
    category = forms.ModelChoiceField(label=_("分類"), queryset=AssetCategory.objects.order_by("code"))
    name = forms.CharField(label=_("名稱"), max_length=80)
    spec = forms.CharField(label=_("廠牌型式"), max_length=120, required=False)
    acquired_on = OfficeDateField(label=_("取得日期"))
    cost = forms.DecimalField(label=_("取得成本"), min_value=0, max_digits=12, decimal_places=0)
    life_years = forms.IntegerField(
        label=_("使用年限"), min_value=1, max_value=100, required=False, help_text=_("留空則依分類之最低使用年限。")
    )
    location = forms.ModelChoiceField(label=_("存置地點"), queryset=AssetLocation.objects.order_by("code"))
    custodian = forms.CharField(label=_("保管人"), max_length=40, required=False)
    custodian_unit = forms.CharField(label=_("保管單位"), max_length=40, required=False)
    voucher_number = forms.CharField(label=_("增加單編號"), max_length=30)


class AssetEventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("異動別"), choices=[c for c in AssetEventKind.choices if c[0] != AssetEventKind.ADD]
    )
    on = OfficeDateField(label=_("日期"), initial=datetime.date.today)
    voucher_number = forms.CharField(label=_("憑單編號"), max_length=30)
    to_location = forms.ModelChoiceField(
        label=_("新地點（異動保管）"), queryset=AssetLocation.objects.order_by("code"), required=False
    )
    custodian = forms.CharField(label=_("新保管人（異動保管）"), max_length=40, required=False)
    counterparty = forms.CharField(label=_("接受或購買單位"), max_length=100, required=False)
    amount = forms.DecimalField(
        label=_("金額（變賣價款）"), min_value=0, max_digits=12, decimal_places=0, required=False
    )
    approval_reference = forms.CharField(label=_("核准文號"), max_length=60, required=False)
    approved_by = forms.CharField(label=_("核准層級"), max_length=60, required=False)
    note = forms.CharField(label=_("說明"), max_length=200, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("財產清冊（CSV 或 XLSX）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("請上傳 CSV 或 XLSX 檔。"))
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("檔案不可超過 20 MB。"))
        UploadValidator(("csv", "xlsx"), max_bytes=20 * 1024 * 1024)(upload)  # content as its extension says
        return upload


class StocktakingOpenForm(forms.Form):
    location = forms.ModelChoiceField(label=_("盤點地點"), queryset=AssetLocation.objects.order_by("code"))
    year = forms.IntegerField(label=_("年度（西元）"), min_value=2000, max_value=2100)
    opened_on = OfficeDateField(label=_("開始日"))


class StockRecordForm(forms.Form):
    number = forms.CharField(
        label=_("財產編號"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True, "inputmode": "text"}),
    )
    method = forms.ChoiceField(choices=[("typed", "typed"), ("scan", "scan")], required=False, widget=forms.HiddenInput)


class CloseForm(forms.Form):
    closed_on = OfficeDateField(label=_("結束日"))


class PeriodForm(forms.Form):
    start = OfficeDateField(label=_("期間起"))
    end = OfficeDateField(label=_("期間迄"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("期間迄不可早於期間起。"))
        return data
