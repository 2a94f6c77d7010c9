"""Demo records of ROC 111 (2022) as the seed states them, and a smaller 110 (2021).

壹/一/(三) 宿舍管理: 44 units at the end of 111 (首長職務宿舍 3, 多房間職務宿舍 32, 單房間職務宿舍 6,
眷舍 3); 46 at the end of 110 (one multi-room and one single-room unit left the register in 111);
the mayor's residence lent 10 times in 111 (6 in 110); two 居住事實查考 a year, May and November;
land and an empty 眷舍 lent to 前金區公所. (四) 財產管理: a register of about 3,000 財產/物品 at the
two centers and the dormitories, additions and reductions in both years, one 盤點 in 111.

Names are fictional; national IDs are made up with a valid checksum. Idempotent: nothing is
loaded when the register already has units. Big tables go in with bulk_create.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dormitories import rules
from dormitories.choices import (
    AssetEventKind,
    AssetStatus,
    BorrowerKind,
    Center,
    CheckRoundStatus,
    DisposalStage,
    DormitoryKind,
    DormitoryStatus,
    EligibilityBasis,
    Finding,
    OccupancyStatus,
    Purpose,
    RecordMethod,
    RepairKind,
    RepairStatus,
    StockResult,
    StocktakingStatus,
)
from dormitories.models import (
    Asset,
    AssetCategory,
    AssetEvent,
    AssetLocation,
    CheckItem,
    CheckRound,
    Disposal,
    DisposalStep,
    Dormitory,
    Lending,
    Occupancy,
    OccupancyApplication,
    Repair,
    StocktakingEntry,
    StocktakingRound,
)
from kaohsiung_admin.core.decisions import RequestStatus
from kaohsiung_admin.core.numbering import set_last_number
from kaohsiung_admin.core.personal_data import _LETTER_CODES

TZ = timezone.get_fixed_timezone(8 * 60)

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴"
GIVEN = "志明淑芬怡君家豪俊傑雅婷宗翰美玲建宏佳穎冠宇思妤承恩欣怡育誠婉婷信宏靜宜柏翰雅雯秀英文雄惠美國華麗華"

# Streets of the districts where the city's dormitories stand (addresses are illustrative).
STREETS = [
    ("苓雅區", "四維三路"),
    ("苓雅區", "中正一路"),
    ("苓雅區", "光華一路"),
    ("新興區", "中山一路"),
    ("前金區", "中正四路"),
    ("前金區", "成功一路"),
    ("鼓山區", "河西路"),
    ("鼓山區", "臨海二路"),
    ("三民區", "建國二路"),
    ("左營區", "博愛二路"),
    ("鳳山區", "光復路二段"),
    ("鳳山區", "自由路"),
    ("前鎮區", "中華五路"),
    ("楠梓區", "德賢路"),
]

CATEGORIES = [
    # (code 類1項2目2節2, name, minimum life in years) — a subset of the 財物標準分類 for the demo.
    ("3010101", "辦公房屋", 50),
    ("3140101", "電氣設備", 10),
    ("4010101", "空調設備", 8),
    ("4010201", "發電機", 10),
    ("5010101", "小客車", 10),
    ("5010201", "機車", 7),
    ("6010101", "電腦主機", 4),
    ("6010102", "筆記型電腦", 4),
    ("6010201", "印表機", 4),
    ("6010301", "投影機", 5),
    ("6020101", "辦公桌", 8),
    ("6020102", "辦公椅", 8),
    ("6020201", "檔案櫃", 10),
    ("6030101", "電話交換機", 8),
    ("6030201", "監視設備", 6),
    ("6040101", "冰箱", 8),
    ("6040201", "洗衣機", 8),
    ("6050101", "音響設備", 6),
]

ITEMS = {
    # category → (names, cost range); some cheap enough to be 物品.
    "3140101": (["配電盤", "不斷電系統", "照明控制盤"], (30_000, 480_000)),
    "4010101": (["分離式冷氣機", "窗型冷氣機", "箱型冷氣機"], (18_000, 260_000)),
    "4010201": (["柴油發電機"], (450_000, 1_800_000)),
    "5010101": (["公務小客車", "禮賓車"], (680_000, 1_600_000)),
    "5010201": (["公務機車"], (52_000, 98_000)),
    "6010101": (["個人電腦", "伺服器"], (21_000, 320_000)),
    "6010102": (["筆記型電腦"], (26_000, 58_000)),
    "6010201": (["雷射印表機", "多功能事務機"], (8_000, 95_000)),
    "6010301": (["單槍投影機"], (22_000, 130_000)),
    "6020101": (["辦公桌", "會議桌"], (3_500, 42_000)),
    "6020102": (["辦公椅", "會議椅"], (1_800, 12_000)),
    "6020201": (["鋼製檔案櫃", "公文櫃"], (4_200, 16_000)),
    "6030101": (["電話交換機"], (180_000, 900_000)),
    "6030201": (["監視攝影主機", "網路攝影機"], (9_000, 220_000)),
    "6040101": (["冰箱"], (12_000, 38_000)),
    "6040201": (["洗衣機"], (11_000, 26_000)),
    "6050101": (["擴音系統", "無線麥克風組"], (8_500, 350_000)),
}

LOCATIONS = [
    ("SW-B1", "四維行政中心地下1樓機房", Center.SIWEI),
    ("SW-1F", "四維行政中心1樓", Center.SIWEI),
    ("SW-4F", "四維行政中心4樓行政暨國際處", Center.SIWEI),
    ("SW-5F", "四維行政中心5樓", Center.SIWEI),
    ("SW-10F", "四維行政中心10樓禮堂", Center.SIWEI),
    ("SW-12F", "四維行政中心12樓會議室", Center.SIWEI),
    ("FS-F1", "鳳山行政中心前棟1樓", Center.FENGSHAN),
    ("FS-F3", "鳳山行政中心前棟3樓", Center.FENGSHAN),
    ("FS-B1", "鳳山行政中心後棟1樓多媒體簡報室", Center.FENGSHAN),
    ("FS-B5", "鳳山行政中心後棟5樓", Center.FENGSHAN),
    ("DORM", "市有宿舍", Center.DORMITORY),
    ("GARAGE", "四維行政中心停車場", Center.SIWEI),
]

BORROWERS = [
    ("國立中山大學", BorrowerKind.SCHOOL, Purpose.ACADEMIC, "城市治理論壇"),
    ("高雄市文化基金會", BorrowerKind.GROUP, Purpose.ARTS, "官邸藝文沙龍"),
    ("高雄市立美術館", BorrowerKind.AGENCY, Purpose.ARTS, "駐館藝術家分享會"),
    ("國立高雄師範大學", BorrowerKind.SCHOOL, Purpose.ACADEMIC, "教育論壇"),
    ("社團法人高雄市社區大學促進會", BorrowerKind.GROUP, Purpose.SOCIAL, "社區學習成果發表"),
    ("高雄市政府文化局", BorrowerKind.AGENCY, Purpose.ARTS, "城市文學講座"),
    ("財團法人高雄市私立愛心社會福利基金會", BorrowerKind.GROUP, Purpose.PUBLIC_INTEREST, "公益音樂會"),
    ("高雄市立高雄高級中學", BorrowerKind.SCHOOL, Purpose.SOCIAL, "校友座談"),
    ("台灣港都設計股份有限公司", BorrowerKind.COMPANY, Purpose.ARTS, "設計週講座"),
    ("高雄市政府觀光局", BorrowerKind.AGENCY, Purpose.PUBLIC_INTEREST, "國際旅展接待"),
    ("高雄市青年志工協會", BorrowerKind.GROUP, Purpose.SOCIAL, "志工培訓"),
    ("國立高雄科技大學", BorrowerKind.SCHOOL, Purpose.ACADEMIC, "產學座談"),
]


def national_id(rng: random.Random) -> str:
    """A made-up 身分證統一編號 with a valid checksum (Kaohsiung letters E/S)."""
    letter = rng.choice("ES")
    body = [rng.choice((1, 2))] + [rng.randrange(10) for _ in range(7)]
    code = _LETTER_CODES[letter]
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1)
    total = sum(d * w for d, w in zip([code // 10, code % 10, *body], weights, strict=True))
    return f"{letter}{''.join(map(str, body))}{(10 - total % 10) % 10}"


def person(rng: random.Random) -> str:
    given = rng.randrange(0, len(GIVEN) // 2) * 2
    return f"{rng.choice(SURNAMES)}{GIVEN[given : given + 2]}"


def phone(rng: random.Random) -> str:
    return f"09{rng.randrange(10_000_000, 99_999_999)}"


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def load(stdout) -> None:
    if Dormitory.objects.exists():
        stdout.write("dormitories: demo data already present")
        return
    with transaction.atomic():
        dormitories = _dormitories()
        occupancies = _occupancies(dormitories)
        _applications()
        _checks(dormitories, occupancies)
        _repairs(dormitories)
        _lendings(dormitories)
        count = _assets()
    stdout.write(
        f"dormitories: {len(dormitories)} units, {len(occupancies)} occupancies, {count:,} assets (ROC 110–111)"
    )


# --- the register -----------------------------------------------------------------------------


def _dormitories() -> list[Dormitory]:
    rng = random.Random("dormitories-register")
    rows: list[Dormitory] = []
    plan = [
        (DormitoryKind.HEAD, "H", 3, 0),
        (DormitoryKind.MULTI_ROOM, "M", 33, 1),  # M33 leaves the register in 2022
        (DormitoryKind.SINGLE_ROOM, "S", 7, 1),  # S07 too
        (DormitoryKind.FAMILY, "F", 3, 0),
    ]
    for kind, prefix, count, _retired in plan:
        for n in range(1, count + 1):
            district, street = rng.choice(STREETS)
            if kind == DormitoryKind.HEAD:
                district, street = [("苓雅區", "四維三路"), ("鼓山區", "河西路"), ("苓雅區", "光華一路")][n - 1]
            if kind == DormitoryKind.HEAD:
                name = ["市長官邸", "副市長職務宿舍", "秘書長職務宿舍"][n - 1]
            elif kind == DormitoryKind.MULTI_ROOM:
                name = f"{district[:2]}多房間職務宿舍{n:02d}"
            elif kind == DormitoryKind.SINGLE_ROOM:
                name = f"單身職務宿舍{n:02d}"
            else:
                name = f"眷舍{n:02d}"
            if kind == DormitoryKind.FAMILY:
                district, street = ("前金區", "成功一路") if n < 3 else ("鳳山區", "自由路")
            rooms = {
                DormitoryKind.HEAD: 6,
                DormitoryKind.MULTI_ROOM: rng.choice([2, 3, 3, 4]),
                DormitoryKind.SINGLE_ROOM: 1,
                DormitoryKind.FAMILY: 3,
            }[kind]
            area = {
                DormitoryKind.HEAD: 260,
                DormitoryKind.MULTI_ROOM: 85,
                DormitoryKind.SINGLE_ROOM: 26,
                DormitoryKind.FAMILY: 70,
            }[kind]
            rows.append(
                Dormitory(
                    code=f"{prefix}{n:02d}",
                    name=name,
                    kind=kind,
                    address=f"高雄市{district}{street}{rng.randrange(2, 380)}號{'' if kind == DormitoryKind.HEAD else f'{rng.randrange(2, 12)}樓'}",
                    district=district,
                    rooms=rooms,
                    floor_area=Decimal(area + rng.randrange(-8, 12)),
                    status=DormitoryStatus.VACANT,
                    is_mayor_residence=(kind == DormitoryKind.HEAD and n == 1),
                    is_lendable=(kind == DormitoryKind.HEAD and n == 1) or (kind == DormitoryKind.FAMILY and n == 2),
                    registered_on=datetime.date(1985 + rng.randrange(0, 30), rng.randrange(1, 13), 1),
                    note="",
                )
            )
    Dormitory.objects.bulk_create(rows)
    units = list(Dormitory.objects.order_by("code"))
    by_code = {d.code: d for d in units}
    # 眷舍: F01 lived in by a legacy household, F02 empty and lent to 前金區公所, F03 awaiting disposal.
    Dormitory.objects.filter(code="F02").update(status=DormitoryStatus.LENT, note="空屋及空地借予前金區公所綠美化使用")
    Dormitory.objects.filter(code="F03").update(status=DormitoryStatus.TO_DISPOSE)
    f03 = Disposal.objects.create(
        dormitory=by_code["F03"],
        stage=DisposalStage.APPLIED,
        listed_on=datetime.date(2021, 3, 1),
        note="老舊眷舍，原住戶遷出後列管處分",
    )
    DisposalStep.objects.bulk_create(
        [
            DisposalStep(disposal=f03, stage=DisposalStage.LISTED, on=datetime.date(2021, 3, 1), note="列管待處分"),
            DisposalStep(
                disposal=f03, stage=DisposalStage.APPLIED, on=datetime.date(2022, 8, 15), note="報請財政局辦理處分"
            ),
        ]
    )
    # Two units left the register in 2022: handed back after their disposal was approved.
    for code, closed in (("M33", datetime.date(2022, 9, 30)), ("S07", datetime.date(2022, 4, 15))):
        Dormitory.objects.filter(code=code).update(status=DormitoryStatus.RETIRED, retired_on=closed)
        disposal = Disposal.objects.create(
            dormitory=by_code[code],
            stage=DisposalStage.CLOSED,
            listed_on=datetime.date(2021, 6, 1),
            document_number=f"高市府財產字第{1110000000 + closed.toordinal() % 100000}號",
            closed_on=closed,
        )
        DisposalStep.objects.bulk_create(
            [
                DisposalStep(disposal=disposal, stage=DisposalStage.LISTED, on=datetime.date(2021, 6, 1)),
                DisposalStep(disposal=disposal, stage=DisposalStage.APPROVED, on=closed - datetime.timedelta(days=60)),
                DisposalStep(
                    disposal=disposal, stage=DisposalStage.HANDED_OVER, on=closed - datetime.timedelta(days=10)
                ),
                DisposalStep(disposal=disposal, stage=DisposalStage.CLOSED, on=closed, note="已辦理除帳"),
            ]
        )
    return list(Dormitory.objects.order_by("code"))


def _occupancies(dormitories: list[Dormitory]) -> list[Occupancy]:
    rng = random.Random("dormitories-occupancies")
    today = timezone.localdate()
    rows: list[Occupancy] = []
    occupied_codes = {"H02", "H03", "F01"}
    occupied_codes |= {f"M{n:02d}" for n in range(1, 33) if n not in (7, 19, 26)}
    occupied_codes |= {f"S{n:02d}" for n in range(1, 7) if n != 4}
    titles = [("高雄市政府", "副市長"), ("高雄市政府", "秘書長")]
    for unit in dormitories:
        if unit.code in ("M33", "S07"):
            # Lived in until 2021, then handed back.
            rows.append(_occupancy(rng, unit, datetime.date(2016, 8, 1), moved_out=datetime.date(2021, 5, 31)))
            continue
        if unit.code not in occupied_codes:
            continue
        if unit.code.startswith("M") and int(unit.code[1:]) % 5 == 0:
            # An earlier occupant moved out in 2021 and the next moved in.
            rows.append(_occupancy(rng, unit, datetime.date(2014, 3, 1), moved_out=datetime.date(2021, 7, 31)))
            start = datetime.date(2021, 9, 1)
        else:
            start = datetime.date(2010 + rng.randrange(0, 12), rng.randrange(1, 13), 1)
        occupancy = _occupancy(rng, unit, start)
        if unit.code in ("H02", "H03"):
            occupancy.occupant_agency, occupancy.occupant_title = titles[int(unit.code[2]) - 2]
            occupancy.eligibility_basis = EligibilityBasis.HEAD
        if unit.code == "F01":
            occupancy.eligibility_basis = EligibilityBasis.FAMILY_LEGACY
            occupancy.start_on = datetime.date(1992, 5, 1)
        # A few occupants whose eligibility ended: one overdue, two due soon (around today).
        if unit.code == "M04":
            occupancy.eligibility_ended_on = today - datetime.timedelta(days=120)
        if unit.code in ("M11", "S02"):
            occupancy.eligibility_ended_on = today - datetime.timedelta(days=75)
        rows.append(occupancy)
    for row in rows:
        row.move_out_due_on = rules.move_out_due(row.eligibility_ended_on)
    Occupancy.objects.bulk_create(rows)
    occupied = {r.dormitory_id for r in rows if r.status == OccupancyStatus.ACTIVE}
    Dormitory.objects.filter(pk__in=occupied).update(status=DormitoryStatus.OCCUPIED)
    for code, status in (("M07", DormitoryStatus.UNDER_REPAIR),):
        Dormitory.objects.filter(code=code).update(status=status)
    return list(Occupancy.objects.select_related("dormitory"))


def _occupancy(rng, unit: Dormitory, start: datetime.date, *, moved_out: datetime.date | None = None) -> Occupancy:
    name = person(rng)
    agency = rng.choice(
        ["行政暨國際處", "民政局", "財政局", "工務局", "社會局", "秘書處", "研究發展考核委員會", "法制局"]
    )
    return Occupancy(
        dormitory=unit,
        occupant_name=name,
        occupant_national_id=national_id(rng),
        occupant_phone=phone(rng),
        occupant_agency=f"高雄市政府{agency}",
        occupant_title=rng.choice(["科長", "專門委員", "秘書", "專員", "股長", "主任"]),
        eligibility_basis=rng.choice([EligibilityBasis.POST, EligibilityBasis.POST, EligibilityBasis.SECURITY]),
        contract_number=f"宿借字第{start.year - 1911}{rng.randrange(100, 999)}號",
        contract_signed_on=start - datetime.timedelta(days=7),
        start_on=start,
        term_end_on=datetime.date(start.year + 4, start.month, 1) - datetime.timedelta(days=1),
        moved_out_on=moved_out,
        status=OccupancyStatus.ENDED if moved_out else OccupancyStatus.ACTIVE,
    )


def _applications() -> None:
    rng = random.Random("dormitories-applications")
    base = datetime.datetime(2022, 10, 3, 9, tzinfo=TZ)
    rows = []
    for n in range(6):
        kind = DormitoryKind.MULTI_ROOM if n % 3 else DormitoryKind.SINGLE_ROOM
        rows.append(
            OccupancyApplication(
                kind=kind,
                applicant_name=person(rng),
                applicant_national_id=national_id(rng),
                applicant_phone=phone(rng),
                applicant_agency="高雄市政府" + rng.choice(["行政暨國際處", "海洋局", "經濟發展局", "環境保護局"]),
                eligibility_basis=EligibilityBasis.POST,
                evidence="派令影本、戶籍謄本",
                filed_at=base + datetime.timedelta(days=n * 9, hours=n),
            )
        )
    OccupancyApplication.objects.bulk_create(rows)


def _checks(dormitories: list[Dormitory], occupancies: list[Occupancy]) -> None:
    """Two rounds a year; every unit occupied when the round opened is on its checklist."""
    rng = random.Random("dormitories-checks")
    items = []
    for year in (2021, 2022):
        for month in (5, 11):
            opened = datetime.date(year, month, 2)
            closed = datetime.date(year, month, 27)
            check_round = CheckRound.objects.create(
                year=year, month=month, opened_on=opened, closed_on=closed, status=CheckRoundStatus.CLOSED
            )
            for occupancy in occupancies:
                if occupancy.status == OccupancyStatus.CANCELLED or occupancy.start_on > opened:
                    continue
                if occupancy.moved_out_on and occupancy.moved_out_on <= opened:
                    continue
                roll = rng.random()
                finding = Finding.RESIDING
                note = ""
                if roll < 0.04:
                    finding, note = Finding.NOT_RESIDING, "多次訪視未遇，水電用量偏低，發函請說明"
                elif roll < 0.06:
                    finding, note = Finding.MISUSE, "陽台加蓋鐵皮，已通知限期回復原狀"
                elif roll < 0.08:
                    finding, note = Finding.OTHER, "借用人反映浴室漏水，轉請修繕"
                items.append(
                    CheckItem(
                        round=check_round,
                        dormitory_id=occupancy.dormitory_id,
                        occupancy=occupancy,
                        finding=finding,
                        checked_on=opened + datetime.timedelta(days=rng.randrange(0, 20)),
                        note=note,
                        action_done=finding != Finding.RESIDING,
                    )
                )
    CheckItem.objects.bulk_create(items)


def _repairs(dormitories: list[Dormitory]) -> None:
    rng = random.Random("dormitories-repairs")
    work = [
        ("浴室漏水修繕", "永興水電工程行"),
        ("屋頂防水工程", "港都營造有限公司"),
        ("熱水器汰換", "大統水電行"),
        ("冷氣機汰換", "冷凍空調股份有限公司"),
        ("門窗五金更換", "鼓山五金行"),
        ("外牆磁磚剝落修補", "港都營造有限公司"),
        ("白蟻防治", "環境衛生消毒公司"),
    ]
    rows = []
    for year, count in ((2021, 14), (2022, 23)):
        for _n in range(count):
            unit = rng.choice([d for d in dormitories if d.code not in ("M33", "S07")])
            reported = datetime.date(year, rng.randrange(1, 13), rng.randrange(1, 28))
            description, contractor = rng.choice(work)
            done = reported + datetime.timedelta(days=rng.randrange(5, 40))
            rows.append(
                Repair(
                    dormitory=unit,
                    kind=RepairKind.REPAIR,
                    reported_on=reported,
                    description=description,
                    contractor=contractor,
                    cost=Decimal(rng.randrange(30, 900) * 100),
                    done_on=done,
                    status=RepairStatus.DONE,
                )
            )
        for month in (3, 9):
            for unit in dormitories[::7]:
                rows.append(
                    Repair(
                        dormitory=unit,
                        kind=RepairKind.INSPECTION,
                        reported_on=datetime.date(year, month, 10),
                        description="宿舍設施巡查",
                        done_on=datetime.date(year, month, 10),
                        status=RepairStatus.DONE,
                    )
                )
    rows.append(
        Repair(
            dormitory=next(d for d in dormitories if d.code == "M07"),
            reported_on=timezone.localdate() - datetime.timedelta(days=12),
            description="全室管線更新",
            contractor="港都營造有限公司",
            cost=Decimal(386000),
            status=RepairStatus.IN_PROGRESS,
        )
    )
    Repair.objects.bulk_create(rows)


def _lendings(dormitories: list[Dormitory]) -> None:
    """The mayor's residence: 10 approved events in 2022 (6 in 2021), plus one rejected and one
    withdrawn; the land and empty 眷舍 lent to 前金區公所."""
    rng = random.Random("dormitories-lendings")
    residence = next(d for d in dormitories if d.is_mayor_residence)
    family = next(d for d in dormitories if d.code == "F02")
    rows = []
    for year, count in ((2021, 6), (2022, 10)):
        months = sorted(rng.sample(range(1, 13), count))
        for index, month in enumerate(months):
            borrower, kind, purpose, event = BORROWERS[(index + year) % len(BORROWERS)]
            day = datetime.date(year, month, rng.randrange(3, 26))
            rows.append(
                Lending(
                    dormitory=residence,
                    space="一樓大廳及庭院",
                    borrower=borrower,
                    borrower_kind=kind,
                    purpose=purpose,
                    event_name=f"{year - 1911}年{event}",
                    contact_name=person(rng),
                    contact_phone=f"07-{rng.randrange(2000000, 8999999)}",
                    start_at=at(day, 13),
                    end_at=at(day, 17),
                    attendees=rng.randrange(30, 120),
                    status=RequestStatus.APPROVED,
                    decided_at=at(day - datetime.timedelta(days=20), 10),
                    decision_reason="符合公益活動使用",
                )
            )
    for status, reason, day in (
        (RequestStatus.REJECTED, "活動內容屬商業促銷，非公益性質", datetime.date(2022, 6, 18)),
        (RequestStatus.CANCELLED, "主辦單位取消活動", datetime.date(2022, 9, 24)),
    ):
        rows.append(
            Lending(
                dormitory=residence,
                space="一樓大廳",
                borrower="某某行銷有限公司" if status == RequestStatus.REJECTED else "高雄市青年志工協會",
                borrower_kind=BorrowerKind.COMPANY if status == RequestStatus.REJECTED else BorrowerKind.GROUP,
                purpose=Purpose.PUBLIC_INTEREST if status == RequestStatus.REJECTED else Purpose.SOCIAL,
                event_name="新品發表會" if status == RequestStatus.REJECTED else "志工授證典禮",
                start_at=at(day, 14),
                end_at=at(day, 17),
                status=status,
                decision_reason=reason,
            )
        )
    rows.append(
        Lending(
            dormitory=family,
            space="眷舍空屋及宿舍空地",
            borrower="高雄市前金區公所",
            borrower_kind=BorrowerKind.AGENCY,
            purpose=Purpose.GREENING,
            event_name="綠美化基地及里民休閒場所",
            start_at=at(datetime.date(2022, 1, 1), 0),
            end_at=at(datetime.date(2023, 12, 31), 23),
            status=RequestStatus.APPROVED,
            decided_at=at(datetime.date(2021, 12, 10), 10),
            decision_reason="活化利用閒置宿舍空間",
        )
    )
    # One pending request around today, for the clerk's queue.
    upcoming = timezone.localdate() + datetime.timedelta(days=21)
    rows.append(
        Lending(
            dormitory=residence,
            space="一樓大廳",
            borrower="國立中山大學",
            borrower_kind=BorrowerKind.SCHOOL,
            purpose=Purpose.ACADEMIC,
            event_name="城市治理工作坊",
            start_at=at(upcoming, 9),
            end_at=at(upcoming, 12),
            attendees=40,
            status=RequestStatus.PENDING,
        )
    )
    Lending.objects.bulk_create(rows)


# --- assets -----------------------------------------------------------------------------------


def _assets() -> int:
    rng = random.Random("dormitories-assets")
    AssetCategory.objects.bulk_create([AssetCategory(code=c, name=n, min_life_years=y) for c, n, y in CATEGORIES])
    AssetLocation.objects.bulk_create([AssetLocation(code=c, name=n, center=k) for c, n, k in LOCATIONS])
    categories = {c.code: c for c in AssetCategory.objects.all()}
    locations = {loc.code: loc for loc in AssetLocation.objects.all()}
    office = [locations[c] for c in ("SW-1F", "SW-4F", "SW-5F", "SW-10F", "SW-12F", "FS-F1", "FS-F3", "FS-B1", "FS-B5")]
    serials: dict[str, int] = {}
    assets: list[Asset] = []
    plan: list[tuple[str, int]] = []  # (category, how many)
    plan += [("6010101", 520), ("6010102", 180), ("6010201", 160), ("6010301", 60), ("6020101", 640)]
    plan += [("6020102", 820), ("6020201", 260), ("4010101", 190), ("3140101", 40), ("6030201", 70)]
    plan += [("6050101", 36), ("6040101", 46), ("6040201", 32), ("5010101", 14), ("5010201", 8)]
    plan += [("4010201", 3), ("6030101", 2)]
    for code, count in plan:
        names, (low, high) = ITEMS[code]
        category = categories[code]
        for _n in range(count):
            serials[code] = serials.get(code, 0) + 1
            serial = serials[code]
            # Acquired 2006–2022; 2022 gets the 111 additions, 2021 the 110 ones.
            year = rng.choices(range(2006, 2023), weights=[2] * 15 + [4, 5])[0]
            acquired = datetime.date(year, rng.randrange(1, 13), rng.randrange(1, 28))
            cost = Decimal(rng.randrange(low // 100, high // 100 + 1) * 100)
            if code in ("5010101", "5010201"):
                location = locations["GARAGE"]
            elif code in ("4010201", "6030101", "3140101"):
                location = locations["SW-B1"]
            elif code in ("6040101", "6040201"):
                location = locations["DORM"]
            else:
                location = rng.choice(office)
            life = category.min_life_years
            assets.append(
                Asset(
                    number=f"{code}-{serial:07d}",
                    category=category,
                    serial=serial,
                    name=rng.choice(names),
                    spec=rng.choice(["ASUS", "Acer", "HP", "Epson", "Panasonic", "Hitachi", "Toyota", "國產"]),
                    kind=rules.asset_kind(cost=cost, life_years=life),
                    acquired_on=acquired,
                    cost=cost,
                    life_years=life,
                    location=location,
                    custodian=person(rng),
                    custodian_unit=rng.choice(["秘書室", "事務管理科", "廳舍管理科", "國際事務科", "文書科"]),
                )
            )
    Asset.objects.bulk_create(assets, batch_size=1000)
    for code, last in serials.items():
        set_last_number(f"dormitories.asset.{code}", 0, last)
    saved = list(Asset.objects.select_related("category").order_by("number"))
    events = [
        AssetEvent(
            asset=a,
            kind=AssetEventKind.ADD,
            on=a.acquired_on,
            voucher_number=f"{a.acquired_on.year - 1911}增字第{(a.pk * 7) % 9000 + 1000:04d}號",
            to_location_id=a.location_id,
            amount=a.cost,
        )
        for a in saved
    ]
    # Reductions: old equipment past its minimum life disposed, some sold, transferred, donated.
    reduced: list[Asset] = []
    for year, counts in (
        (2021, {"dispose": 64, "sell": 4, "transfer": 9, "donate": 6}),
        (2022, {"dispose": 112, "sell": 7, "transfer": 15, "donate": 11}),
    ):
        for kind, count in counts.items():
            candidates = [
                a
                for a in saved
                if a.status == AssetStatus.IN_USE
                and a.location.code != "DORM"
                and rules.life_ends_on(a.acquired_on, a.category.min_life_years) < datetime.date(year, 1, 1)
            ]
            for asset in rng.sample(candidates, min(count, len(candidates))):
                on = datetime.date(year, rng.randrange(1, 12), rng.randrange(1, 28))
                event_kind = AssetEventKind(kind)
                from dormitories.choices import REDUCING

                asset.status = REDUCING[event_kind]
                asset.reduced_on = on
                reduced.append(asset)
                events.append(
                    AssetEvent(
                        asset=asset,
                        kind=event_kind,
                        on=on,
                        voucher_number=f"{year - 1911}減字第{len(events) % 9000 + 1000:04d}號",
                        from_location_id=asset.location_id,
                        counterparty={
                            "sell": "高雄市政府財政局標售",
                            "transfer": "高雄市立圖書館",
                            "donate": "社團法人高雄市身心障礙者福利協會",
                        }.get(kind, ""),
                        amount=Decimal(0) if kind != "sell" else (asset.cost / 20).quantize(Decimal(1)),
                        note="已逾最低使用年限，不堪使用" if kind == "dispose" else "",
                    )
                )
    Asset.objects.bulk_update(reduced, ["status", "reduced_on"], batch_size=1000)
    AssetEvent.objects.bulk_create(events, batch_size=2000)
    # One stocktaking in 2022: the Bureau's own floor, 3 missing and 2 misplaced.
    location = locations["SW-4F"]
    round_ = StocktakingRound.objects.create(
        location=location,
        year=2022,
        opened_on=datetime.date(2022, 11, 14),
        closed_on=datetime.date(2022, 11, 25),
        status=StocktakingStatus.CLOSED,
    )
    here = [a for a in saved if a.location_id == location.pk and a.status == AssetStatus.IN_USE]
    missing = {a.pk for a in rng.sample(here, 3)}
    recorded = at(datetime.date(2022, 11, 18), 10)
    entries = [
        StocktakingEntry(
            round=round_,
            asset=a,
            result=StockResult.MISSING if a.pk in missing else StockResult.FOUND,
            method=RecordMethod.AUTO if a.pk in missing else RecordMethod.SCAN,
            recorded_at=recorded,
        )
        for a in here
    ]
    elsewhere = [a for a in saved if a.location.code == "SW-5F" and a.status == AssetStatus.IN_USE][:2]
    entries += [
        StocktakingEntry(
            round=round_,
            asset=a,
            expected=False,
            result=StockResult.MISPLACED,
            method=RecordMethod.TYPED,
            recorded_at=recorded,
        )
        for a in elsewhere
    ]
    StocktakingEntry.objects.bulk_create(entries, batch_size=2000)
    return len(saved)
