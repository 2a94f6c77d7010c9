"""On PostgreSQL the database itself refuses overlapping occupancies and lendings, also when
concurrent requests race past the services' checks."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from dormitories import services
from dormitories.db import LENDING_NO_OVERLAP, OCCUPANCY_NO_OVERLAP
from dormitories.models import Lending, Occupancy
from kaohsiung_admin.core.decisions import RequestStatus
from kaohsiung_admin.core.errors import ServiceError

TZ = datetime.timezone(datetime.timedelta(hours=8))


def _occupancy(unit, start, end=None, status="active"):
    return Occupancy(
        dormitory=unit,
        occupant_name="王小明",
        eligibility_basis="post",
        start_on=start,
        moved_out_on=end,
        status="ended" if end else status,
    )


@pytest.mark.django_db
def test_exclusion_constraint_refuses_a_direct_overlapping_occupancy(postgres, dormitory):
    _occupancy(dormitory, datetime.date(2020, 1, 1), datetime.date(2021, 1, 1)).save()
    _occupancy(dormitory, datetime.date(2021, 1, 1)).save()  # from the move-out day: fine
    _occupancy(dormitory, datetime.date(2021, 6, 1), status="cancelled").save()  # cancelled rows do not count
    with pytest.raises(IntegrityError, match=OCCUPANCY_NO_OVERLAP), transaction.atomic():
        _occupancy(dormitory, datetime.date(2022, 6, 1)).save()


@pytest.mark.django_db
def test_exclusion_constraint_refuses_a_direct_overlapping_approved_lending(postgres, residence):
    def lending(start, end, status=RequestStatus.APPROVED):
        return Lending(
            dormitory=residence,
            borrower="某團體",
            borrower_kind="group",
            purpose="arts",
            event_name="講座",
            start_at=datetime.datetime(2022, 5, 1, start, tzinfo=TZ),
            end_at=datetime.datetime(2022, 5, 1, end, tzinfo=TZ),
            status=status,
        )

    lending(9, 12).save()
    lending(12, 14).save()
    lending(10, 11, RequestStatus.PENDING).save()
    with pytest.raises(IntegrityError, match=LENDING_NO_OVERLAP), transaction.atomic():
        lending(11, 13).save()


@pytest.mark.django_db(transaction=True)
def test_concurrent_occupancies_of_one_unit_exactly_one_wins(postgres, dormitory, make_user):
    users = [make_user(f"clerk{n}", roles=["dormitory_asset_clerk"]) for n in range(8)]
    barrier = threading.Barrier(len(users))
    outcomes: list = []
    lock = threading.Lock()

    def move_in(user, n):
        try:
            barrier.wait(timeout=10)
            occupancy = services.occupancy_create(
                dormitory=dormitory,
                by=user,
                start_on=datetime.date(2022, 3, 1) + datetime.timedelta(days=n),
                occupant_name=f"借用人{n}",
                eligibility_basis="post",
            )
            result = ("won", occupancy.pk)
        except ServiceError as exc:
            result = ("conflict", exc.extra.get("conflicting_occupancy"))
        except Exception as exc:  # anything else fails the test
            result = ("error", repr(exc))
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=move_in, args=(user, n)) for n, user in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [o for o in outcomes if o[0] == "error"] == []
    winners = [pk for kind, pk in outcomes if kind == "won"]
    assert len(winners) == 1
    assert all(pk == winners[0] for kind, pk in outcomes if kind == "conflict")
    assert Occupancy.objects.filter(dormitory=dormitory).count() == 1
