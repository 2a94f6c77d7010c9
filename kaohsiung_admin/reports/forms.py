from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kaohsiung_admin.reports import services
from kaohsiung_admin.reports.models import FigureKind, ManualFigure, ReportDefinition, ReportItem, ReportSection

PLACEHOLDER_HELP = _("數字請以 {{ 代碼 }} 引用（代碼見右側清單），年度可寫 {{ roc_year }}；每一行為一段。")


class ReportItemForm(forms.ModelForm):
    class Meta:
        model = ReportItem
        fields = ["title", "narrative"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"narrative": PLACEHOLDER_HELP}

    def clean(self):
        cleaned = super().clean()
        text = f"{cleaned.get('title', '')}\n{cleaned.get('narrative', '')}"
        try:
            services.narrative_validate(text=text, year=self.instance.section.definition.year)
        except ValidationError as error:
            self.add_error("narrative", error)
        return cleaned


class ReportSectionForm(forms.ModelForm):
    class Meta:
        model = ReportSection
        fields = ["heading", "narrative"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"narrative": PLACEHOLDER_HELP}

    def clean_narrative(self):
        text = self.cleaned_data["narrative"]
        services.narrative_validate(text=text, year=self.instance.definition.year)
        return text


class ManualFigureForm(forms.ModelForm):
    class Meta:
        model = ManualFigure
        fields = ["key", "label", "unit", "kind", "value", "source"]
        help_texts = {"value": _("比率請填小數（90.7% 填 0.907）；金額填元。")}

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        if self.instance.pk:
            self.fields["key"].disabled = True
        self.fields["kind"].choices = FigureKind.choices

    def clean_key(self):
        key = self.cleaned_data["key"].strip()
        if not key.startswith("manual."):
            raise ValidationError(_("人工填報數字的代碼須以 manual. 開頭。"))
        if not self.instance.pk and ManualFigure.objects.filter(year=self.year, key=key).exists():
            raise ValidationError(_("本年度已有此代碼，請直接修改該筆。"))
        return key

    def clean(self):
        cleaned = super().clean()
        value = cleaned.get("value")
        if cleaned.get("kind") == FigureKind.PERCENT and value is not None and not (0 <= value <= 1):
            self.add_error("value", _("比率請以小數填寫，介於 0 與 1 之間（90.7% 填 0.907）。"))
        return cleaned


class DefinitionCopyForm(forms.Form):
    source = forms.ModelChoiceField(label=_("複製來源年度"), queryset=ReportDefinition.objects.all())
    roc_year = forms.IntegerField(label=_("新年度（民國）"), min_value=1, max_value=200)

    def clean_roc_year(self):
        roc = self.cleaned_data["roc_year"]
        if ReportDefinition.objects.filter(year=roc + 1911).exists():
            raise ValidationError(_("%(roc)s年度的報告已存在。") % {"roc": roc})
        return roc


class BuildRequestForm(forms.Form):
    roc_year = forms.IntegerField(label=_("年度（民國）"), min_value=1, max_value=200)

    def clean_roc_year(self):
        roc = self.cleaned_data["roc_year"]
        self.definition = ReportDefinition.objects.filter(year=roc + 1911).first()
        if self.definition is None:
            raise ValidationError(_("%(roc)s年度尚無報告內容，請先建立（可複製前一年度）。") % {"roc": roc})
        return roc
