"""Forms of building care: an obligation on the calendar, an inspection done and its findings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from facilities.choices import MaintenanceCategory, MaintenanceUrgency
from facilities.forms import DATE
from facilities.models import InspectionObligation, InspectionRecord


class ObligationForm(forms.ModelForm):
    class Meta:
        model = InspectionObligation
        fields = [
            "center",
            "kind",
            "scope",
            "next_due_on",
            "cycle_months",
            "remind_days",
            "responsible",
            "basis",
            "note",
        ]
        widgets = {"next_due_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "cycle_months": _("空白則依 facilities/rules.py 之預設週期。"),
            "basis": _("空白則填入預設之法令依據。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle_months"].required = False
        self.fields["remind_days"].required = False

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("cycle_months", "remind_days"):
            if data.get(name) in (None, ""):
                data.pop(name, None)
        return data


class InspectionRecordForm(forms.ModelForm):
    raise_repairs = forms.BooleanField(
        label=_("缺失逐項開立報修"), required=False, initial=True, help_text=_("每項缺失建立一筆報修，並互相連結。")
    )

    class Meta:
        model = InspectionRecord
        fields = ["inspected_on", "inspector", "result", "certificate_no", "certificate", "valid_until", "note"]
        widgets = {"inspected_on": DATE, "valid_until": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class FindingForm(forms.Form):
    description = forms.CharField(label=_("缺失內容"), max_length=200, required=False)
    location = forms.CharField(label=_("地點"), max_length=80, required=False)
    category = forms.ChoiceField(label=_("報修類別"), choices=MaintenanceCategory.choices, required=False)
    urgency = forms.ChoiceField(
        label=_("緊急程度"), choices=MaintenanceUrgency.choices, initial=MaintenanceUrgency.NORMAL, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("description") and not data.get("category"):
            self.add_error("category", _("請選擇報修類別。"))
        return data


FindingFormSet = forms.formset_factory(FindingForm, extra=3, max_num=20, absolute_max=20)


def findings_from(formset) -> list[dict]:
    return [
        {k: v for k, v in form.cleaned_data.items() if v}
        for form in formset.forms
        if form.cleaned_data.get("description")
    ]
