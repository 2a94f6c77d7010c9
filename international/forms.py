"""Forms of the officer's pages. They validate input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from international.choices import GiftDirection, GiftDisposition
from international.models import Agreement, City, Country, Dignitary, ExchangeActivity, Gift, MissionContact, VisitCase
from kaohsiung_admin.core.dates import validate_office_date

DATE = forms.DateInput(attrs={"type": "date"})


class VisitForm(forms.ModelForm):
    countries = forms.ModelMultipleChoiceField(
        label=_("國家"), queryset=Country.objects.order_by("name_zh"), widget=forms.SelectMultiple(attrs={"size": 6})
    )

    class Meta:
        model = VisitCase
        fields = [
            "arrived_on", "left_on", "delegation", "leader", "organisation", "countries", "city", "mission",
            "persons", "host_level", "hosts", "purpose", "programme", "venues", "venue_booking_id",
            "contact_name", "contact_phone", "contact_email",
        ]  # fmt: skip
        widgets = {"arrived_on": DATE, "left_on": DATE, "purpose": forms.Textarea(attrs={"rows": 2}),
                   "programme": forms.Textarea(attrs={"rows": 3})}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].required = False
        self.fields["city"].queryset = City.objects.order_by("name_zh")
        for name in ("arrived_on", "left_on"):
            self.fields[name].validators.append(validate_office_date)


class ActivityForm(forms.ModelForm):
    cities = forms.ModelMultipleChoiceField(
        label=_("城市"), queryset=City.objects.order_by("name_zh"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )  # fmt: skip

    class Meta:
        model = ExchangeActivity
        fields = ["kind", "title", "starts_on", "ends_on", "cities", "country", "mission", "programme", "venue",
                  "participants", "delegation", "description"]  # fmt: skip
        widgets = {"starts_on": DATE, "ends_on": DATE, "delegation": forms.Textarea(attrs={"rows": 3}),
                   "description": forms.Textarea(attrs={"rows": 3})}  # fmt: skip


class GiftForm(forms.ModelForm):
    class Meta:
        model = Gift
        fields = ["direction", "date", "description", "quantity", "estimated_value", "counterpart",
                  "private_person_name", "private_person_phone", "city", "mission", "visit", "staff",
                  "staff_count", "interested_party", "official_etiquette", "kept_at"]  # fmt: skip
        widgets = {"date": DATE, "visit": forms.NumberInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].initial = GiftDirection.RECEIVED
        self.fields["date"].validators.append(validate_office_date)


class GiftReportForm(forms.Form):
    reported_on = forms.DateField(label=_("簽報日期"), widget=DATE, validators=[validate_office_date])


class GiftDecisionForm(forms.Form):
    disposition = forms.ChoiceField(label=_("處理方式"), choices=GiftDisposition.choices)
    reason = forms.CharField(label=_("政風單位意見"), max_length=200, required=False)


class AgreementForm(forms.ModelForm):
    cities = forms.ModelMultipleChoiceField(
        label=_("締約城市"), queryset=City.objects.order_by("name_zh"), widget=forms.SelectMultiple(attrs={"size": 6})
    )

    class Meta:
        model = Agreement
        fields = ["title", "kind", "cities", "signed_on", "signed_at", "kaohsiung_signatory", "partner_signatory",
                  "term_years", "supersedes", "document", "document_reference", "notes"]  # fmt: skip
        widgets = {"signed_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].validators.append(validate_office_date)
        self.fields["supersedes"].queryset = Agreement.objects.filter(status="in_force").order_by("-signed_on")


class UnmaskForm(forms.Form):
    reason = forms.CharField(label=_("檢視事由"), max_length=200)


class PartnershipEndForm(forms.Form):
    ended_on = forms.DateField(label=_("終止日期"), widget=DATE, validators=[validate_office_date])
    reason = forms.CharField(label=_("終止原因"), max_length=200)


class CityForm(forms.ModelForm):
    class Meta:
        model = City
        fields = ["code", "name_zh", "name_local", "country", "level", "head", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class MissionContactForm(forms.ModelForm):
    class Meta:
        model = MissionContact
        fields = ["kind", "date", "dignitary", "summary"]
        widgets = {"date": DATE}

    def __init__(self, *args, mission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].validators.append(validate_office_date)
        if mission is not None:
            self.fields["dignitary"].queryset = Dignitary.objects.filter(appointments__mission=mission).distinct()


class AppointmentForm(forms.Form):
    """A new head of the mission (the previous head's term ends the day before)."""

    name_zh = forms.CharField(label=_("中文姓名"), max_length=60)
    name_local = forms.CharField(label=_("原文姓名"), max_length=120, required=False)
    title = forms.CharField(label=_("職稱"), max_length=100)
    started_on = forms.DateField(label=_("到任日期"), widget=DATE, validators=[validate_office_date])
