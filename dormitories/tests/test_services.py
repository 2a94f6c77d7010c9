"""The register's rules, through the services."""

import datetime
from decimal import Decimal

import pytest

from dormitories import rules, services
from dormitories.choices import (
    AssetEventKind,
    AssetKind,
    AssetStatus,
    DisposalStage,
    DormitoryStatus,
    Finding,
    OccupancyStatus,
    StockResult,
)
from dormitories.models import CheckItem, Dormitory, Occupancy
from dormitories.tests.conftest import make_dormitory
from kaohsiung_admin.core.decisions import RequestStatus
from kaohsiung_admin.core.errors import ServiceError

pytestmark = pytest.mark.django_db


# --- occupancy overlap ------------------------------------------------------------------------


def test_occupancy_overlap_is_refused_naming_the_clashing_occupancy(dormitory, occupy):
    first = occupy(dormitory, start_on=datetime.date(2022, 1, 1), occupant_name="陳大文")
    with pytest.raises(ServiceError) as refused:
        occupy(dormitory, start_on=datetime.date(2022, 6, 1), occupant_name="林小華")
    assert refused.value.code == "occupancy_conflict"
    assert refused.value.extra["conflicting_occupancy"] == first.pk
    assert f"#{first.pk}" in str(refused.value) and "陳大文" in str(refused.value)
    assert Occupancy.objects.filter(dormitory=dormitory).count() == 1


def test_a_past_occupancy_that_ended_before_does_not_clash(dormitory, occupy):
    occupy(dormitory, start_on=datetime.date(2015, 1, 1), moved_out_on=datetime.date(2021, 12, 31))
    second = occupy(dormitory, start_on=datetime.date(2021, 12, 31))  # the move-out day is free
    assert second.status == OccupancyStatus.ACTIVE
    with pytest.raises(ServiceError):
        occupy(dormitory, start_on=datetime.date(2019, 1, 1), moved_out_on=datetime.date(2020, 1, 1))


def test_moving_out_frees_the_unit_and_sets_it_vacant(dormitory, occupy, dormitory_clerk):
    occupancy = occupy(dormitory)
    assert Dormitory.objects.get(pk=dormitory.pk).status == DormitoryStatus.OCCUPIED
    services.occupancy_move_out(occupancy=occupancy, moved_out_on=datetime.date(2022, 8, 31), by=dormitory_clerk)
    assert Dormitory.objects.get(pk=dormitory.pk).status == DormitoryStatus.VACANT
    occupy(dormitory, start_on=datetime.date(2022, 9, 1), occupant_name="下一位")


def test_move_out_is_due_three_months_after_eligibility_ends(dormitory, occupy, dormitory_clerk):
    occupancy = occupy(dormitory)
    services.occupancy_end_eligibility(occupancy=occupancy, ended_on=datetime.date(2022, 11, 30), by=dormitory_clerk)
    occupancy.refresh_from_db()
    assert occupancy.move_out_due_on == datetime.date(2023, 2, 28)
    assert rules.MOVE_OUT.days == 3
    assert Occupancy.objects.overdue(on=datetime.date(2023, 3, 1)).filter(pk=occupancy.pk).exists()
    assert not Occupancy.objects.overdue(on=datetime.date(2023, 2, 28)).exists()
    assert Occupancy.objects.due_soon(on=datetime.date(2023, 2, 1), soon=rules.MOVE_OUT_SOON).exists()
    services.occupancy_move_out(occupancy=occupancy, moved_out_on=datetime.date(2023, 3, 5), by=dormitory_clerk)
    assert not Occupancy.objects.overdue(on=datetime.date(2023, 4, 1)).exists()


def test_no_occupant_moves_into_a_unit_awaiting_disposal(dormitory, occupy, dormitory_clerk):
    services.disposal_list(dormitory=dormitory, listed_on=datetime.date(2022, 1, 1), by=dormitory_clerk)
    with pytest.raises(ServiceError, match="待處分"):
        occupy(dormitory)


# --- applications -----------------------------------------------------------------------------


def test_applications_are_served_by_filing_time(dormitory, dormitory_clerk):
    def file(name, day):
        return services.application_file(
            by=dormitory_clerk,
            kind=dormitory.kind,
            applicant_name=name,
            applicant_agency="民政局",
            eligibility_basis="post",
            filed_at=datetime.datetime(2022, 3, day, 9, tzinfo=datetime.UTC),
        )

    later, earlier = file("後申請", 5), file("先申請", 2)
    assert services.application_position(earlier) == 1 and services.application_position(later) == 2
    with pytest.raises(ServiceError, match="較早"):
        services.application_allocate(
            application=later, dormitory=dormitory, start_on=datetime.date(2022, 4, 1), by=dormitory_clerk
        )
    occupancy = services.application_allocate(
        application=earlier, dormitory=dormitory, start_on=datetime.date(2022, 4, 1), by=dormitory_clerk
    )
    assert occupancy.occupant_name == "先申請"
    assert services.application_position(later) == 1


# --- check rounds -----------------------------------------------------------------------------


def test_a_check_round_lists_every_occupied_unit_and_closes_with_the_unchecked(occupy, dormitory_clerk):
    units = [make_dormitory() for _ in range(4)]
    for unit in units[:3]:
        occupy(unit, start_on=datetime.date(2021, 1, 1))
    occupy(units[3], start_on=datetime.date(2022, 6, 1))  # moves in after the round opens
    check_round = services.check_round_open(year=2022, month=5, opened_on=datetime.date(2022, 5, 2), by=dormitory_clerk)
    listed = set(check_round.items.values_list("dormitory_id", flat=True))
    assert listed == {u.pk for u in units[:3]}

    items = {i.dormitory_id: i for i in check_round.items.all()}
    services.check_item_record(
        item=items[units[0].pk], finding=Finding.RESIDING, checked_on=datetime.date(2022, 5, 10), by=dormitory_clerk
    )
    services.check_item_record(
        item=items[units[1].pk],
        finding=Finding.NOT_RESIDING,
        checked_on=datetime.date(2022, 5, 11),
        note="多次訪視未遇",
        by=dormitory_clerk,
    )
    report = services.check_round_close(
        check_round=check_round, closed_on=datetime.date(2022, 5, 31), by=dormitory_clerk
    )
    assert [i.dormitory_id for i in report.unchecked] == [units[2].pk]
    assert [i.dormitory_id for i in report.needing_action] == [units[1].pk]
    with pytest.raises(ServiceError, match="已結束"):
        services.check_item_record(
            item=items[units[2].pk], finding=Finding.RESIDING, checked_on=datetime.date(2022, 6, 1), by=dormitory_clerk
        )


def test_a_finding_other_than_residing_needs_a_note(dormitory, occupy, dormitory_clerk):
    occupy(dormitory, start_on=datetime.date(2021, 1, 1))
    check_round = services.check_round_open(
        year=2022, month=11, opened_on=datetime.date(2022, 11, 1), by=dormitory_clerk
    )
    with pytest.raises(ServiceError, match="說明"):
        services.check_item_record(
            item=CheckItem.objects.get(round=check_round),
            finding=Finding.MISUSE,
            checked_on=datetime.date(2022, 11, 2),
            by=dormitory_clerk,
        )
    with pytest.raises(ServiceError, match="已建立"):
        services.check_round_open(year=2022, month=11, opened_on=datetime.date(2022, 11, 1), by=dormitory_clerk)


# --- lendings ---------------------------------------------------------------------------------


def _lend(residence, clerk, start_hour, end_hour, day=datetime.date(2022, 5, 20)):
    tz = datetime.timezone(datetime.timedelta(hours=8))
    return services.lending_request(
        dormitory=residence,
        by=clerk,
        start_at=datetime.datetime(day.year, day.month, day.day, start_hour, tzinfo=tz),
        end_at=datetime.datetime(day.year, day.month, day.day, end_hour, tzinfo=tz),
        borrower="國立中山大學",
        borrower_kind="school",
        purpose="academic",
        event_name="城市論壇",
    )


def test_two_lendings_of_one_place_never_overlap(residence, dormitory_clerk):
    first = _lend(residence, dormitory_clerk, 13, 17)
    competing = _lend(residence, dormitory_clerk, 15, 18)  # pending requests may queue
    services.lending_decide(lending=first, approve=True, by=dormitory_clerk)
    with pytest.raises(ServiceError) as refused:
        services.lending_decide(lending=competing, approve=True, by=dormitory_clerk)
    assert refused.value.extra["conflicting_lending"] == first.pk
    with pytest.raises(ServiceError):
        _lend(residence, dormitory_clerk, 16, 19)
    _lend(residence, dormitory_clerk, 17, 20)  # touching is fine
    with pytest.raises(ServiceError, match="理由"):
        services.lending_decide(lending=competing, approve=False, by=dormitory_clerk)
    services.lending_decide(lending=competing, approve=False, by=dormitory_clerk, reason="時段已核准他案")
    competing.refresh_from_db()
    assert competing.status == RequestStatus.REJECTED


def test_a_place_not_open_for_lending_is_refused(dormitory, dormitory_clerk):
    with pytest.raises(ServiceError, match="不開放借用"):
        _lend(dormitory, dormitory_clerk, 9, 12)


# --- disposals --------------------------------------------------------------------------------


def test_a_disposal_moves_forward_to_its_end_and_retires_the_unit(dormitory, dormitory_clerk):
    disposal = services.disposal_list(dormitory=dormitory, listed_on=datetime.date(2022, 1, 3), by=dormitory_clerk)
    with pytest.raises(ServiceError, match="核准文號"):
        services.disposal_advance(
            disposal=disposal, stage=DisposalStage.APPROVED, on=datetime.date(2022, 3, 1), by=dormitory_clerk
        )
    services.disposal_advance(
        disposal=disposal,
        stage=DisposalStage.APPROVED,
        on=datetime.date(2022, 3, 1),
        by=dormitory_clerk,
        document_number="高市府財字第1號",
    )
    with pytest.raises(ServiceError, match="往後"):
        services.disposal_advance(
            disposal=disposal, stage=DisposalStage.LISTED, on=datetime.date(2022, 3, 2), by=dormitory_clerk
        )
    services.disposal_advance(
        disposal=disposal, stage=DisposalStage.CLOSED, on=datetime.date(2022, 9, 30), by=dormitory_clerk
    )
    dormitory.refresh_from_db()
    assert dormitory.status == DormitoryStatus.RETIRED and dormitory.retired_on == datetime.date(2022, 9, 30)
    assert list(disposal.steps.values_list("stage", flat=True)) == ["listed", "approved", "closed"]


# --- assets -----------------------------------------------------------------------------------


def test_property_or_item_by_the_domain_rule(add_asset):
    assert add_asset(cost=Decimal(10000)).kind == AssetKind.PROPERTY
    assert add_asset(cost=Decimal(9999)).kind == AssetKind.ITEM
    assert add_asset(cost=Decimal(50000), life_years=1).kind == AssetKind.ITEM
    numbers = [a.number for a in (add_asset(), add_asset())]
    assert numbers[0].startswith("6010101-") and numbers[0] != numbers[1]


def test_no_sale_of_a_disposed_asset(add_asset, dormitory_clerk):
    asset = add_asset(acquired_on=datetime.date(2010, 1, 1))
    services.asset_record_event(
        asset=asset,
        kind=AssetEventKind.DISPOSE,
        on=datetime.date(2022, 5, 1),
        voucher_number="111減字第1號",
        by=dormitory_clerk,
    )
    asset.refresh_from_db()
    assert asset.status == AssetStatus.DISPOSED and asset.reduced_on == datetime.date(2022, 5, 1)
    for kind in (AssetEventKind.SELL, AssetEventKind.DISPOSE, AssetEventKind.TRANSFER, AssetEventKind.RELOCATE):
        with pytest.raises(ServiceError, match="已報廢"):
            services.asset_record_event(
                asset=asset,
                kind=kind,
                on=datetime.date(2022, 6, 1),
                voucher_number="111減字第2號",
                counterparty="某單位",
                by=dormitory_clerk,
            )
    assert list(asset.events.values_list("kind", flat=True)) == ["add", "dispose"]


def test_no_disposal_before_the_minimum_life_without_a_recorded_approval(add_asset, dormitory_clerk):
    asset = add_asset(acquired_on=datetime.date(2021, 3, 1))  # category minimum: 4 years
    with pytest.raises(ServiceError, match="未達最低使用年限") as refused:
        services.asset_record_event(
            asset=asset,
            kind=AssetEventKind.DISPOSE,
            on=datetime.date(2022, 5, 1),
            voucher_number="111減字第3號",
            by=dormitory_clerk,
        )
    assert refused.value.field == "approval_reference"
    services.asset_record_event(
        asset=asset,
        kind=AssetEventKind.DISPOSE,
        on=datetime.date(2022, 5, 1),
        voucher_number="111減字第3號",
        approval_reference="高市府行國財字第1110001號",
        approved_by="處長",
        note="雷擊損毀",
        by=dormitory_clerk,
    )
    asset.refresh_from_db()
    assert asset.status == AssetStatus.DISPOSED


def test_every_event_needs_its_voucher_and_a_counterparty_where_one_receives(
    add_asset, dormitory_clerk, other_location
):
    asset = add_asset()
    with pytest.raises(ServiceError, match="憑單"):
        services.asset_record_event(
            asset=asset,
            kind=AssetEventKind.RELOCATE,
            on=datetime.date(2022, 1, 5),
            voucher_number=" ",
            to_location=other_location,
            by=dormitory_clerk,
        )
    with pytest.raises(ServiceError, match="接受或購買單位"):
        services.asset_record_event(
            asset=asset,
            kind=AssetEventKind.DONATE,
            on=datetime.date(2022, 1, 5),
            voucher_number="V1",
            by=dormitory_clerk,
        )
    services.asset_record_event(
        asset=asset,
        kind=AssetEventKind.RELOCATE,
        on=datetime.date(2022, 1, 5),
        voucher_number="V1",
        to_location=other_location,
        by=dormitory_clerk,
    )
    asset.refresh_from_db()
    assert asset.location == other_location and asset.status == AssetStatus.IN_USE
    services.asset_record_event(
        asset=asset,
        kind=AssetEventKind.TRANSFER,
        on=datetime.date(2022, 2, 5),
        voucher_number="V2",
        counterparty="高雄市立圖書館",
        by=dormitory_clerk,
    )
    asset.refresh_from_db()
    assert asset.status == AssetStatus.TRANSFERRED


# --- stocktaking ------------------------------------------------------------------------------


def test_stocktaking_found_misplaced_and_missing(add_asset, location, other_location, dormitory_clerk):
    here = [add_asset() for _ in range(3)]
    elsewhere = add_asset(at=other_location)
    stock_round = services.stocktaking_open(
        location=location, year=2022, opened_on=datetime.date(2022, 11, 1), by=dormitory_clerk
    )
    assert stock_round.entries.count() == 3
    assert (
        services.stocktaking_record(
            stock_round=stock_round, number=here[0].number.lower(), by=dormitory_clerk
        ).entry.result
        == StockResult.FOUND
    )
    assert services.stocktaking_record(stock_round=stock_round, number=here[0].number, by=dormitory_clerk).already
    assert (
        services.stocktaking_record(stock_round=stock_round, number=elsewhere.number, by=dormitory_clerk).entry.result
        == StockResult.MISPLACED
    )
    with pytest.raises(ServiceError, match="查無"):
        services.stocktaking_record(stock_round=stock_round, number="9999999-0000001", by=dormitory_clerk)
    with pytest.raises(ServiceError, match="進行中"):
        services.stocktaking_open(
            location=location, year=2022, opened_on=datetime.date(2022, 11, 2), by=dormitory_clerk
        )
    services.stocktaking_close(stock_round=stock_round, closed_on=datetime.date(2022, 11, 20), by=dormitory_clerk)
    results = dict(stock_round.entries.values_list("asset_id", "result"))
    assert results == {
        here[0].pk: StockResult.FOUND,
        here[1].pk: StockResult.MISSING,
        here[2].pk: StockResult.MISSING,
        elsewhere.pk: StockResult.MISPLACED,
    }
    with pytest.raises(ServiceError, match="已結束"):
        services.stocktaking_record(stock_round=stock_round, number=here[1].number, by=dormitory_clerk)
