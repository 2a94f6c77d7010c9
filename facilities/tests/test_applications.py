"""Organisers' applications for the open spaces (issue 14.3): activity plan, terms, 補正 and
lapse by the beat task, counter entries, fees with exemptions and discounts, payment, refunds."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from facilities import services, tasks
from facilities.choices import ApplicationStatus, BookingChannel, BookingStatus, PaymentStatus
from facilities.models import CORRECTION_LIMIT, FeeRule, SpaceApplication
from facilities.tests.conftest import at, make_venue, working_day
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.testing import assert_constant_queries

pytestmark = pytest.mark.django_db

API = "/api/v1/facilities/space-applications/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def plan(name="plan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def plaza(db):
    """四維廣場: NT$1,000 an hour, terms to accept, a 30% discount and an exemption."""
    venue = make_venue(
        "四維廣場",
        kind="plaza",
        capacity=2000,
        advance_notice_days=14,
        fee_per_hour=Decimal(1000),
        slots="08:00-12:00,13:00-17:00,18:00-22:00",
    )
    venue.terms = "一、活動不得妨礙公共秩序。\n二、不得轉借他人使用。"
    venue.save()
    return venue


@pytest.fixture
def discount(plaza):
    return FeeRule.objects.create(venue=plaza, name="立案公益團體", percent_off=30)


@pytest.fixture
def exemption(plaza):
    return FeeRule.objects.create(venue=plaza, name="本府各機關主辦", percent_off=100)


def apply(venue, day, user, **kwargs):
    values = {
        "start": at(day, 8),
        "end": at(day, 12),
        "title": "社區健康日",
        "organiser": "高雄市健康促進協會",
        "applicant_name": "王小明",
        "contact_phone": "0912-345-678",
        "activity_plan": plan(),
        "terms_accepted": True,
    }
    values.update(kwargs)
    return services.application_submit(venue=venue, user=user, **values)


# --- submitting -----------------------------------------------------------------------------


def test_application_needs_the_plan_and_the_venues_terms(plaza, staff_user, day):
    with pytest.raises(ServiceError) as refused:
        apply(plaza, day, staff_user, activity_plan=None, terms_accepted=False)
    assert "請附活動計畫書。" in refused.value.messages
    assert any("場地使用規定" in m for m in refused.value.messages)
    application = apply(plaza, day, staff_user)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.booking.status == BookingStatus.PENDING
    assert application.terms_text.startswith("一、活動不得妨礙公共秩序")
    assert application.activity_plan.name.endswith(".pdf")
    assert application.history.count() == 1


def test_a_meeting_room_takes_no_application(room, staff_user, day):
    with pytest.raises(ServiceError, match="不受理活動申請"):
        apply(room.venue, day, staff_user)


def test_the_plan_goes_through_the_upload_allow_list(plaza, staff_user, day):
    with pytest.raises(ValidationError) as refused:
        apply(plaza, day, staff_user, activity_plan=plan("plan.pdf", b"MZ\x90\x00 not a pdf"))
    assert "activity_plan" in refused.value.message_dict
    assert not SpaceApplication.objects.exists()


def test_fees_with_the_venues_discount_and_exemption(plaza, discount, exemption, staff_user, day):
    full = apply(plaza, day, staff_user)
    assert (full.base_fee, full.fee, full.payment_status) == (Decimal(4000), Decimal(4000), PaymentStatus.UNPAID)
    discounted = apply(plaza, day, staff_user, start=at(day, 13), end=at(day, 17), fee_rule=discount)
    assert (discounted.base_fee, discounted.percent_off, discounted.fee) == (Decimal(4000), 30, Decimal(2800))
    assert discounted.booking.fee == Decimal(2800)
    exempt = apply(plaza, day, staff_user, start=at(day, 18), end=at(day, 22), fee_rule=exemption)
    assert exempt.fee == 0 and exempt.payment_status == PaymentStatus.EXEMPT


def test_another_venues_discount_is_refused(plaza, staff_user, day):
    other = make_venue("鳳山中庭", kind="atrium")
    rule = FeeRule.objects.create(venue=other, name="學校", percent_off=50)
    with pytest.raises(ServiceError, match="此減免項目不適用"):
        apply(plaza, day, staff_user, fee_rule=rule)


def test_clerk_enters_a_paper_application_on_the_organisers_behalf(plaza, staff_user, facility_clerk, day):
    with pytest.raises(PermissionDenied):
        apply(plaza, day, staff_user, on_behalf=True)
    application = apply(plaza, day, facility_clerk, on_behalf=True, activity_plan=None, plan_on_paper=True)
    assert application.booking.channel == BookingChannel.COUNTER
    assert application.entered_by == facility_clerk and application.plan_on_paper


# --- 補正 and lapse ---------------------------------------------------------------------------


def test_uncorrected_application_lapses_after_the_deadline_by_the_beat_task(
    plaza, staff_user, facility_clerk, day, monkeypatch
):
    application = apply(plaza, day, staff_user)
    with pytest.raises(ServiceError):
        services.application_request_correction(application=application, user=facility_clerk, note="")
    application = services.application_request_correction(
        application=application, user=facility_clerk, note="請補附場地配置圖"
    )
    assert application.status == ApplicationStatus.CORRECTION
    assert application.correction_due_on == services.correction_due(plaza)
    assert application.correction_due_on >= timezone.localdate() + datetime.timedelta(days=CORRECTION_LIMIT.days)
    # waiting for 補正, it cannot be approved, not even through the booking queue
    with pytest.raises(ServiceError, match="待補正"):
        services.booking_approve(booking=application.booking, user=facility_clerk)
    # on the deadline itself nothing lapses
    due = application.correction_due_on
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: due)
    assert tasks.lapse_uncorrected_applications() == 0
    # the day after, the beat task lapses it and rejects its booking with the reason
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: due + datetime.timedelta(days=1))
    assert tasks.lapse_uncorrected_applications() == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.LAPSED and application.lapsed_at
    assert application.booking.status == BookingStatus.REJECTED
    assert "未補正" in application.booking.decision_reason
    with pytest.raises(ServiceError, match="補正期限"):
        services.application_correct(application=application, user=staff_user, note="補附")
    assert tasks.lapse_uncorrected_applications() == 0


def test_corrected_in_time_goes_back_to_the_queue(plaza, staff_user, facility_clerk, day):
    application = apply(plaza, day, staff_user)
    services.application_request_correction(application=application, user=facility_clerk, note="請補附保險證明")
    application = services.application_correct(application=application, user=staff_user, activity_plan=plan("v2.pdf"))
    assert application.status == ApplicationStatus.SUBMITTED and application.corrected_at
    assert services.applications_lapse(application.correction_due_on + datetime.timedelta(days=5)) == []
    application = services.application_decide(application=application, user=facility_clerk, approve=True)
    assert application.status == ApplicationStatus.APPROVED
    assert application.booking.status == BookingStatus.CONFIRMED


def test_a_decision_in_the_booking_queue_reaches_the_application(plaza, staff_user, facility_clerk, day):
    application = apply(plaza, day, staff_user)
    services.booking_reject(booking=application.booking, user=facility_clerk, reason="與市府活動衝突")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED


# --- payment and refunds ----------------------------------------------------------------------


def _approved_and_paid(venue, day, user, clerk, **kwargs):
    application = apply(venue, day, user, **kwargs)
    services.application_decide(application=application, user=clerk, approve=True)
    return services.application_pay(application=application, user=clerk, receipt_number="AB-0001")


def test_payment_only_after_approval_and_once(plaza, staff_user, facility_clerk, day):
    application = apply(plaza, day, staff_user)
    with pytest.raises(ServiceError, match="核准後始得繳費"):
        services.application_pay(application=application, user=facility_clerk)
    services.application_decide(application=application, user=facility_clerk, approve=True)
    with pytest.raises(PermissionDenied):
        services.application_pay(application=application, user=staff_user)
    paid = services.application_pay(application=application, user=facility_clerk, receipt_number="AB-0001")
    assert paid.payment_status == PaymentStatus.PAID and paid.receipt_number == "AB-0001"
    with pytest.raises(ServiceError):
        services.application_pay(application=paid, user=facility_clerk)


def test_full_refund_when_cancelled_three_days_ahead(plaza, staff_user, facility_clerk, day):
    application = _approved_and_paid(plaza, day, staff_user, facility_clerk)
    with pytest.raises(ServiceError):
        services.application_cancel(application=application, user=staff_user, reason="")
    application = services.application_cancel(application=application, user=staff_user, reason="活動延期")
    assert application.status == ApplicationStatus.CANCELLED
    assert application.refund_amount == Decimal(4000) == application.booking.refund
    assert application.payment_status == PaymentStatus.REFUND_DUE
    application = services.application_refunded(application=application, user=facility_clerk)
    assert application.payment_status == PaymentStatus.REFUNDED and application.refunded_at


def test_half_refund_within_three_days(plaza, discount, staff_user, facility_clerk, day, monkeypatch):
    application = _approved_and_paid(plaza, day, staff_user, facility_clerk, fee_rule=discount)
    # two days before the activity: 50% of the 2,800 paid
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day - datetime.timedelta(days=2))
    application = services.application_cancel(application=application, user=facility_clerk, reason="颱風")
    assert application.refund_amount == Decimal(1400)


def test_nothing_refunded_of_a_fee_not_paid(plaza, staff_user, facility_clerk, day):
    application = apply(plaza, day, staff_user)
    services.application_decide(application=application, user=facility_clerk, approve=True)
    application = services.application_cancel(application=application, user=staff_user, reason="取消活動")
    assert application.refund_amount == 0 and application.booking.refund == 0
    assert application.payment_status == PaymentStatus.UNPAID


# --- pages ------------------------------------------------------------------------------------


def test_organiser_form_and_clerk_queue(client, plaza, discount, staff_user, facility_clerk, day):
    client.force_login(staff_user)
    page = client.get("/facilities/applications/new/")
    assert page.status_code == 200 and "不得轉借他人使用" in page.content.decode()
    body = {
        "venue": plaza.pk,
        "day": day.isoformat(),
        "start_time": "13:00",
        "end_time": "17:00",
        "title": "社區健康日",
        "organiser": "高雄市健康促進協會",
        "applicant_name": "王小明",
        "contact_phone": "0912345678",
        "attendees": 300,
        "fee_rule": discount.pk,
    }
    refused = client.post("/facilities/applications/new/", body)
    assert refused.status_code == 200
    assert "請附活動計畫書。" in refused.content.decode()
    response = client.post("/facilities/applications/new/", {**body, "terms_accepted": "on", "activity_plan": plan()})
    application = SpaceApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    assert application.fee == Decimal(2800)
    assert client.get(f"/facilities/applications/{application.pk}/plan/").status_code == 200

    client.force_login(facility_clerk)
    queue = client.get("/facilities/applications/?status=submitted").content.decode()
    assert "社區健康日" in queue
    client.post(f"/facilities/applications/{application.pk}/request-correction/", {"note": "請補附配置圖"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CORRECTION
    detail = client.get(application.get_absolute_url()).content.decode()
    assert "請補附配置圖" in detail


def test_staff_may_not_act_as_clerk_on_the_page(client, plaza, staff_user, make_user, day):
    application = apply(plaza, day, staff_user)
    other = make_user("other")
    client.force_login(other)
    assert client.get(application.get_absolute_url()).status_code == 404
    client.force_login(staff_user)
    client.post(f"/facilities/applications/{application.pk}/approve/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def _grower(venue, user):
    """grow(n) for assert_constant_queries: n more applications, each on its own working day."""
    days = iter(range(21, 400))

    def grow(n):
        for _ in range(n):
            apply(venue, working_day(next(days)), user, activity_plan=None, plan_on_paper=True)

    return grow


def test_list_page_queries_constant(client, plaza, staff_user, facility_clerk):
    client.force_login(facility_clerk)
    grow = _grower(plaza, staff_user)
    assert_constant_queries(lambda: client.get("/facilities/applications/"), grow, warm_up=True)


# --- API --------------------------------------------------------------------------------------


def _api_body(plaza, day, **extra):
    return {
        "venue": plaza.pk,
        "start": f"{day.isoformat()}T08:00:00+08:00",
        "end": f"{day.isoformat()}T12:00:00+08:00",
        "title": "社區健康日",
        "organiser": "高雄市健康促進協會",
        "applicant_name": "王小明",
        "contact_phone": "0912345678",
        "plan_on_paper": True,
        "terms_accepted": True,
        **extra,
    }


def test_api_create_and_every_action(api_client, plaza, discount, staff_user, facility_clerk, day):
    api_client.force_authenticate(staff_user)
    refused = api_client.post(API, _api_body(plaza, day, terms_accepted=False), format="json")
    assert refused.status_code == 400
    bad = api_client.post(API, {**_api_body(plaza, day), "venue": "x", "end": "nope"}, format="json")
    assert bad.status_code == 400 and {"venue", "end"} <= set(bad.json().get("errors", bad.json()))
    created = api_client.post(API, _api_body(plaza, day, fee_rule=discount.pk), format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["fee"] == 2800 and created.json()["status"] == "submitted"

    # the clerk's actions are refused to staff, as on the page
    for action in ("request-correction", "approve", "reject", "pay", "refunded"):
        assert api_client.post(f"{API}{pk}/{action}/", {"note": "x", "reason": "x"}, format="json").status_code == 403

    api_client.force_authenticate(facility_clerk)
    assert api_client.post(f"{API}{pk}/request-correction/", {}, format="json").status_code == 400
    response = api_client.post(f"{API}{pk}/request-correction/", {"note": "請補附配置圖"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "correction"
    assert api_client.post(f"{API}{pk}/approve/", {}, format="json").status_code == 409

    api_client.force_authenticate(staff_user)
    response = api_client.post(f"{API}{pk}/correct/", {"note": "配置圖已以紙本送達"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "submitted"

    api_client.force_authenticate(facility_clerk)
    response = api_client.post(f"{API}{pk}/approve/", {"reason": "同意"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    response = api_client.post(f"{API}{pk}/pay/", {"receipt_number": "AB-0002"}, format="json")
    assert response.status_code == 200 and response.json()["payment_status"] == "paid"
    response = api_client.post(f"{API}{pk}/cancel/", {"reason": "活動延期"}, format="json")
    assert response.status_code == 200 and response.json()["refund_amount"] == 2800
    assert response.json()["payment_status"] == "refund_due"
    response = api_client.post(f"{API}{pk}/refunded/", {}, format="json")
    assert response.status_code == 200 and response.json()["payment_status"] == "refunded"


def test_api_reject_and_own_rows(api_client, plaza, staff_user, facility_clerk, make_user, day):
    application = apply(plaza, day, staff_user)
    api_client.force_authenticate(make_user("other"))
    assert api_client.get(f"{API}{application.pk}/").status_code == 404
    assert api_client.get(API).json()["count"] == 0
    api_client.force_authenticate(facility_clerk)
    assert api_client.post(f"{API}{application.pk}/reject/", {}, format="json").status_code == 400
    response = api_client.post(f"{API}{application.pk}/reject/", {"reason": "妨礙公共秩序之虞"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "rejected"


def test_api_on_behalf_is_for_clerks(api_client, plaza, staff_user, facility_clerk, day):
    api_client.force_authenticate(staff_user)
    assert api_client.post(API, _api_body(plaza, day, on_behalf=True), format="json").status_code == 403
    api_client.force_authenticate(facility_clerk)
    response = api_client.post(API, _api_body(plaza, day, on_behalf=True), format="json")
    assert response.status_code == 201 and response.json()["channel"] == "paper"
    assert response.json()["entered_by"] == facility_clerk.pk


def test_api_list_queries_constant(api_client, plaza, staff_user, facility_clerk):
    api_client.force_authenticate(facility_clerk)
    assert_constant_queries(lambda: api_client.get(API), _grower(plaza, staff_user), warm_up=True)


def test_the_booking_page_links_to_its_application(client, plaza, staff_user, day):
    application = apply(plaza, day, staff_user)
    client.force_login(staff_user)
    page = client.get(f"/facilities/bookings/{application.booking_id}/").content.decode()
    assert f"/facilities/applications/{application.pk}/" in page and "已送件待審" in page


def test_hostile_input_on_the_new_pages_is_never_a_500(client, plaza, staff_user, facility_clerk, day):
    application = apply(plaza, day, staff_user)
    client.force_login(facility_clerk)
    for query in ({"venue": "abc"}, {"status": "nope"}, {"ordering": "-password"}, {"page": "999"}):
        assert client.get("/facilities/applications/", query).status_code == 200
    assert client.post(f"/facilities/applications/{application.pk}/explode/").status_code == 404
    response = client.post(
        f"/facilities/applications/{application.pk}/request-correction/", {"note": "x" * 5000}, follow=True
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    form = client.post("/facilities/applications/new/?on_behalf=1", {"venue": "x", "day": "115/13/40"})
    assert form.status_code == 200
