from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from international.models import (
    Agreement,
    Appointment,
    City,
    Country,
    Dignitary,
    DonationItem,
    ExchangeActivity,
    ForeignMission,
    Gift,
    MissionContact,
    Partnership,
    Programme,
    VisitCase,
)
from kaohsiung_admin.core.admin import MaskedPersonalDataAdmin, NoDeleteAdmin


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_zh", "name_en", "region"]
    list_filter = ["region"]
    search_fields = ["name_zh", "name_en", "code"]


@admin.register(City)
class CityAdmin(SimpleHistoryAdmin):
    list_display = ["name_zh", "name_local", "country", "level"]
    list_filter = ["country__region", "level"]
    search_fields = ["name_zh", "name_local", "code"]
    list_select_related = ["country"]


@admin.register(Agreement)
class AgreementAdmin(NoDeleteAdmin):
    list_display = ["title", "kind", "signed_on", "status"]
    list_filter = ["kind", "status"]
    filter_horizontal = ["cities"]
    date_hierarchy = "signed_on"


@admin.register(Partnership)
class PartnershipAdmin(NoDeleteAdmin):
    list_display = ["city", "kind", "established_on", "ended_on"]
    list_filter = ["kind"]
    list_select_related = ["city"]
    # Ties begin from an agreement (services.agreement_sign): the date is not typed here.
    readonly_fields = ["established_on", "agreement", "city"]


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "starts_on", "ends_on"]


class DonationItemInline(admin.TabularInline):
    model = DonationItem
    extra = 0


@admin.register(ExchangeActivity)
class ExchangeActivityAdmin(SimpleHistoryAdmin):
    list_display = ["starts_on", "kind", "title"]
    list_filter = ["kind", "programme"]
    filter_horizontal = ["cities"]
    inlines = [DonationItemInline]
    date_hierarchy = "starts_on"


@admin.register(VisitCase)
class VisitCaseAdmin(MaskedPersonalDataAdmin, NoDeleteAdmin):
    list_display = ["number", "arrived_on", "delegation", "persons", "host_level"]
    list_filter = ["host_level"]
    search_fields = ["number", "delegation", "organisation"]
    filter_horizontal = ["countries"]
    date_hierarchy = "arrived_on"
    readonly_fields = ["number"]


@admin.register(ForeignMission)
class ForeignMissionAdmin(SimpleHistoryAdmin):
    list_display = ["name_zh", "country", "kind", "location", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["country"]


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 0


@admin.register(Dignitary)
class DignitaryAdmin(SimpleHistoryAdmin):
    list_display = ["name_zh", "name_local", "country"]
    search_fields = ["name_zh", "name_local"]
    inlines = [AppointmentInline]


@admin.register(MissionContact)
class MissionContactAdmin(SimpleHistoryAdmin):
    list_display = ["date", "mission", "kind", "summary"]
    list_filter = ["kind"]
    list_select_related = ["mission"]


@admin.register(Gift)
class GiftAdmin(MaskedPersonalDataAdmin, NoDeleteAdmin):
    list_display = ["date", "direction", "description", "estimated_value", "report_status", "report_due_on"]
    list_filter = ["direction", "report_status", "disposition"]
    date_hierarchy = "date"
    readonly_fields = ["rule", "report_status", "report_due_on", "decided_by", "decided_at"]
