"""The database itself refuses double booking on PostgreSQL, also under concurrent requests."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from facilities import services
from facilities.choices import BookingStatus
from facilities.models import Booking
from facilities.tests.conftest import at
from kaohsiung_admin.core.errors import ServiceError


@pytest.mark.django_db
def test_exclusion_constraint_refuses_a_direct_overlapping_insert(postgres, room, day):
    def row(start, end, status=BookingStatus.CONFIRMED):
        booking = Booking(resource=room, start=at(day, start), end=at(day, end), title="x", status=status)
        booking.set_span()
        return booking

    row(9, 11).save()
    row(11, 12).save()  # touching is fine
    row(9, 11, BookingStatus.PENDING).save()  # pending rows do not take the slot
    with pytest.raises(IntegrityError, match="facilities_booking_no_overlap"), transaction.atomic():
        row(10, 12).save()


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_for_one_slot_exactly_one_wins(postgres, room, day, make_user):
    users = [make_user(f"user{n}") for n in range(8)]
    barrier = threading.Barrier(len(users))
    outcomes: list = []
    lock = threading.Lock()

    def request(user):
        try:
            barrier.wait(timeout=10)
            booking = services.booking_create(
                resource=room, start=at(day, 9), end=at(day, 10), title="搶會議室", requested_by=user
            )
            result = ("won", booking.pk)
        except ServiceError as exc:
            result = ("conflict", exc.conflicting_booking) if exc.code == "booking_conflict" else ("error", repr(exc))
        except Exception as exc:  # anything else is a failure of the test
            result = ("error", repr(exc))
        finally:
            connection.close()  # each thread had its own connection
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=request, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    winners = [pk for kind, pk in outcomes if kind == "won"]
    assert [o for o in outcomes if o[0] == "error"] == []
    assert len(winners) == 1
    assert all(pk == winners[0] for kind, pk in outcomes if kind == "conflict")
    assert Booking.objects.filter(resource=room, status=BookingStatus.CONFIRMED).count() == 1
