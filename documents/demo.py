"""Demo records for ROC 111 (2022) from which the annual report states the seed's figures, and
a smaller 110 (2021).

111: about 20,000 documents (收文 and 創稿) with due dates by the rules, e-signing above 45% and
e-exchange above 70% (the report says both targets were met, without the rates); 964 cases
controlled through the online system plus the Control Yuan visits' 5 and 15; 79 organisations
on e-exchange by the end of the year; 27 open data sets; 124 gazette issues (every Monday and
Thursday, and 號外); 52 municipal meetings including 1 extraordinary.
110: 903 petitions, 7 and 9 at the visits, 71 organisations, 24 data sets, 104 issues, 51 meetings.

Deterministic (seeded random), idempotent (a year already present is skipped), fast (bulk_create;
the history of demo rows is not recorded). A few documents and petitions in progress today are
filed through the services, so the due lists and the digest show something.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.core.management.color import no_style
from django.db import connection
from django.db.models import DateTimeField, Max
from django.utils import timezone

from documents import rules, services
from documents.choices import (
    Action,
    Direction,
    GazetteKind,
    MeetingKind,
    Nature,
    NonAcceptanceGround,
    PetitionAction,
    PetitionChannel,
    PetitionKind,
    PetitionStatus,
    Status,
)
from documents.models import (
    ControlYuanVisit,
    DocumentEvent,
    EExchangeOrganisation,
    GazetteIssue,
    MunicipalMeeting,
    OfficialDocument,
    OpenDataSet,
    Petition,
    PetitionEvent,
    PetitionReply,
)
from kaohsiung_admin.core.dates import TAIPEI, WorkdayCalendar
from kaohsiung_admin.core.deadlines import days_taken
from kaohsiung_admin.core.models import RunningNumber
from kaohsiung_admin.core.numbering import roc_number, set_last_number

YEARS = {
    2022: {
        "received": 15_600,
        "created": 4_400,
        "e_sign": 0.58,
        "e_exchange": 0.78,
        "petitions": 964,
        "visits": [
            (
                "110年度第2次地方機關巡察",
                datetime.date(2022, 3, 24),
                datetime.date(2022, 3, 25),
                "林國明委員、田秋堇委員",
                5,
                "原日本海軍鳳山無線電信所「不義遺址保存維護及活動推廣情形」簡報，實地巡察原日本海軍鳳山無線電信所、柯旗化故居。",
            ),
            (
                "111年度第1次地方機關巡察",
                datetime.date(2022, 10, 20),
                datetime.date(2022, 10, 21),
                "蔡崇義委員、林郁容委員",
                15,
                "巡察高雄流行音樂中心，瞭解該中心營運及管理情形。",
            ),
        ],
        "organisations_new": 8,
        "datasets_new": 3,
        "gazette": 124,
        "meetings": 51,
        "extraordinary": [datetime.date(2022, 5, 16)],
    },
    2021: {
        "received": 2_600,
        "created": 800,
        "e_sign": 0.49,
        "e_exchange": 0.74,
        "petitions": 903,
        "visits": [
            ("109年度第2次地方機關巡察", datetime.date(2021, 3, 18), datetime.date(2021, 3, 19), "監察委員2人", 7, ""),
            (
                "110年度第1次地方機關巡察",
                datetime.date(2021, 11, 11),
                datetime.date(2021, 11, 12),
                "監察委員2人",
                9,
                "",
            ),
        ],
        "organisations_new": 71,
        "datasets_new": 24,
        "gazette": 104,
        "meetings": 50,
        "extraordinary": [datetime.date(2021, 5, 17)],
    },
}

NATURE_WEIGHTS = {
    Nature.ORDINARY: 68,
    Nature.URGENT: 15,
    Nature.MOST_URGENT: 3,
    Nature.TIME_LIMITED: 6,
    Nature.APPLICATION: 3,
    Nature.PETITION: 2,
    Nature.PROJECT: 1,
    Nature.SPECIAL: 2,
}
SENDERS = [
    "行政院",
    "行政院人事行政總處",
    "國家發展委員會",
    "國家發展委員會檔案管理局",
    "內政部",
    "財政部",
    "經濟部",
    "監察院",
    "高雄市議會",
    "高雄市政府秘書處",
    "高雄市政府工務局",
    "高雄市政府民政局",
    "高雄市政府財政局",
    "高雄市政府人事處",
    "高雄市政府研究發展考核委員會",
    "高雄市政府資訊中心",
    "高雄市政府警察局",
    "高雄市政府消防局",
    "高雄市政府教育局",
    "高雄市政府觀光局",
    "高雄市苓雅區公所",
    "高雄市鳳山區公所",
    "臺北市政府",
    "外交部",
]
SUBJECTS = [
    "檢送「{}」會議紀錄乙份，請查照。",
    "有關本府{}案，請惠予協助辦理，請查照。",
    "函轉「{}」修正規定，請查照。",
    "請於期限內提報{}辦理情形，請查照。",
    "有關貴處函詢{}一案，復請查照。",
    "檢陳{}相關資料，請鑒核。",
]
TOPICS = [
    "公文電子交換作業",
    "檔案管理考評",
    "四維行政中心大樓維護",
    "市政會議提案",
    "國際交流活動",
    "姊妹市締盟周年",
    "資通安全稽核",
    "開放資料集轉置",
    "電子公報刊登",
    "員工協助方案",
    "消費爭議調解",
    "宿舍居住事實查考",
    "公務車輛汰換",
    "檔案移轉",
    "防護團講習",
    "公文系統負載平衡器",
    "市長行程安排",
    "監察院地方機關巡察",
]
SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高"
GIVEN = "志明淑芬家豪怡君俊傑雅婷建宏美玲宗翰佳穎冠宇欣怡承恩詩涵柏翰郁婷"
DISTRICTS = ["苓雅區", "前鎮區", "三民區", "鳳山區", "左營區", "楠梓區", "鼓山區", "新興區", "小港區", "岡山區"]
AGENCIES = ["工務局", "交通局", "環境保護局", "社會局", "都市發展局", "水利局", "民政局", "警察局", "衛生局", "教育局"]
PETITION_TOPICS = [
    "路燈故障",
    "人行道破損",
    "違規停車",
    "噪音擾鄰",
    "公園設施維護",
    "社會福利補助",
    "垃圾清運",
    "排水溝阻塞",
    "交通號誌時相",
    "路樹修剪",
    "公車班次",
    "社區治安",
]
CHANNEL_WEIGHTS = {
    PetitionChannel.HOTLINE_1999: 38,
    PetitionChannel.ONLINE: 45,
    PetitionChannel.LETTER: 12,
    PetitionChannel.IN_PERSON: 5,
}
KIND_WEIGHTS = {PetitionKind.PETITION: 62, PetitionKind.SUGGESTION: 30, PetitionKind.MAYOR: 8}
ORGANISATIONS = [
    "社團法人高雄市{}協會",
    "財團法人{}文教基金會",
    "高雄市{}商業同業公會",
    "高雄市{}產業工會",
    "社團法人高雄市{}促進會",
]
ORG_TOPICS = [
    "社區營造",
    "身心障礙者福利",
    "觀光旅遊",
    "文化藝術",
    "環境保護",
    "婦女權益",
    "青年創業",
    "長期照顧",
    "原住民族",
    "新住民",
]
DATASETS = [
    "高雄市政府電子公報目錄",
    "市政會議決議事項",
    "姊妹市及友好城市一覽",
    "四維行政中心會議室一覽",
    "公務車輛數量",
    "消費爭議申訴統計",
    "消費爭議調解統計",
    "職務宿舍數量",
    "公文電子交換民間組織名單",
    "國際訪賓接待統計",
    "市民陳情案件統計",
    "開放資料集清單",
    "鳳山行政中心會議室一覽",
    "檔案應用申請統計",
    "市長行程公開",
    "臨時停車證核發統計",
    "公共設備維修統計",
    "電梯海報張貼統計",
    "LED電視牆宣導統計",
    "消費者保護宣導活動",
    "財產報廢統計",
    "工友人數統計",
    "外國駐台機構一覽",
    "資通安全研習統計",
    "公文處理時效統計",
    "電子簽核比率統計",
    "電子交換使用率統計",
    "市長官邸借用統計",
]


def _users():
    """Demo staff by division: officers for the documents (none in production, where the demo
    accounts are not created)."""
    User = get_user_model()
    by_division: dict[int, list] = {}
    for user in User.objects.filter(is_active=True, division__isnull=False, is_api_client=False).order_by("id"):
        by_division.setdefault(user.division_id, []).append(user)
    return by_division


def _divisions():
    from django.apps import apps

    Division = apps.get_model("accounts", "Division")
    return list(Division.objects.order_by("code"))


EVENT_COLUMNS = ["document_id", "action", "from_status", "to_status", "on", "at", "by_id", "note"]


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return model._meta.get_field(name.removesuffix("_id"))


def _insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Append-only timeline rows (hundreds of thousands in the demo) with one executemany per
    batch: the ORM's per-value preparation would take most of the demo's load time. Dates and
    datetimes are adapted as the database backend adapts them."""
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    names = ", ".join(ops.quote_name(_field(model, c).column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))

    # Only datetimes need the backend (UTC conversion); dates, decimals and booleans the driver
    # adapts itself.
    timed = [i for i, c in enumerate(columns) if isinstance(_field(model, c), DateTimeField)]

    def adapt(row):
        if not timed:
            return row
        row = list(row)
        for i in timed:
            row[i] = ops.adapt_datetimefield_value(row[i])
        return row

    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", [adapt(r) for r in rows[start : start + 5000]]
            )


def _insert_instances(model, objects: list) -> None:
    """Insert unsaved instances through `_insert_rows`, numbering their ids here (so that the
    timeline rows can point at them) and moving the database's sequence past them."""
    fields = list(model._meta.concrete_fields)
    start = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    now = timezone.now()
    rows = []
    for offset, obj in enumerate(objects):
        obj.pk = start + offset
        obj.created_at = obj.updated_at = now
        rows.append(tuple(getattr(obj, f.attname) for f in fields))
    _insert_rows(model, [f.attname for f in fields], rows)
    reset = connection.ops.sequence_reset_sql(no_style(), [model])
    if reset:
        with connection.cursor() as cursor:
            for statement in reset:
                cursor.execute(statement)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))


def _stamp(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(8 + rng.randrange(9), rng.randrange(60)), tzinfo=TAIPEI)


def _working_days(year: int, calendar: WorkdayCalendar) -> list[datetime.date]:
    day = datetime.date(year, 1, 1)
    found = []
    while day.year == year:
        if calendar.is_working_day(day):
            found.append(day)
        day += datetime.timedelta(days=1)
    return found


def _after(day: datetime.date, working: int, calendar: WorkdayCalendar) -> datetime.date:
    return calendar.add_working_days(day, working) if working else day


def _load_documents(year: int, spec: dict, *, calendar: WorkdayCalendar, rng: random.Random) -> tuple[int, int]:
    divisions = _divisions()
    users = _users()
    workdays = _working_days(year, calendar)
    natures, weights = zip(*NATURE_WEIGHTS.items(), strict=True)
    documents: list[OfficialDocument] = []
    plans: list[list[tuple[str, str, str, datetime.date]]] = []
    received_days = sorted(rng.choice(workdays) for _ in range(spec["received"]))
    for sequence, received_on in enumerate(received_days, start=1):
        nature = rng.choices(natures, weights)[0]
        sender_due_on = limit_days = None
        if nature == Nature.TIME_LIMITED:
            # Most senders give a few days; a few dates are already past on receipt (→ 普通件).
            sender_due_on = received_on + datetime.timedelta(days=rng.choice([-2, 3, 5, 7, 10, 14]))
        elif nature == Nature.PROJECT:
            limit_days = rng.choice([30, 45, 60, 90])
        elif nature == Nature.APPLICATION:
            limit_days = rng.choice([7, 14, 20, 30])
        due = rules.due_date(
            nature=nature,
            received_on=received_on,
            sender_due_on=sender_due_on,
            limit_days=limit_days,
            calendar=calendar,
        ).on
        # About 97% finish within the limit; the rest a few working days late.
        budget = max((due - received_on).days, 0)
        if rng.random() < 0.97:
            closed_on = received_on + datetime.timedelta(days=rng.randint(0, budget))
            while not calendar.is_working_day(closed_on) and closed_on < due:
                closed_on += datetime.timedelta(days=1)
        else:
            closed_on = _after(due, rng.randint(1, 6), calendar)
        division = rng.choice(divisions) if divisions else None
        staff = users.get(division.pk, []) if division else []
        officer = rng.choice(staff) if staff else None
        keep = rng.random() < 0.28
        received_via_exchange = rng.random() < 0.8
        document = OfficialDocument(
            direction=Direction.RECEIVED,
            number=roc_number(services.RECEIVED_NUMBER, year, sequence),
            year=year,
            sequence=sequence,
            document_date=received_on - datetime.timedelta(days=rng.randint(0, 3)),
            received_on=received_on,
            count_start=received_on,
            sender=rng.choice(SENDERS),
            sender_reference=f"{rng.choice(['府', '院', '部', '局', '處'])}字第{year - 1911}{rng.randrange(10**7):07d}號",
            subject=rng.choice(SUBJECTS).format(rng.choice(TOPICS)),
            nature=nature,
            sender_due_on=sender_due_on,
            limit_days=limit_days,
            due_on=due,
            unit=division,
            officer=officer,
            status=Status.FILED,
            e_signed=rng.random() < spec["e_sign"],
            received_via_exchange=received_via_exchange,
            closed_on=closed_on,
            filed_on=_after(closed_on, rng.randint(1, 5), calendar),
            days_taken=days_taken(received_on, closed_on, count=rules.count_for(nature), calendar=calendar),
        )
        steps = [
            (Action.RECEIVE, "", Status.RECEIVED, received_on),
            (Action.ASSIGN, Status.RECEIVED, Status.ASSIGNED, received_on),
            (Action.ACCEPT, Status.ASSIGNED, Status.HANDLING, received_on),
        ]
        if keep:
            steps.append((Action.KEEP, Status.HANDLING, Status.KEPT, closed_on))
            steps.append((Action.FILE, Status.KEPT, Status.FILED, document.filed_on))
        else:
            document.dispatched_on = closed_on
            document.sent_via_exchange = rng.random() < spec["e_exchange"]
            document.addressee = document.sender
            steps += [
                (Action.SUBMIT, Status.HANDLING, Status.REVIEWING, closed_on),
                (Action.DECIDE, Status.REVIEWING, Status.DECIDED, closed_on),
                (Action.DISPATCH, Status.DECIDED, Status.DISPATCHED, closed_on),
                (Action.FILE, Status.DISPATCHED, Status.FILED, document.filed_on),
            ]
        documents.append(document)
        plans.append(steps)
    for sequence in range(1, spec["created"] + 1):
        day = rng.choice(workdays)
        division = rng.choice(divisions) if divisions else None
        staff = users.get(division.pk, []) if division else []
        dispatched_on = _after(day, rng.randint(0, 4), calendar)
        document = OfficialDocument(
            direction=Direction.CREATED,
            number=f"created-{year}-{sequence}",
            year=year,
            sequence=sequence,
            received_on=day,
            count_start=day,
            subject=rng.choice(SUBJECTS[:4]).format(rng.choice(TOPICS)),
            nature=Nature.ORDINARY,
            unit=division,
            officer=rng.choice(staff) if staff else None,
            status=Status.FILED,
            e_signed=rng.random() < spec["e_sign"],
            sent_via_exchange=rng.random() < spec["e_exchange"],
            addressee=rng.choice(SENDERS),
            dispatched_on=dispatched_on,
            closed_on=dispatched_on,
            filed_on=_after(dispatched_on, 2, calendar),
            days_taken=Decimal(0),
        )
        documents.append(document)
        plans.append(
            [
                (Action.CREATE, "", Status.HANDLING, day),
                (Action.SUBMIT, Status.HANDLING, Status.REVIEWING, dispatched_on),
                (Action.DECIDE, Status.REVIEWING, Status.DECIDED, dispatched_on),
                (Action.DISPATCH, Status.DECIDED, Status.DISPATCHED, dispatched_on),
                (Action.FILE, Status.DISPATCHED, Status.FILED, document.filed_on),
            ]
        )
    # 發文字號 in dispatch order within the dispatch year, as the counter would have given them.
    issued_last: dict[int, int] = dict(
        RunningNumber.objects.filter(kind="documents.issued").values_list("year", "last")
    )
    for document in sorted((d for d in documents if d.dispatched_on), key=lambda d: (d.dispatched_on, d.received_on)):
        seq = issued_last[document.dispatched_on.year] = issued_last.get(document.dispatched_on.year, 0) + 1
        document.issued_number = roc_number(services.ISSUED_NUMBER, document.dispatched_on.year, seq)
        if document.direction == Direction.CREATED:
            document.number = document.issued_number
    created = [d for d in documents if d.direction == Direction.CREATED]
    for index, document in enumerate(sorted(created, key=lambda d: d.issued_number), start=1):
        document.sequence = index
    _insert_instances(OfficialDocument, documents)
    events = [
        (document.pk, action, before, after, on, _stamp(on, rng), document.officer_id, "")
        for document, steps in zip(documents, plans, strict=True)
        for action, before, after, on in steps
    ]
    _insert_rows(DocumentEvent, EVENT_COLUMNS, events)
    set_last_number("documents.received", year, spec["received"])
    for issued_year, last in issued_last.items():
        current = OfficialDocument.objects.filter(
            issued_number__startswith=roc_number("高市府行國文字第{roc}", issued_year, 0)
        )
        set_last_number("documents.issued", issued_year, max(last, current.count()))
    return len(documents), len(events)


def _fake_phone(rng: random.Random) -> str:
    return f"09{rng.randrange(10**8):08d}"


def _load_petitions(year: int, spec: dict, *, calendar: WorkdayCalendar, rng: random.Random, officer) -> int:
    workdays = _working_days(year, calendar)
    visits = []
    for title, start, end, members, _count, summary in spec["visits"]:
        visits.append(
            ControlYuanVisit.objects.create(title=title, start_on=start, end_on=end, members=members, summary=summary)
        )
    plans: list[tuple[str, datetime.date, ControlYuanVisit | None]] = [
        (rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0], rng.choice(workdays), None)
        for _ in range(spec["petitions"])
    ]
    for visit, (_t, start, _e, _m, count, _s) in zip(visits, spec["visits"], strict=True):
        plans += [(PetitionChannel.CONTROL_YUAN, start + datetime.timedelta(days=i % 2), visit) for i in range(count)]
    plans.sort(key=lambda plan: plan[1])
    petitions, replies, events = [], [], []
    for sequence, (channel, received_on, visit) in enumerate(plans, start=1):
        due = rules.petition_due(received_on, calendar=calendar)
        topic = rng.choice(PETITION_TOPICS)
        district = rng.choice(DISTRICTS)
        not_accepted = rng.random() < 0.03
        extended = not not_accepted and rng.random() < 0.05
        assigned_on = _after(received_on, 1, calendar)
        petition = Petition(
            number=roc_number(services.PETITION_NUMBER, year, sequence),
            year=year,
            sequence=sequence,
            kind=PetitionKind.PETITION
            if channel == PetitionChannel.CONTROL_YUAN
            else rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0],
            channel=channel,
            visit=visit,
            received_on=received_on,
            petitioner_name=_name(rng),
            petitioner_phone=_fake_phone(rng),
            petitioner_address=f"高雄市{district}{rng.choice(['中山', '民族', '自由', '建國'])}路{rng.randint(1, 300)}號",
            subject=f"{district}{topic}",
            content=f"陳情人反映{district}{topic}問題，請市府儘速處理。",
            assigned_agency=rng.choice(AGENCIES),
            assigned_on=assigned_on,
            officer=officer,
            due_on=due,
        )
        steps = [
            (PetitionAction.RECEIVE, "", PetitionStatus.RECEIVED, received_on),
        ]
        if not_accepted:
            petition.status = PetitionStatus.NOT_ACCEPTED
            petition.non_acceptance_ground = rng.choice(NonAcceptanceGround.values)
            petition.closed_on = assigned_on
            petition.assigned_agency = ""
            petition.assigned_on = None
            steps.append((PetitionAction.NOT_ACCEPT, PetitionStatus.RECEIVED, PetitionStatus.NOT_ACCEPTED, assigned_on))
        else:
            steps.append((PetitionAction.ASSIGN, PetitionStatus.RECEIVED, PetitionStatus.ASSIGNED, assigned_on))
            if extended:
                petition.extended_days = 30
                petition.extension_notice_on = due - datetime.timedelta(days=5)
                petition.extension_reason = "須會同相關機關現場會勘"
                petition.due_on = rules.petition_extended_due(due, 30, calendar=calendar)
                steps.append(
                    (
                        PetitionAction.EXTEND,
                        PetitionStatus.ASSIGNED,
                        PetitionStatus.ASSIGNED,
                        petition.extension_notice_on,
                    )
                )
            span = max((petition.due_on - assigned_on).days, 1)
            replied_on = assigned_on + datetime.timedelta(
                days=rng.randint(1, span) if rng.random() < 0.96 else span + rng.randint(1, 9)
            )
            petition.replied_on = replied_on
            petition.closed_on = replied_on
            petition.status = PetitionStatus.CLOSED
            steps.append((PetitionAction.REPLY, PetitionStatus.ASSIGNED, PetitionStatus.REPLIED, replied_on))
            steps.append((PetitionAction.CLOSE, PetitionStatus.REPLIED, PetitionStatus.CLOSED, replied_on))
        petitions.append((petition, steps))
    _insert_instances(Petition, [p for p, _s in petitions])
    for petition, steps in petitions:
        if petition.replied_on:
            replies.append(
                PetitionReply(
                    petition_id=petition.pk,
                    replied_on=petition.replied_on,
                    agency=petition.assigned_agency,
                    content=f"已派員查處{petition.subject}，並於期限內函復陳情人。",
                )
            )
        events += [
            (petition.pk, action, before, after, on, _stamp(on, rng), getattr(officer, "pk", None), "")
            for action, before, after, on in steps
        ]
    PetitionReply.objects.bulk_create(replies, batch_size=2000)
    _insert_rows(PetitionEvent, ["petition_id", *EVENT_COLUMNS[1:]], events)
    set_last_number("documents.petition", year, len(plans))
    return len(plans)


def _load_registers(year: int, spec: dict, *, calendar: WorkdayCalendar, rng: random.Random) -> None:
    first = datetime.date(2015, 1, 1) if year == 2021 else datetime.date(year, 1, 1)
    last = datetime.date(year, 12, 31)
    span = (last - first).days
    known = EExchangeOrganisation.objects.count()
    EExchangeOrganisation.objects.bulk_create(
        EExchangeOrganisation(
            name=rng.choice(ORGANISATIONS).format(ORG_TOPICS[(known + i) % len(ORG_TOPICS)])
            + (f"（{known + i + 1}）" if known + i >= 10 else ""),
            tax_id=f"{rng.randrange(10**8):08d}",
            contact=_name(rng),
            registered_on=first + datetime.timedelta(days=rng.randrange(span)),
        )
        for i in range(spec["organisations_new"])
    )
    known = OpenDataSet.objects.count()
    OpenDataSet.objects.bulk_create(
        OpenDataSet(
            title=DATASETS[known + i],
            data_format=rng.choice(["CSV", "JSON", "XML"]),
            url=f"https://data.kcg.gov.tw/dataset/bai-{known + i + 1:03d}",
            published_on=first + datetime.timedelta(days=rng.randrange(span)),
        )
        for i in range(spec["datasets_new"])
    )
    regular = rules.gazette_dates(year, calendar=calendar)[: spec["gazette"]]
    extras = sorted(
        rng.sample([d for d in _working_days(year, calendar) if d not in set(regular)], spec["gazette"] - len(regular))
    )
    issues = sorted([(d, GazetteKind.REGULAR) for d in regular] + [(d, GazetteKind.EXTRA) for d in extras])
    GazetteIssue.objects.bulk_create(
        GazetteIssue(year=year, number=n, kind=kind, issue_on=day, items=rng.randint(3, 25))
        for n, (day, kind) in enumerate(issues, start=1)
    )
    # Weekly on Mondays (a closed Monday moves to the next working day), until the regular count is reached.
    meetings, day = [], datetime.date(year, 1, 3)
    while day.weekday() != 0:
        day += datetime.timedelta(days=1)
    while len(meetings) < spec["meetings"] and day.year == year:
        held = day
        while not calendar.is_working_day(held):
            held += datetime.timedelta(days=1)
        if held not in meetings:  # a long holiday (Lunar New Year) takes that week's meeting
            meetings.append(held)
        day += datetime.timedelta(days=7)
    rows = [
        MunicipalMeeting(
            kind=MeetingKind.REGULAR,
            session=n,
            held_on=held,
            chair="市長",
            minutes=f"第{n}次市政會議紀錄：確認上次會議紀錄、業務報告、討論提案。",
        )
        for n, held in enumerate(meetings, start=1)
    ]
    rows += [
        MunicipalMeeting(
            kind=MeetingKind.EXTRAORDINARY, session=n, held_on=held, chair="市長", minutes="臨時會：防疫應變措施。"
        )
        for n, held in enumerate(spec["extraordinary"], start=1)
    ]
    MunicipalMeeting.objects.bulk_create(rows)


def _in_progress(*, calendar: WorkdayCalendar, stdout) -> None:
    """Documents and petitions in progress today, filed through the services: some overdue,
    some due soon, one paused, one with a pending extension."""
    today = timezone.localdate()
    if OfficialDocument.objects.filter(year=today.year, direction=Direction.RECEIVED).exists():
        return
    User = get_user_model()
    clerk = User.objects.filter(username="documents").first()
    manager = User.objects.filter(username="manager").first()
    divisions = {d.code: d for d in _divisions()}
    unit = divisions.get("documents") or next(iter(divisions.values()), None)
    rng = random.Random("documents-in-progress")
    plan = [
        (12, Nature.URGENT, "handling"),
        (10, Nature.ORDINARY, "handling"),
        (9, Nature.MOST_URGENT, "assigned"),
        (8, Nature.ORDINARY, "reviewing"),
        (6, Nature.ORDINARY, "handling"),
        (5, Nature.URGENT, "assigned"),
        (4, Nature.ORDINARY, "handling"),
        (3, Nature.SPECIAL, "handling"),
        (2, Nature.ORDINARY, "assigned"),
        (1, Nature.URGENT, "received"),
        (1, Nature.ORDINARY, "received"),
        (0, Nature.MOST_URGENT, "received"),
    ]
    made = []
    for working_ago, nature, state in plan:
        received_on = today
        for _ in range(working_ago):
            received_on -= datetime.timedelta(days=1)
            while not calendar.is_working_day(received_on):
                received_on -= datetime.timedelta(days=1)
        document = services.document_receive(
            user=clerk,
            received_on=received_on,
            subject=rng.choice(SUBJECTS).format(rng.choice(TOPICS)),
            nature=nature,
            sender=rng.choice(SENDERS),
            sender_reference=f"府字第{today.year - 1911}{rng.randrange(10**7):07d}號",
            unit=unit if state != "received" else None,
            officer=clerk if state != "received" else None,
            received_via_exchange=True,
            calendar=calendar,
        )
        if state in ("handling", "reviewing"):
            document = services.document_transition(user=clerk, document=document, action=Action.ACCEPT, on=received_on)
        if state == "reviewing":
            document = services.document_transition(user=clerk, document=document, action=Action.SUBMIT, on=received_on)
        made.append(document)
    if made and clerk is not None:
        services.extension_request(user=clerk, document=made[4], days=5, reason="須會辦財政局，等待其意見")
        services.document_pause(
            user=clerk, document=made[6], start=made[6].received_on, agency="高雄市政府工務局", reason="函詢工務局意見"
        )
    for days_ago, topic in [(3, "路燈故障"), (12, "人行道破損"), (27, "違規停車"), (34, "噪音擾鄰")]:
        petition = services.petition_receive(
            user=clerk,
            received_on=today - datetime.timedelta(days=days_ago),
            channel=PetitionChannel.ONLINE,
            subject=f"苓雅區{topic}",
            petitioner_name=_name(rng),
            petitioner_phone=_fake_phone(rng),
            petitioner_address="高雄市苓雅區四維三路2號",
            calendar=calendar,
        )
        if days_ago > 10:
            services.petition_transition(
                user=clerk, petition=petition, action=PetitionAction.ASSIGN, on=petition.received_on, agency="工務局"
            )
    del manager
    stdout.write(f"Documents in progress today: {len(made)} documents, 4 petitions.")


def _fast_calendar(first: int, last: int) -> WorkdayCalendar:
    """The office calendar (package and the Bureau's overrides) read once into a dict for the
    years the demo touches: tens of thousands of due dates are then dictionary lookups."""
    real = WorkdayCalendar()
    day, end = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    known = {}
    while day <= end:
        known[day] = real.is_working_day(day)
        day += datetime.timedelta(days=1)
    return WorkdayCalendar(known)


def load(*, stdout) -> None:
    calendar = _fast_calendar(min(YEARS) - 1, max(max(YEARS), timezone.localdate().year) + 1)
    User = get_user_model()
    officer = User.objects.filter(username="documents").first()
    for year in sorted(YEARS):
        spec = YEARS[year]
        if OfficialDocument.objects.filter(year=year).exists():
            stdout.write(f"Documents demo data for ROC {year - 1911} already present.")
            continue
        rng = random.Random(f"documents-{year}")
        documents, events = _load_documents(year, spec, calendar=calendar, rng=rng)
        petitions = _load_petitions(year, spec, calendar=calendar, rng=rng, officer=officer)
        _load_registers(year, spec, calendar=calendar, rng=rng)
        stdout.write(
            f"Documents demo data for ROC {year - 1911}: {documents:,} documents ({events:,} timeline events), "
            f"{petitions:,} petitions, {spec['gazette']} gazette issues, {spec['meetings'] + len(spec['extraordinary'])} meetings."
        )
    _in_progress(calendar=calendar, stdout=stdout)
