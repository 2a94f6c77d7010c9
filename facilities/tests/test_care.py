"""Building care: repair clocks by category × urgency, the overdue list, the statutory inspection
calendar, reminders, repairs raised by an inspection, and their API."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from facilities import care, services, tasks
from facilities.choices import (
    Center,
    InspectionKind,
    InspectionResult,
    MaintenanceCategory,
    MaintenanceStatus,
    MaintenanceUrgency,
)
from facilities.models import (
    InspectionFinding,
    InspectionObligation,
    InspectionRecord,
    MaintenanceLimit,
    MaintenanceRequest,
)
from facilities.rules import DEFAULT_REPAIR_LIMITS
from kaohsiung_admin.core.models import CalendarOverride, Notification
from kaohsiung_admin.core.testing import assert_constant_queries, working_day_calendar

pytestmark = pytest.mark.django_db

# Friday 2022-10-07: Sat 8, Sun 9 and Mon 10 (國慶日) are days off.
FRIDAY = datetime.date(2022, 10, 7)


def repair(
    center=Center.SIWEI,
    category=MaintenanceCategory.PLUMBING_ELECTRICAL,
    urgency="normal",
    *,
    days_ago=0,
    user=None,
    **extra,
):
    received = timezone.now() - datetime.timedelta(days=days_ago)
    return services.maintenance_create(
        center=center,
        category=category,
        urgency=urgency,
        location="B1 機房",
        description="漏水",
        requested_by=user,
        received_at=received,
        **extra,
    )


def obligation(center=Center.SIWEI, kind=InspectionKind.FIRE_SAFETY, *, due=None, scope="", **extra):
    return InspectionObligation.objects.create(
        center=center,
        kind=kind,
        scope=scope,
        cycle_months=12,
        remind_days=30,
        next_due_on=due or timezone.localdate() + datetime.timedelta(days=90),
        **extra,
    )


# --- the repair clock --------------------------------------------------------------------------


def test_the_limits_table_is_seeded_with_every_category_and_urgency():
    import importlib

    from django.apps import apps

    # (transactional tests elsewhere flush the table the migration filled: run its seed again)
    MaintenanceLimit.objects.all().delete()
    importlib.import_module("facilities.migrations.0010_building_care").seed_limits(apps, None)
    assert MaintenanceLimit.objects.count() == len(MaintenanceCategory) * len(MaintenanceUrgency) == 24
    row = MaintenanceLimit.objects.get(category="elevator", urgency="normal")
    assert (row.response_days, row.repair_days) == (1, 2)
    assert "建築法第77條之4" in row.source


def test_due_dates_count_working_days_from_the_day_after_receipt():
    calendar = working_day_calendar()
    # 水電 normal: assigned within 1 working day, repaired within 3. Received on Friday 7 Oct
    # 2022: Sat 8, Sun 9, Mon 10 (國慶日) off → Tue 11 is day 1, Thu 13 is day 3.
    response, repaired = care.maintenance_due_dates(
        category="plumbing", urgency="normal", received_on=FRIDAY, calendar=calendar
    )
    assert response == datetime.date(2022, 10, 11)
    assert repaired == datetime.date(2022, 10, 13)


def test_urgent_is_the_same_day_and_a_typhoon_day_is_skipped():
    # urgent 水電: assigned the same day, repaired the next working day; a typhoon closure on
    # Tuesday 11 Oct pushes the repair day to Wednesday.
    calendar = working_day_calendar(closed=[datetime.date(2022, 10, 11)])
    response, repaired = care.maintenance_due_dates(
        category="plumbing", urgency="urgent", received_on=FRIDAY, calendar=calendar
    )
    assert response == FRIDAY
    assert repaired == datetime.date(2022, 10, 12)


def test_the_category_and_urgency_set_the_clock():
    calendar = working_day_calendar()
    monday = datetime.date(2022, 9, 5)
    days = {
        (c, u): care.maintenance_due_dates(category=c, urgency=u, received_on=monday, calendar=calendar)[1]
        for c, u in [("building", "low"), ("building", "normal"), ("elevator", "normal"), ("elevator", "urgent")]
    }
    assert days[("elevator", "urgent")] < days[("elevator", "normal")] < days[("building", "normal")]
    assert days[("building", "normal")] < days[("building", "low")]


def test_an_edited_row_wins_and_a_missing_row_falls_back_to_the_default(settings):
    calendar = working_day_calendar()
    monday = datetime.date(2022, 9, 5)
    MaintenanceLimit.objects.update_or_create(
        category="hvac", urgency="normal", defaults={"response_days": 0, "repair_days": 1}
    )
    assert care.maintenance_due_dates(category="hvac", urgency="normal", received_on=monday, calendar=calendar) == (
        monday,
        datetime.date(2022, 9, 6),
    )
    MaintenanceLimit.objects.filter(category="hvac", urgency="low").delete()
    expected = DEFAULT_REPAIR_LIMITS[("hvac", "low")].repair.days
    _response, repaired = care.maintenance_due_dates(
        category="hvac", urgency="low", received_on=monday, calendar=calendar
    )
    assert repaired == calendar.add_working_days(monday, expected)
    settings.FACILITIES_REPAIR_HVAC_LOW_REPAIR_DAYS = 2
    _response, repaired = care.maintenance_due_dates(
        category="hvac", urgency="low", received_on=monday, calendar=calendar
    )
    assert repaired == datetime.date(2022, 9, 7)


def test_the_response_clock_runs_until_assigned_then_the_repair_clock(facility_clerk):
    item = repair(urgency="low")
    assert item.due_on == item.response_due_on < item.repair_due_on
    item = services.maintenance_advance(
        request=item, status=MaintenanceStatus.ASSIGNED, user=facility_clerk, contractor="南部水電行"
    )
    assert item.due_on == item.repair_due_on


def test_overdue_and_due_soon_lists(facility_clerk, client):
    CalendarOverride.objects.all().delete()
    late = repair(days_ago=20)
    fresh = repair(urgency="low")
    done = repair(days_ago=20)
    services.maintenance_advance(request=done, status=MaintenanceStatus.WITHDRAWN, user=facility_clerk)
    assert set(MaintenanceRequest.objects.overdue()) == {late}
    client.force_login(facility_clerk)
    page = client.get(reverse("facilities:maintenance-due")).content.decode()
    assert f'href="/facilities/maintenance-requests/{late.pk}/"' in page
    assert f'href="/facilities/maintenance-requests/{done.pk}/"' not in page
    assert f'href="/facilities/maintenance-requests/{fresh.pk}/"' not in page  # on time: not in the default view
    page = client.get(reverse("facilities:maintenance-due") + "?due=on_time").content.decode()
    assert f'href="/facilities/maintenance-requests/{fresh.pk}/"' in page
    assert (
        "逾期" in client.get(reverse("facilities:maintenance-due") + "?due=overdue&ordering=-urgency").content.decode()
    )


def test_overdue_list_bad_filters_are_form_errors(facility_clerk, client):
    client.force_login(facility_clerk)
    response = client.get(reverse("facilities:maintenance-due") + "?due=bogus&ordering=nope&center=mars&page=x")
    assert response.status_code == 200


def test_staff_see_only_their_own_overdue_repairs(client, staff_user, make_user):
    mine = repair(days_ago=20, user=staff_user)
    other = repair(days_ago=20, user=make_user("other"))
    client.force_login(staff_user)
    page = client.get(reverse("facilities:maintenance-due")).content.decode()
    assert f"/maintenance-requests/{mine.pk}/" in page and f"/maintenance-requests/{other.pk}/" not in page


def test_overdue_list_queries_do_not_grow(client, facility_clerk):
    client.force_login(facility_clerk)
    assert_constant_queries(
        lambda: client.get(reverse("facilities:maintenance-due")),
        lambda n: [repair(days_ago=20) for _ in range(n)],
    )


def test_the_clerks_home_shows_overdue_repairs_and_coming_inspections(client, facility_clerk):
    late = repair(days_ago=20)
    soon = obligation(due=timezone.localdate() + datetime.timedelta(days=10))
    client.force_login(facility_clerk)
    page = client.get("/").content.decode()
    assert "逾期及即將到期的報修" in page and late.get_absolute_url() in page
    assert "即將到期的法定檢查" in page and soon.get_absolute_url() in page


def test_the_morning_digest_counts_overdue_repairs(facility_clerk):
    repair(days_ago=20)
    repair(days_ago=20)
    assert tasks.maintenance_due_digest() == 2
    assert Notification.objects.filter(user=facility_clerk, title__contains="2 件逾期").exists()


# --- the inspection calendar -------------------------------------------------------------------


def test_next_due_keeps_its_anchor():
    due = datetime.date(2022, 5, 31)
    assert care.next_due_after(due, datetime.date(2022, 5, 2), 12) == datetime.date(2023, 5, 31)
    assert care.next_due_after(due, datetime.date(2022, 6, 20), 12) == datetime.date(2023, 5, 31)  # late
    assert care.next_due_after(due, datetime.date(2022, 5, 20), 6) == datetime.date(2022, 11, 30)
    assert care.add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)


def test_recording_a_pass_moves_the_due_day_and_a_failure_does_not(facility_clerk):
    item = obligation(due=datetime.date(2022, 11, 30))
    care.inspection_record(
        obligation=item,
        user=facility_clerk,
        inspected_on=datetime.date(2022, 11, 20),
        inspector="永安消防",
        result="passed",
    )
    item.refresh_from_db()
    assert item.next_due_on == datetime.date(2023, 11, 30) and item.last_done_on == datetime.date(2022, 11, 20)
    care.inspection_record(
        obligation=item,
        user=facility_clerk,
        inspected_on=datetime.date(2022, 12, 1),
        inspector="永安消防",
        result=InspectionResult.FAILED,
        findings=[{"description": "3F 緊急照明燈故障", "category": "fire"}],
    )
    item.refresh_from_db()
    assert item.next_due_on == datetime.date(2023, 11, 30) and item.last_done_on == datetime.date(2022, 11, 20)


def test_record_refusals(facility_clerk):
    item = obligation()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for kwargs, field in [
        ({"inspected_on": tomorrow, "result": "passed"}, "inspected_on"),
        ({"inspected_on": timezone.localdate(), "result": "failed"}, "findings"),
        (
            {"inspected_on": timezone.localdate(), "result": "passed", "valid_until": datetime.date(2000, 1, 1)},
            "valid_until",
        ),
    ]:
        with pytest.raises(care.ServiceError) as caught:
            care.inspection_record(obligation=item, user=facility_clerk, inspector="x", **kwargs)
        assert caught.value.field == field
    assert not InspectionRecord.objects.exists()


def test_a_failed_item_raises_a_repair_linked_both_ways(facility_clerk, client):
    item = obligation(kind=InspectionKind.ELEVATOR, scope="客梯1至6號", center=Center.FENGSHAN)
    record = care.inspection_record(
        obligation=item,
        user=facility_clerk,
        inspected_on=timezone.localdate(),
        inspector="中華民國升降機安全協會",
        result=InspectionResult.FINDINGS,
        findings=[
            {"description": "3號梯門檔感應器失效", "location": "3號梯", "category": "elevator", "urgency": "urgent"}
        ],
        raise_repairs=True,
    )
    finding = record.findings.get()
    repair_request = finding.maintenance_request
    assert repair_request.center == Center.FENGSHAN and repair_request.category == "elevator"
    assert repair_request.urgency == "urgent" and repair_request.due_on is not None
    assert repair_request.inspection_finding == finding
    with pytest.raises(care.ServiceError) as caught:
        care.finding_raise_repair(finding=finding, user=facility_clerk)
    assert caught.value.status == 409
    client.force_login(facility_clerk)
    assert item.get_absolute_url() in client.get(repair_request.get_absolute_url()).content.decode()
    assert repair_request.get_absolute_url() in client.get(item.get_absolute_url()).content.decode()


def test_the_record_page_with_a_certificate_and_a_finding_raises_the_repair(facility_clerk, client):
    item = obligation(kind=InspectionKind.ELECTRICAL)
    client.force_login(facility_clerk)
    url = reverse("facilities:inspection-record", args=[item.pk])
    data = {
        "inspected_on": timezone.localdate().isoformat(),
        "inspector": "台灣電力技師公會",
        "result": "findings",
        "certificate_no": "電檢-111-0123",
        "certificate": SimpleUploadedFile("cert.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
        "raise_repairs": "on",
        "findings-TOTAL_FORMS": "3",
        "findings-INITIAL_FORMS": "0",
        "findings-0-description": "高壓盤接地電阻偏高",
        "findings-0-category": "plumbing",
        "findings-0-urgency": "normal",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    record = InspectionRecord.objects.get()
    assert record.certificate.name.endswith(".pdf")
    assert record.findings.get().maintenance_request.category == "plumbing"


def test_the_record_page_shows_errors_not_a_500(facility_clerk, client):
    item = obligation()
    client.force_login(facility_clerk)
    url = reverse("facilities:inspection-record", args=[item.pk])
    response = client.post(
        url,
        {
            "inspected_on": "not-a-date",
            "inspector": "",
            "result": "bogus",
            "certificate": SimpleUploadedFile("cert.pdf", b"MZ not a pdf"),
            "findings-TOTAL_FORMS": "1",
            "findings-INITIAL_FORMS": "0",
            "findings-0-description": "缺失但沒類別",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "has-error" in page and "請選擇報修類別" in page
    # a failed result without findings is the service's refusal, shown on the form
    response = client.post(
        url,
        {
            "inspected_on": timezone.localdate().isoformat(),
            "inspector": "永安消防",
            "result": "failed",
            "findings-TOTAL_FORMS": "0",
            "findings-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and "請至少列出一項缺失" in response.content.decode()


def test_staff_cannot_open_the_inspection_calendar(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("facilities:inspection-list")).status_code == 403


def test_obligation_create_page_uses_the_defaults(client, facility_clerk):
    client.force_login(facility_clerk)
    response = client.post(
        reverse("facilities:inspection-create"),
        {"center": "siwei", "kind": "insurance", "next_due_on": "111/12/31"},
    )
    assert response.status_code == 302
    item = InspectionObligation.objects.get()
    assert (item.cycle_months, item.remind_days) == (12, 60) and "公共意外責任保險" in item.basis
    response = client.post(
        reverse("facilities:inspection-create"),
        {"center": "siwei", "kind": "insurance", "next_due_on": "111/12/31"},
    )
    assert response.status_code == 200 and "相同項目與範圍" in response.content.decode()


def test_inspection_lists_queries_do_not_grow(client, facility_clerk):
    client.force_login(facility_clerk)
    made = []

    def grow(n):
        for _ in range(n):
            o = obligation(scope=f"範圍{len(made)}")
            made.append(o)
            InspectionRecord.objects.create(
                obligation=o, inspected_on=datetime.date(2022, 5, 1), inspector="x", result="passed"
            )

    assert_constant_queries(lambda: client.get(reverse("facilities:inspection-list") + "?ordering=-next_due_on"), grow)
    made.clear()
    InspectionObligation.objects.update(is_active=True)
    assert_constant_queries(
        lambda: client.get(reverse("facilities:inspection-records") + "?ordering=result"), lambda n: None, sizes=(1,)
    )


def test_record_list_queries_do_not_grow(client, facility_clerk):
    client.force_login(facility_clerk)
    o = obligation()
    assert_constant_queries(
        lambda: client.get(reverse("facilities:inspection-records")),
        lambda n: [
            InspectionRecord.objects.create(
                obligation=o, inspected_on=datetime.date(2022, 5, 1), inspector="x", result="passed"
            )
            for _ in range(n)
        ],
    )


# --- reminders -------------------------------------------------------------------------------


def test_the_reminder_is_sent_once_per_due_day(facility_clerk, make_user):
    owner = make_user("owner", roles=["facility_clerk"])
    owner.email = "owner@example.test"
    owner.save()
    today = timezone.localdate()
    due = obligation(due=today + datetime.timedelta(days=20), responsible=owner)  # inside its 30 days
    obligation(kind=InspectionKind.ELEVATOR, due=today + datetime.timedelta(days=200))  # not yet
    assert tasks.remind_inspections() == 1
    assert tasks.remind_inspections() == 0
    assert Notification.objects.filter(user=owner).count() == 1
    assert not Notification.objects.filter(user=facility_clerk).exists()
    assert [m.to for m in mail.outbox] == [["owner@example.test"]]
    # the inspection done moves the due day: the next cycle is reminded again in its time
    care.inspection_record(
        obligation=due, user=facility_clerk, inspected_on=today, inspector="永安消防", result="passed"
    )
    assert tasks.remind_inspections() == 0
    InspectionObligation.objects.filter(pk=due.pk).update(next_due_on=today + datetime.timedelta(days=5))
    assert tasks.remind_inspections() == 1


def test_without_a_responsible_clerk_every_facility_clerk_is_reminded(facility_clerk):
    obligation(due=timezone.localdate() - datetime.timedelta(days=1))
    assert tasks.remind_inspections() == 1
    assert Notification.objects.filter(user=facility_clerk, title__contains="已逾期").exists()


# --- API -----------------------------------------------------------------------------------------


def api_login(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def test_api_maintenance_create_has_its_clock_and_overdue_lists_it(api_client, facility_clerk, staff_user):
    api_login(api_client, staff_user)
    response = api_client.post(
        "/api/v1/facilities/maintenance-requests/",
        {"center": "siwei", "category": "elevator", "urgency": "urgent", "location": "1號梯", "description": "受困"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["due_on"] == response.json()["response_due_on"] is not None
    late = repair(days_ago=30, user=staff_user)
    body = api_client.get("/api/v1/facilities/maintenance-requests/overdue/?due=overdue").json()
    assert [row["id"] for row in body["results"]] == [late.pk]
    assert api_client.get("/api/v1/facilities/maintenance-requests/overdue/?due=bogus").status_code == 400


def test_api_overdue_queries_do_not_grow(api_client, facility_clerk):
    api_login(api_client, facility_clerk)
    assert_constant_queries(
        lambda: api_client.get("/api/v1/facilities/maintenance-requests/overdue/"),
        lambda n: [repair(days_ago=20) for _ in range(n)],
        warm_up=True,
    )


NEXT_YEAR = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()


def test_api_obligation_list_detail_create(api_client, facility_clerk, staff_user):
    api_login(api_client, facility_clerk)
    response = api_client.post(
        "/api/v1/facilities/inspections/",
        {"center": "fengshan", "kind": "electrical", "next_due_on": NEXT_YEAR},
        format="json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["cycle_months"] == 12 and created["due_state"] == "on_time"
    assert api_client.get(f"/api/v1/facilities/inspections/{created['id']}/").json()["kind"] == "electrical"
    again = api_client.post(
        "/api/v1/facilities/inspections/",
        {"center": "fengshan", "kind": "electrical", "next_due_on": NEXT_YEAR},
        format="json",
    )
    assert again.status_code == 400 and "scope" in again.json()["errors"]
    bad = api_client.post("/api/v1/facilities/inspections/", {"center": "mars", "cycle_months": 0}, format="json")
    assert bad.status_code == 400 and {"center", "kind", "next_due_on", "cycle_months"} <= set(bad.json()["errors"])
    api_login(api_client, staff_user)
    assert api_client.get("/api/v1/facilities/inspections/").json()["results"] == []
    refused = api_client.post(
        "/api/v1/facilities/inspections/",
        {"center": "siwei", "kind": "fire", "next_due_on": NEXT_YEAR},
        format="json",
    )
    assert refused.status_code == 403


def test_api_obligation_list_queries_do_not_grow(api_client, facility_clerk):
    api_login(api_client, facility_clerk)
    counter = iter(range(1000))
    assert_constant_queries(
        lambda: api_client.get("/api/v1/facilities/inspections/?due=within"),
        lambda n: [obligation(scope=f"s{next(counter)}", due=timezone.localdate()) for _ in range(n)],
        warm_up=True,
    )


def test_api_record_inspection_and_raise_repair(api_client, facility_clerk, staff_user):
    item = obligation(due=datetime.date(2022, 11, 30))
    api_login(api_client, staff_user)
    url = f"/api/v1/facilities/inspections/{item.pk}/record/"
    body = {
        "inspected_on": "2022-11-15",
        "inspector": "永安消防",
        "result": "findings",
        "findings": [{"description": "B2 滅火器過期", "category": "fire"}],
    }
    assert api_client.post(url, body, format="json").status_code in (403, 404)
    api_login(api_client, facility_clerk)
    response = api_client.post(url, body, format="json")
    assert response.status_code == 201, response.content
    record = response.json()
    assert record["due_on"] == "2022-11-30" and record["findings"][0]["maintenance_request"] is None
    item.refresh_from_db()
    assert item.next_due_on == datetime.date(2023, 11, 30)
    finding_id = record["findings"][0]["id"]
    raised = api_client.post(f"/api/v1/facilities/inspection-findings/{finding_id}/raise-repair/", format="json")
    assert raised.status_code == 201
    assert raised.json()["inspection_finding"] == finding_id and raised.json()["category"] == "fire"
    assert InspectionFinding.objects.get(pk=finding_id).maintenance_request_id == raised.json()["id"]
    again = api_client.post(f"/api/v1/facilities/inspection-findings/{finding_id}/raise-repair/", format="json")
    assert again.status_code == 409
    bad = api_client.post(url, {"inspected_on": "x", "result": "nope", "findings": [{}]}, format="json")
    assert bad.status_code == 400 and {"inspected_on", "inspector", "result", "findings"} <= set(bad.json()["errors"])
    assert api_client.get("/api/v1/facilities/inspection-records/").json()["count"] == 1


def test_api_raise_repair_needs_the_page_permission(api_client, facility_clerk, staff_user):
    item = obligation()
    record = care.inspection_record(
        obligation=item,
        user=facility_clerk,
        inspected_on=timezone.localdate(),
        inspector="x",
        result="failed",
        findings=[{"description": "y", "category": "fire"}],
    )
    finding = record.findings.get()
    api_login(api_client, staff_user)
    response = api_client.post(f"/api/v1/facilities/inspection-findings/{finding.pk}/raise-repair/", format="json")
    assert response.status_code in (403, 404)
    assert not MaintenanceRequest.objects.exists()


def test_api_record_list_queries_do_not_grow(api_client, facility_clerk):
    api_login(api_client, facility_clerk)
    o = obligation()

    def grow(n):
        for _ in range(n):
            r = InspectionRecord.objects.create(
                obligation=o, inspected_on=datetime.date(2022, 5, 1), inspector="x", result="findings"
            )
            InspectionFinding.objects.create(record=r, description="d", category="fire")

    assert_constant_queries(lambda: api_client.get("/api/v1/facilities/inspection-records/"), grow, warm_up=True)


def test_history_is_kept_on_the_new_records(facility_clerk):
    item = obligation()
    care.inspection_record(
        obligation=item, user=facility_clerk, inspected_on=timezone.localdate(), inspector="x", result="passed"
    )
    assert item.history.count() == 2  # created, then moved on by the record
    assert InspectionRecord.objects.get().history.count() == 1


# --- demo ------------------------------------------------------------------------------------------


def test_demo_calendar_of_both_centers_keeps_the_report_figure(make_user):
    import io

    from facilities import demo
    from kaohsiung_admin.core.figures import all_figures

    make_user("facility", roles=["facility_clerk"])
    out = io.StringIO()
    demo.load(stdout=out)
    assert all_figures()["facilities.maintenance_requests"].compute(2022) == 895
    rows = InspectionObligation.objects.all()
    assert {(o.center, o.kind) for o in rows} == {(c, k) for c in Center.values for k in InspectionKind.values}
    assert all(o.next_due_on > timezone.localdate() - datetime.timedelta(days=30) for o in rows)
    in_111 = InspectionRecord.objects.filter(inspected_on__year=2022)
    assert in_111.count() == 9 and in_111.filter(result="failed").count() == 1
    linked = InspectionFinding.objects.filter(record__inspected_on__year=2022, maintenance_request__isnull=False)
    assert linked.count() == 5
    assert all(f.maintenance_request.received_at.year == 2022 for f in linked)
    assert MaintenanceRequest.objects.filter(received_at__year=2022, due_on__isnull=True).count() == 0
    assert MaintenanceRequest.objects.overdue().exists()
    count = InspectionRecord.objects.count()
    demo.load(stdout=out)
    assert InspectionRecord.objects.count() == count


def test_dates_outside_the_office_calendar_are_refused_not_a_500(api_client, facility_clerk):
    api_login(api_client, facility_clerk)
    response = api_client.post(
        "/api/v1/facilities/inspections/",
        {"center": "siwei", "kind": "fire", "next_due_on": "9999-12-31"},
        format="json",
    )
    assert response.status_code == 400 and "next_due_on" in response.json()["errors"]
    item = obligation(due=datetime.date(2200, 12, 31))
    response = api_client.post(
        f"/api/v1/facilities/inspections/{item.pk}/record/",
        {"inspected_on": "2022-01-05", "inspector": "x", "result": "passed"},
        format="json",
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.next_due_on == datetime.date(2200, 12, 31)
