import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from facilities.choices import (
    MAINTENANCE_FLOW,
    Center,
    MaintenanceStatus,
    PublicSpaceKind,
    Recurrence,
    ResourceType,
    VehicleKind,
    VenueGroup,
)
from facilities.models import (
    Closure,
    EquipmentItem,
    FeeRule,
    MaintenanceRequest,
    PublicSpaceRequest,
    Resource,
    Vehicle,
    Venue,
    VenuePhoto,
)
from kaohsiung_admin.core.dates import validate_office_date
from kaohsiung_admin.core.uploads import UploadField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ResourceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class _WhenForm(forms.Form):
    """A date and a time span on it, combined into aware datetimes in `cleaned_data`."""

    day = forms.DateField(label=_("日期"), widget=DATE, validators=[validate_office_date])
    start_time = forms.TimeField(label=_("開始時間"), widget=TIME)
    end_time = forms.TimeField(label=_("結束時間"), widget=TIME)

    def clean(self):
        data = super().clean()
        day, start_time, end_time = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start_time and end_time:
            if end_time <= start_time:
                self.add_error("end_time", _("結束時間必須晚於開始時間。"))
            else:
                tz = timezone.get_current_timezone()
                data["start"] = timezone.make_aware(datetime.datetime.combine(day, start_time), tz)
                data["end"] = timezone.make_aware(datetime.datetime.combine(day, end_time), tz)
        return data

    @staticmethod
    def initial_from_query(query) -> dict:
        """Prefill from ?resource=&start=&end= (the calendar's free-slot links)."""
        initial = {}
        resource = query.get("resource", "")
        # isdecimal, not isdigit ("²" is a digit int() refuses); an id has at most 18 digits
        if resource.isdecimal() and len(resource) <= 18:
            initial["resource"] = int(resource)
        for key, target in (("start", "start_time"), ("end", "end_time")):
            try:
                value = datetime.datetime.fromisoformat(query.get(key, ""))
            except ValueError:
                continue
            initial["day"] = value.date()
            initial[target] = value.time()
        return initial


class BookingForm(_WhenForm):
    resource = ResourceChoiceField(
        label=_("場地"), queryset=Resource.objects.filter(resource_type=ResourceType.VENUE, is_active=True)
    )
    field_order = ["resource", "day", "start_time", "end_time"]
    title = forms.CharField(label=_("活動名稱"), max_length=120)
    organiser = forms.CharField(label=_("申請單位"), max_length=80, required=False)
    attendees = forms.IntegerField(label=_("人數"), min_value=0, max_value=100000, initial=0)
    contact_phone = forms.CharField(label=_("聯絡電話"), max_length=20, required=False)
    note = forms.CharField(label=_("備註"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    recurrence = forms.ChoiceField(label=_("重複"), choices=Recurrence.choices, required=False)
    until = forms.DateField(
        label=_("重複至"),
        required=False,
        widget=DATE,
        help_text=_("重複預約的最後日期（含）"),
        validators=[validate_office_date],
    )

    def clean(self):
        data = super().clean()
        recurrence, until, day = data.get("recurrence"), data.get("until"), data.get("day")
        if recurrence:
            if not until:
                self.add_error("until", _("重複預約請填寫重複至哪一天。"))
            elif day and until <= day:
                self.add_error("until", _("重複至的日期須晚於第一次使用日。"))
            elif day and (until - day).days > 366:
                self.add_error("until", _("重複預約最長一年。"))
        resource, attendees = data.get("resource"), data.get("attendees")
        venue = getattr(resource, "venue", None) if resource else None
        if venue and venue.capacity and attendees and attendees > venue.capacity:
            self.add_error("attendees", _("人數超過場地容量（%(n)s 人）。") % {"n": venue.capacity})
        return data

    def booking_details(self) -> dict:
        data = self.cleaned_data
        return {
            "organiser": data["organiser"],
            "attendees": data["attendees"] or 0,
            "contact_phone": data["contact_phone"],
            "note": data["note"],
        }


class TripForm(_WhenForm):
    """派車申請: the kind of car and the seats; any free car of that kind is dispatched."""

    kind = forms.ChoiceField(label=_("車種"), choices=VehicleKind.choices, initial=VehicleKind.OFFICIAL_CAR)
    center = forms.ChoiceField(label=_("出發行政中心"), choices=[("", _("不限")), *Center.choices], required=False)
    field_order = ["kind", "center", "day", "start_time", "end_time"]
    destination = forms.CharField(label=_("目的地"), max_length=120)
    title = forms.CharField(label=_("事由"), max_length=120)
    passengers = forms.IntegerField(label=_("乘車人數"), min_value=1, max_value=60, initial=1)
    passenger_names = forms.CharField(label=_("乘車人員"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("聯絡電話"), max_length=20, required=False)

    @staticmethod
    def initial_from_query(query) -> dict:
        initial = _WhenForm.initial_from_query(query)
        resource = initial.pop("resource", None)
        if resource is not None:
            kind = Vehicle.objects.filter(resource_id=resource).values_list("kind", flat=True).first()
            if kind:
                initial["kind"] = kind
        return initial


class TripAssignForm(forms.Form):
    vehicle = forms.ModelChoiceField(
        label=_("派車車輛"), queryset=Vehicle.objects.filter(resource__is_active=True).select_related("resource")
    )
    driver_name = forms.CharField(label=_("本趟駕駛"), max_length=40, required=False, help_text=_("留空則為該車駕駛"))
    driver_phone = forms.CharField(label=_("駕駛電話"), max_length=20, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=200, required=False)


class CancelForm(forms.Form):
    """Asked once before a cancellation: the reason is recorded and shown to the other side."""

    reason = forms.CharField(
        label=_("取消原因"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("請填寫取消原因。")},
    )
    whole_series = forms.BooleanField(label=_("取消整個週期之後的所有日期"), required=False)

    def __init__(self, *args, series_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        if series_count < 2:
            self.fields.pop("whole_series")
        else:
            self.fields["whole_series"].help_text = _("共 %(n)s 筆尚未開始的預約。") % {"n": series_count}


class ChangeForm(_WhenForm):
    """Change a booking: time, room (or car), head-count, title. For a series, optionally every
    coming date at the same hours."""

    resource = ResourceChoiceField(label=_("場地"), queryset=Resource.objects.none())
    field_order = ["resource", "day", "start_time", "end_time"]
    title = forms.CharField(label=_("活動名稱"), max_length=120)
    organiser = forms.CharField(label=_("申請單位"), max_length=80, required=False)
    attendees = forms.IntegerField(label=_("人數"), min_value=0, max_value=100000)
    contact_phone = forms.CharField(label=_("聯絡電話"), max_length=20, required=False)
    note = forms.CharField(label=_("備註"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    whole_series = forms.BooleanField(
        label=_("套用到整個週期之後的所有日期"),
        required=False,
        help_text=_("每個日期改為相同的開始與結束時間；任一日期無法變更時，整個週期都不變更。"),
    )

    def __init__(self, *args, booking, **kwargs):
        local_start, local_end = timezone.localtime(booking.start), timezone.localtime(booking.end)
        initial = {
            "resource": booking.resource_id,
            "day": local_start.date(),
            "start_time": local_start.time(),
            "end_time": local_end.time(),
            "title": booking.title,
            "organiser": booking.organiser,
            "attendees": booking.attendees,
            "contact_phone": booking.contact_phone,
            "note": booking.note,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["resource"].queryset = Resource.objects.filter(
            resource_type=booking.resource.resource_type, is_active=True
        ) | Resource.objects.filter(pk=booking.resource_id)
        if booking.resource.resource_type == ResourceType.VEHICLE:
            self.fields["resource"].label = _("車輛")
            self.fields["title"].label = _("事由")
        if booking.series_id is None:
            self.fields.pop("whole_series")

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "resource": data["resource"],
            "start": data["start"],
            "end": data["end"],
            "title": data["title"],
            "organiser": data["organiser"],
            "attendees": data["attendees"] or 0,
            "contact_phone": data["contact_phone"],
            "note": data["note"],
        }


class TripLogForm(forms.Form):
    odometer_start = forms.IntegerField(label=_("出車里程"), min_value=0, max_value=9_999_999)
    odometer_end = forms.IntegerField(label=_("回場里程"), min_value=0, max_value=9_999_999)
    departed_at = forms.DateTimeField(
        label=_("實際出車"), required=False, widget=DATETIME, validators=[validate_office_date]
    )
    returned_at = forms.DateTimeField(
        label=_("實際回場"), required=False, widget=DATETIME, validators=[validate_office_date]
    )
    fuel_out = forms.IntegerField(label=_("出車油量（%）"), min_value=0, max_value=100, required=False)
    fuel_in = forms.IntegerField(label=_("回場油量（%）"), min_value=0, max_value=100, required=False)
    damage_out = forms.CharField(
        label=_("出車車況"), max_length=200, required=False, help_text=_("例如：右後保險桿舊刮痕")
    )
    damage_in = forms.CharField(label=_("回場車況（新增損傷）"), max_length=200, required=False)
    note = forms.CharField(label=_("備註"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("odometer_start"), data.get("odometer_end")
        if start is not None and end is not None and end < start:
            self.add_error("odometer_end", _("回場里程不可小於出車里程。"))
        return data


class MaintenanceForm(forms.ModelForm):
    class Meta:
        model = MaintenanceRequest
        fields = ["center", "category", "urgency", "location", "description", "reporter_unit", "contact_phone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # 普通 unless the reporter says otherwise (older clients and forms do not send it)
        self.fields["urgency"].required = False

    def clean_urgency(self):
        return self.cleaned_data.get("urgency") or MaintenanceRequest._meta.get_field("urgency").default


class MaintenanceAdvanceForm(forms.Form):
    status = forms.ChoiceField(label=_("改為"))
    contractor = forms.CharField(label=_("維修廠商／人員"), max_length=80, required=False)
    resolution = forms.CharField(label=_("處理情形"), max_length=200, required=False)

    def __init__(self, *args, request: MaintenanceRequest, user, **kwargs):
        super().__init__(*args, **kwargs)
        nexts = MAINTENANCE_FLOW[MaintenanceStatus(request.status)]
        if not user.has_perm("facilities.change_maintenancerequest"):
            # the requester may only withdraw a request nobody has acted on yet
            nexts = [s for s in nexts if s == MaintenanceStatus.WITHDRAWN]
            self.fields.pop("contractor")
            self.fields.pop("resolution")
        self.fields["status"].choices = [(s.value, s.label) for s in nexts]


class ParkingPermitForm(forms.Form):
    center = forms.ChoiceField(label=_("行政中心"), choices=Center.choices)
    plate = forms.RegexField(
        label=_("車牌號碼"),
        regex=r"^[A-Za-z0-9]{2,4}-?[A-Za-z0-9]{2,4}$",
        max_length=12,
        error_messages={"invalid": _("車牌格式例如 ABC-1234。")},
    )
    holder = forms.CharField(label=_("申請人／單位"), max_length=80)
    purpose = forms.CharField(label=_("事由"), max_length=120, required=False)
    valid_on = forms.DateField(label=_("使用日期"), widget=DATE, validators=[validate_office_date])


class _OfficeDatesMixin:
    """The model form's start_date and end_date lie within the office calendar."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_date", "end_date"):
            self.fields[name].validators.append(validate_office_date)


class PublicSpaceForm(_OfficeDatesMixin, forms.ModelForm):
    class Meta:
        model = PublicSpaceRequest
        fields = ["kind", "center", "agency", "title", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("迄日不可早於起日。"))
        if data.get("kind") == PublicSpaceKind.LED_VIDEO and data.get("center") != Center.SIWEI:
            self.add_error("center", _("LED電視牆僅設於四維行政中心中庭。"))
        return data


class ClosureForm(_OfficeDatesMixin, forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["resource", "center", "start_date", "end_date", "reason"]
        widgets = {"start_date": DATE, "end_date": DATE}
        help_texts = {"resource": _("指定單一場地或車輛；留空並選擇行政中心則整個中心暫停開放。")}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("迄日不可早於起日。"))
        if not data.get("resource") and not data.get("center"):
            self.add_error("center", _("請指定場地或整個行政中心。"))
        return data


def equipment_choices() -> list[tuple[str, str]]:
    """The equipment words the venues list (投影、音響…), for the free-hall search."""
    from facilities.models import Venue

    words = set()
    for text in Venue.objects.filter(resource__is_active=True).values_list("equipment", flat=True):
        words.update(w.strip() for w in re.split(r"[、,，/]", text) if w.strip())
    return [(w, w) for w in sorted(words)]


class FindFreeForm(_WhenForm):
    """找空場地: a time range, a head-count and equipment → the venues free then, and why not the others."""

    field_order = ["day", "start_time", "end_time", "attendees", "center", "equipment"]
    attendees = forms.IntegerField(label=_("人數"), min_value=0, max_value=100000, required=False)
    center = forms.ChoiceField(label=_("行政中心"), choices=[("", _("全部")), *Center.choices], required=False)
    equipment = forms.MultipleChoiceField(
        label=_("需要設備"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["equipment"].choices = equipment_choices()


PLAN_KINDS = ("pdf", "office", "image")


class ApplicationForm(_WhenForm):
    """場地使用申請 for an open space: the organiser's, or one received on paper or at the counter
    and entered by the clerk (`on_behalf`: the terms signed on paper, the plan maybe on paper)."""

    venue = forms.ModelChoiceField(label=_("場地"), queryset=Venue.objects.none())
    field_order = ["venue", "day", "start_time", "end_time"]
    title = forms.CharField(label=_("活動名稱"), max_length=120)
    organiser = forms.CharField(label=_("主辦單位"), max_length=80)
    applicant_name = forms.CharField(label=_("聯絡人"), max_length=40)
    contact_phone = forms.CharField(label=_("聯絡電話"), max_length=20)
    applicant_email = forms.EmailField(label=_("電子郵件"), required=False)
    attendees = forms.IntegerField(label=_("預估人數"), min_value=0, max_value=100000, initial=0)
    activity_plan = UploadField(label=_("活動計畫書"), kinds=PLAN_KINDS, required=False)
    plan_on_paper = forms.BooleanField(label=_("計畫書以紙本送達"), required=False)
    fee_rule = forms.ModelChoiceField(
        label=_("使用費減免"), queryset=FeeRule.objects.none(), required=False, empty_label=_("無減免")
    )
    note = forms.CharField(label=_("備註"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    terms_accepted = forms.BooleanField(label=_("我已閱讀並同意場地使用規定"), required=False)

    def __init__(self, *args, on_behalf: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_behalf = on_behalf
        self.fields["venue"].queryset = Venue.objects.filter(
            group=VenueGroup.OPEN_SPACE, resource__is_active=True
        ).select_related("resource")
        self.fields["fee_rule"].queryset = FeeRule.objects.filter(is_active=True).select_related("venue__resource")
        self.fields["fee_rule"].label_from_instance = lambda rule: f"{rule.venue.name}：{rule}"
        if on_behalf:
            self.fields["terms_accepted"].label = _("申請人已於紙本簽署同意場地使用規定")
        else:
            self.fields.pop("plan_on_paper")

    def clean(self):
        data = super().clean()
        venue, rule = data.get("venue"), data.get("fee_rule")
        if not data.get("activity_plan") and not data.get("plan_on_paper") and "activity_plan" not in self.errors:
            self.add_error("activity_plan", _("請附活動計畫書。"))
        if venue is not None:
            if venue.terms and not data.get("terms_accepted"):
                self.add_error("terms_accepted", _("請閱讀並同意「%(name)s」的場地使用規定。") % {"name": venue.name})
            if rule is not None and rule.venue_id != venue.pk:
                self.add_error("fee_rule", _("此減免項目不適用於「%(name)s」。") % {"name": venue.name})
            if venue.capacity and data.get("attendees") and data["attendees"] > venue.capacity:
                self.add_error("attendees", _("人數超過場地容量（%(n)s 人）。") % {"n": venue.capacity})
        return data


class CorrectionRequestForm(forms.Form):
    note = forms.CharField(label=_("應補正事項"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class CorrectionForm(forms.Form):
    activity_plan = UploadField(label=_("補正後活動計畫書"), kinds=PLAN_KINDS, required=False)
    note = forms.CharField(label=_("補正說明"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("activity_plan") and not data.get("note") and not self.errors:
            raise forms.ValidationError(_("請上傳補正文件或填寫補正說明。"))
        return data


class PaymentForm(forms.Form):
    receipt_number = forms.CharField(label=_("收據號碼"), max_length=30, required=False)


class VenuePhotoForm(forms.ModelForm):
    class Meta:
        model = VenuePhoto
        fields = ["image", "caption", "taken_on"]
        widgets = {"taken_on": DATE}


class EquipmentLendForm(forms.Form):
    item = forms.ModelChoiceField(label=_("借用設備"), queryset=EquipmentItem.objects.none())

    def __init__(self, *args, center: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = EquipmentItem.objects.filter(is_active=True, center=center)
