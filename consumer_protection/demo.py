"""Demo records for ROC 111 (2022) giving the annual report's figures exactly, and a smaller 110.

111: 13,358 consultations, 5,881 first complaints, 1,293 second complaints, 14 mediation
meetings hearing 196 mediation cases, 34 inspection rounds at 102 venues, 19 education events,
the 10/19 workshop with 31 participants, the two committees and the protection committee's
meetings of 7/14 and 12/20 with their resolutions.

Deterministic (seeded random), idempotent (a year whose consultations exist is skipped), fast
(bulk_create; the history of demo rows is not recorded). Fake national IDs carry a valid checksum.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from consumer_protection import rules
from consumer_protection.choices import (
    Action,
    Category,
    Channel,
    CommitteeKind,
    EducationKind,
    FirstRecipient,
    Gender,
    InspectionOutcome,
    MediationStatus,
    MemberType,
    Result,
    Seat,
    Stage,
)
from consumer_protection.models import (
    CaseEvent,
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    Complaint,
    Consultation,
    EducationEvent,
    InspectionRound,
    InspectionVenue,
    MediationCase,
    Resolution,
    Training,
    TrainingParticipant,
)
from consumer_protection.services import COMPLAINT_KIND, COMPLAINT_NUMBER, MEDIATION_KIND, MEDIATION_NUMBER
from kaohsiung_admin.core.dates import TAIPEI, WorkdayCalendar
from kaohsiung_admin.core.formatting import roc_year
from kaohsiung_admin.core.numbering import set_last_number
from kaohsiung_admin.core.personal_data import _LETTER_CODES, _WEIGHTS

YEARS = {
    2022: {
        "consultations": 13_358,
        "first": 5_881,
        "second": 1_293,
        "meetings": 14,
        "mediations": 196,
        "rounds": 34,
        "venues": 102,
        "education": 19,
    },
    2021: {
        "consultations": 12_105,
        "first": 5_342,
        "second": 1_176,
        "meetings": 12,
        "mediations": 171,
        "rounds": 30,
        "venues": 88,
        "education": 16,
    },
}

# Weights of the categories, roughly as consumer disputes are spread in a big city.
CATEGORY_WEIGHTS = {
    Category.ONLINE_SHOPPING: 22,
    Category.TELECOM: 10,
    Category.FITNESS: 6,
    Category.PRESALE_HOUSE: 5,
    Category.HOUSE: 4,
    Category.USED_CAR: 7,
    Category.FUNERAL: 2,
    Category.TRAVEL: 6,
    Category.FOOD: 8,
    Category.EDUCATION: 5,
    Category.BEAUTY: 6,
    Category.APPLIANCE: 9,
    Category.OTHER: 10,
}
CHANNEL_WEIGHTS = {Channel.LINE_1950: 55, Channel.ONLINE: 30, Channel.PHONE: 8, Channel.COUNTER: 5, Channel.LETTER: 2}

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高"
GIVEN = "志明淑芬家豪怡君俊傑雅婷建宏美玲宗翰佳穎冠宇欣怡承恩詩涵柏翰郁婷"
DISTRICTS = [
    "苓雅區",
    "前鎮區",
    "三民區",
    "鳳山區",
    "左營區",
    "楠梓區",
    "鼓山區",
    "新興區",
    "前金區",
    "小港區",
    "岡山區",
]
ROADS = ["四維三路", "中山二路", "建國一路", "自由路", "博愛二路", "光華一路", "民族一路", "青年一路"]
BUSINESSES = {
    Category.ONLINE_SHOPPING: ["蝦拍購物", "好買網", "樂天天商城"],
    Category.TELECOM: ["中華電信高雄營運處", "台灣大哥大", "遠傳電信"],
    Category.FITNESS: ["健身工廠高雄店", "全真健身", "活力運動館"],
    Category.PRESALE_HOUSE: ["港都建設", "亞灣開發建設", "高美館建設"],
    Category.HOUSE: ["信義房屋高雄店", "永慶不動產", "住商不動產"],
    Category.USED_CAR: ["大順中古車行", "博愛汽車商行", "九如優質車"],
    Category.FUNERAL: ["福壽生命禮儀", "萬安生命", "慈恩禮儀社"],
    Category.TRAVEL: ["雄獅旅遊", "易遊網旅行社", "港都旅行社"],
    Category.FOOD: ["夢時代美食街", "愛河咖啡", "旗津海產店"],
    Category.EDUCATION: ["英語補習班", "數理文理補習班", "才藝教室"],
    Category.BEAUTY: ["美麗人生美容", "髮型沙龍", "醫美診所"],
    Category.APPLIANCE: ["燦坤3C", "全國電子", "順發3C"],
    Category.OTHER: ["停車場管理公司", "洗衣店", "婚紗攝影"],
}


def fake_national_id(rng: random.Random) -> str:
    """A national ID with a valid checksum (letter, 1/2, seven random digits, check digit)."""
    letter = rng.choice("ABCDEFGHJKLMNPQRSTUVXYWZIO"[:22])
    body = f"{rng.choice('12')}{rng.randrange(10_000_000):07d}"
    code = _LETTER_CODES[letter]
    digits = [code // 10, code % 10, *(int(c) for c in body)]
    partial = sum(d * w for d, w in zip(digits, _WEIGHTS[:-1], strict=True))
    return f"{letter}{body}{(10 - partial % 10) % 10}"


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.8:
        return f"09{rng.randrange(100_000_000):08d}"
    return f"07-{rng.randrange(2_000_000, 8_999_999)}"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN[::2]) + rng.choice(GIVEN[1::2])


def _address(rng: random.Random) -> str:
    return f"高雄市{rng.choice(DISTRICTS)}{rng.choice(ROADS)}{rng.randrange(1, 400)}號"


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _day(rng: random.Random, year: int, *, start: int = 0, end: int | None = None) -> datetime.date:
    """A working day of `year` between day offsets [start, end)."""
    days = (datetime.date(year + 1, 1, 1) - datetime.date(year, 1, 1)).days
    end = days if end is None else end
    while True:
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(start, end))
        if day.weekday() < 5:
            return day


def _aware(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(rng.randrange(8, 17), rng.randrange(60)), tzinfo=TAIPEI)


def load(*, stdout) -> None:
    User = get_user_model()
    officer = User.objects.filter(username="officer").first()
    committees = _committees()
    for year in sorted(YEARS):
        start = datetime.datetime(year, 1, 1, tzinfo=TAIPEI)
        if Consultation.objects.filter(received_at__gte=start, received_at__lt=start.replace(year=year + 1)).exists():
            stdout.write(f"Consumer protection demo data for {roc_year(year)} already present.")
            continue
        _load_year(year, YEARS[year], officer=officer, committees=committees)
        figures = YEARS[year]
        stdout.write(
            f"Consumer protection demo data for ROC {roc_year(year)}: {figures['consultations']:,} consultations, "
            f"{figures['first']:,} first and {figures['second']:,} second complaints, "
            f"{figures['mediations']} mediation cases in {figures['meetings']} meetings."
        )
    _open_cases(officer, stdout=stdout)
    from consumer_protection import services

    linked = services.link_traders_bulk()
    if linked:
        stdout.write(f"Consumer protection demo data: {linked:,} complaints linked to the trader registry.")


def _open_cases(officer, *, stdout) -> None:
    """A dozen cases in progress today, so that the officer's lists, clocks and digest show
    something: filed through the services like real ones, at different points of their way."""
    from consumer_protection import services

    if officer is None or Complaint.objects.exclude(stage=Stage.CLOSED).exists():
        return
    rng = random.Random("consumer-protection-open")
    today = timezone.localdate()
    for days_ago, steps in [
        (1, 0),
        (4, 0),
        (11, 0),
        (13, 0),
        (14, 0),
        (17, 0),
        (24, 1),
        (30, 2),
        (38, 3),
        (45, 3),
        (52, 4),
        (70, 4),
    ]:
        category = _pick(rng, CATEGORY_WEIGHTS)
        filed = today - datetime.timedelta(days=days_ago)
        complaint = services.complaint_file(
            user=officer,
            first_filed_on=filed,
            category=category,
            complainant_name=_name(rng),
            complainant_national_id=fake_national_id(rng),
            complainant_phone=_phone(rng),
            complainant_address=_address(rng),
            business_name=rng.choice(BUSINESSES[category]),
            amount=Decimal(rng.choice([3_500, 15_000, 68_000])),
            narrative=f"購買{Category(category).label}相關商品或服務，與業者發生爭議。",
        )
        if steps >= 1:
            services.complaint_record_business_reply(
                complaint=complaint, user=officer, replied_on=filed + datetime.timedelta(days=8), reply="業者拒絕退費。"
            )
        if steps >= 2:
            services.complaint_mark_not_resolved(complaint=complaint, user=officer)
        if steps >= 3:
            services.complaint_file_second(
                complaint=complaint, user=officer, filed_on=filed + datetime.timedelta(days=12)
            )
        if steps >= 4:
            services.complaint_second_failed(complaint=complaint, user=officer)
            services.mediation_apply(complaint=complaint, user=officer, applied_on=filed + datetime.timedelta(days=30))
    stdout.write("Consumer protection: 12 cases in progress for the demo officer.")


def _committees() -> dict[str, Committee]:
    mediation, created_m = Committee.objects.get_or_create(
        kind=CommitteeKind.MEDIATION,
        defaults={
            "name": "高雄市消費爭議調解委員會",
            "legal_basis": "消費者保護法第45條；直轄市縣(市)消費爭議調解委員會設置要點第2點",
        },
    )
    if created_m:
        start, end = datetime.date(2021, 3, 1), datetime.date(2023, 2, 28)
        externals = [
            ("王大明", "國立中山大學法律學系", Gender.MALE),
            ("李淑華", "高雄律師公會", Gender.FEMALE),
            ("陳志豪", "高雄市會計師公會", Gender.MALE),
            ("林美惠", "國立高雄大學財經法律學系", Gender.FEMALE),
            ("黃建國", "高雄市商業會", Gender.MALE),
            ("張雅玲", "社團法人高雄市消費者保護協會", Gender.FEMALE),
            ("吳俊賢", "高雄市工業會", Gender.MALE),
            ("蔡佩君", "社團法人台灣消費者保護協會", Gender.FEMALE),
            ("鄭文雄", "財團法人中華民國消費者文教基金會南部分會", Gender.MALE),
            ("許心怡", "義守大學財經法律學系", Gender.FEMALE),
            ("郭正義", "高雄市汽車商業同業公會", Gender.MALE),
        ]
        officers = [("羅明德", True), ("謝宜君", False), ("周家慶", False), ("洪若芸", False)]
        CommitteeMember.objects.bulk_create(
            [
                CommitteeMember(
                    committee=mediation,
                    name=n,
                    member_type=MemberType.EXTERNAL,
                    affiliation=a,
                    gender=g,
                    term_start=start,
                    term_end=end,
                )
                for n, a, g in externals
            ]
            + [
                CommitteeMember(
                    committee=mediation,
                    name=n,
                    member_type=MemberType.OFFICER,
                    affiliation="高雄市政府消費者保護官",
                    gender=Gender.MALE if i % 2 == 0 else Gender.FEMALE,
                    is_chair=chair,
                    term_start=start,
                    term_end=end,
                )
                for i, (n, chair) in enumerate(officers)
            ]
        )
        # CPA Art. 45: consumer-group and trade seats told apart and balanced (3 and 3).
        seats = {
            Seat.CONSUMER_GROUP: ["張雅玲", "蔡佩君", "鄭文雄"],
            Seat.TRADE: ["黃建國", "吳俊賢", "郭正義"],
            Seat.EXPERT: ["王大明", "李淑華", "陳志豪", "林美惠", "許心怡"],
        }
        for seat, names in seats.items():
            CommitteeMember.objects.filter(committee=mediation, name__in=names).update(seat=seat)
    protection, created_p = Committee.objects.get_or_create(
        kind=CommitteeKind.PROTECTION,
        defaults={"name": "高雄市政府消費者保護委員會", "legal_basis": "高雄市政府消費者保護委員會設置要點第3點"},
    )
    if created_p:
        start, end = datetime.date(2021, 6, 1), datetime.date(2023, 5, 31)
        externals = [
            ("劉家宏", "國立中山大學", Gender.MALE),
            ("楊素貞", "國立高雄科技大學", Gender.FEMALE),
            ("曾國華", "高雄市商業會", Gender.MALE),
            ("廖婉如", "社團法人高雄市消費者保護協會", Gender.FEMALE),
            ("賴俊宏", "高雄市工業會", Gender.MALE),
            ("江慧敏", "社團法人台灣消費者保護協會", Gender.FEMALE),
            ("蘇振宇", "高雄律師公會", Gender.MALE),
        ]
        agencies = ["經濟發展局", "衛生局", "地政局", "教育局", "財政局", "民政局", "法制局", "行政暨國際處"]
        CommitteeMember.objects.bulk_create(
            [
                CommitteeMember(
                    committee=protection,
                    name="羅副市長",
                    member_type=MemberType.CONVENER,
                    affiliation="高雄市政府",
                    is_chair=True,
                    term_start=start,
                    term_end=end,
                )
            ]
            + [
                CommitteeMember(
                    committee=protection,
                    name=n,
                    member_type=MemberType.EXTERNAL,
                    affiliation=a,
                    gender=g,
                    term_start=start,
                    term_end=end,
                )
                for n, a, g in externals
            ]
            + [
                CommitteeMember(
                    committee=protection,
                    name=f"{agency}代表",
                    member_type=MemberType.AGENCY,
                    affiliation=f"高雄市政府{agency}",
                    term_start=start,
                    term_end=end,
                )
                for agency in agencies
            ]
        )
    return {"mediation": mediation, "protection": protection}


def _load_year(year: int, target: dict, *, officer, committees) -> None:
    rng = random.Random(f"consumer-protection-{year}")
    calendar = WorkdayCalendar()
    now = timezone.now()

    # --- consultations ---
    consultations = []
    for _i in range(target["consultations"]):
        category = _pick(rng, CATEGORY_WEIGHTS)
        consultations.append(
            Consultation(
                received_at=_aware(_day(rng, year), rng),
                channel=_pick(rng, CHANNEL_WEIGHTS),
                category=category,
                consumer_name=_name(rng) if rng.random() < 0.6 else "",
                consumer_phone=_phone(rng) if rng.random() < 0.5 else "",
                business_name=rng.choice(BUSINESSES[category]),
                summary=f"詢問{Category(category).label}消費爭議之處理方式與申訴管道。",
                answer="說明消費者保護法相關規定，並告知可於線上或以書面提出申訴。",
                officer=officer,
            )
        )
    Consultation.objects.bulk_create(consultations, batch_size=2000)

    # --- meetings of the mediation committee (spread over the year) ---
    mediation_committee = committees["mediation"]
    meeting_days = []
    for i in range(target["meetings"]):
        anchor = datetime.date(year, 1, 20) + datetime.timedelta(days=int(i * 340 / target["meetings"]))
        while not calendar.is_working_day(anchor):
            anchor += datetime.timedelta(days=1)
        meeting_days.append(anchor)
    meetings = CommitteeMeeting.objects.bulk_create(
        [
            CommitteeMeeting(
                committee=mediation_committee,
                held_on=day,
                title=f"{roc_year(year)}年第{i + 1}次消費爭議調解會議",
                location="四維行政中心9樓第6會議室",
            )
            for i, day in enumerate(meeting_days)
        ]
    )
    members = list(mediation_committee.members.all())
    chair = [m for m in members if m.is_chair]
    for meeting in meetings:
        present = chair + rng.sample([m for m in members if not m.is_chair], k=min(len(members) - 1, 8))
        meeting.members_present.set(present)

    # --- complaints: 'first' filed with the Bureau; some go on to a second complaint, some to mediation ---
    first_total, second_total, mediation_total = target["first"], target["second"], target["mediations"]
    start_seq = Complaint.objects.filter(case_year=year).aggregate(m=Max("sequence"))["m"] or 0
    complaints = []
    plans = []
    last_meeting = meeting_days[-1]
    for index in range(first_total):
        goes_second = index < second_total
        # Mediation cases: some after a second complaint, the rest straight after the first.
        goes_mediation = index < 120 * mediation_total // 196 or second_total <= index < second_total + (
            mediation_total - 120 * mediation_total // 196
        )
        category = _pick(rng, CATEGORY_WEIGHTS)
        # Cases that move on are filed early enough for every later step to fall in the year.
        if goes_mediation:
            latest = (last_meeting - datetime.date(year, 1, 1)).days - (100 if goes_second else 50)
        else:
            latest = 270 if goes_second else 365
        filed = _day(rng, year, end=max(latest, 20))
        due = rules.deadline(filed, rules.FIRST_COMPLAINT_BUSINESS, calendar)
        on_time = rng.random() < 0.9
        replied = (
            filed + datetime.timedelta(days=rng.randrange(3, max(4, (due - filed).days + 1)))
            if on_time
            else due + datetime.timedelta(days=rng.randrange(1, 10))
        )
        sequence = start_seq + index + 1
        amount = Decimal(rng.choice([1_200, 3_500, 8_000, 15_000, 36_000, 68_000, 120_000, 450_000]))
        complaint = Complaint(
            case_number=COMPLAINT_NUMBER.format(roc=roc_year(year), seq=sequence),
            case_year=year,
            sequence=sequence,
            channel=_pick(rng, CHANNEL_WEIGHTS),
            first_received_by=FirstRecipient.BUREAU,
            first_filed_on=filed,
            category=category,
            complainant_name=_name(rng),
            complainant_national_id=fake_national_id(rng),
            complainant_phone=_phone(rng),
            complainant_address=_address(rng),
            complainant_email=f"consumer{year}{index}@example.test" if rng.random() < 0.4 else "",
            business_name=rng.choice(BUSINESSES[category]),
            amount=amount,
            narrative=f"購買{Category(category).label}相關商品或服務，與業者發生爭議，請求協助處理。",
            demand="請求退費或依約履行。",
            business_due_on=due,
            business_replied_on=replied,
            business_reply="業者已回覆處理情形。",
            officer=officer,
        )
        plans.append((goes_second, goes_mediation))
        complaints.append(complaint)

    today = timezone.localdate()
    for complaint, (goes_second, goes_mediation) in zip(complaints, plans, strict=True):
        if goes_second:
            second = complaint.business_replied_on + datetime.timedelta(days=rng.randrange(3, 20))
            complaint.second_filed_on = second
            complaint.second_due_on = rules.deadline(second, rules.SECOND_COMPLAINT_OFFICER, calendar)
            complaint.second_meeting_on = second + datetime.timedelta(days=rng.randrange(7, 21))
        if goes_mediation:
            complaint.stage = Stage.MEDIATION  # closed below with the mediation's result
        elif goes_second:
            complaint.stage = Stage.CLOSED
            complaint.result = Result.SECOND_AGREED if rng.random() < 0.6 else Result.NOT_PURSUED
            complaint.closed_on = complaint.second_meeting_on
        else:
            complaint.stage = Stage.CLOSED
            complaint.result = Result.RESOLVED_BY_BUSINESS if rng.random() < 0.8 else Result.NOT_PURSUED
            complaint.closed_on = complaint.business_replied_on + datetime.timedelta(days=rng.randrange(1, 10))
        if complaint.closed_on and complaint.closed_on > today:
            complaint.closed_on = today
    Complaint.objects.bulk_create(complaints, batch_size=2000)

    # --- mediation cases, heard at the meetings ---
    mediation_cases = []
    mediation_complaints = [c for c, (_s, m) in zip(complaints, plans, strict=True) if m]
    for sequence, complaint in enumerate(mediation_complaints, start=1):
        after = complaint.second_meeting_on or complaint.business_replied_on
        applied = after + datetime.timedelta(days=rng.randrange(2, 15))
        meeting_index = next(
            (i for i, d in enumerate(meeting_days) if d >= applied + datetime.timedelta(days=10)), len(meetings) - 1
        )
        meeting = meetings[meeting_index]
        if applied > meeting.held_on:
            applied = meeting.held_on - datetime.timedelta(days=10)
        roll = rng.random()
        status = (
            MediationStatus.ESTABLISHED
            if roll < 0.55
            else MediationStatus.FAILED
            if roll < 0.85
            else MediationStatus.WITHDRAWN
            if roll < 0.95
            else MediationStatus.REJECTED
        )
        heard = status != MediationStatus.REJECTED
        mediation_cases.append(
            MediationCase(
                complaint=complaint,
                case_number=MEDIATION_NUMBER.format(roc=roc_year(year), seq=sequence),
                case_year=year,
                sequence=sequence,
                applied_on=applied,
                status=status,
                meeting=meeting if heard else None,
                result_on=meeting.held_on if heard else applied + datetime.timedelta(days=7),
                result_note="雙方同意依調解方案履行。" if status == MediationStatus.ESTABLISHED else "",
                court_approved_on=meeting.held_on + datetime.timedelta(days=30)
                if status == MediationStatus.ESTABLISHED and meeting.held_on + datetime.timedelta(days=30) <= today
                else None,
            )
        )
        complaint.stage = Stage.CLOSED
        complaint.result = {
            MediationStatus.ESTABLISHED: Result.MEDIATION_ESTABLISHED,
            MediationStatus.FAILED: Result.MEDIATION_FAILED,
            MediationStatus.WITHDRAWN: Result.MEDIATION_WITHDRAWN,
            MediationStatus.REJECTED: Result.MEDIATION_REJECTED,
        }[status]
        complaint.closed_on = mediation_cases[-1].result_on
    MediationCase.objects.bulk_create(mediation_cases, batch_size=1000)
    Complaint.objects.bulk_update(mediation_complaints, ["stage", "result", "closed_on"], batch_size=1000)

    # --- case numbers continue after the demo's ---
    for kind, last in ((COMPLAINT_KIND, start_seq + first_total), (MEDIATION_KIND, len(mediation_cases))):
        set_last_number(kind, year, last)

    # --- the timeline of each case ---
    events = []

    def event(complaint, action, from_stage, to_stage, on, *, at=None, **extra):
        # `at` defaults to a random time of day `on`, drawn in call order (the demo is seeded).
        stamp = _aware(on, rng) if at is None else at
        return CaseEvent(
            complaint=complaint,
            action=action,
            from_stage=from_stage,
            to_stage=to_stage,
            on=on,
            at=stamp,
            by=officer,
            **extra,
        )

    for complaint, (goes_second, goes_mediation) in zip(complaints, plans, strict=True):
        filed = complaint.first_filed_on
        events.append(event(complaint, Action.FILED, "", Stage.FIRST, filed, at=_aware(filed, rng)))
        replied = complaint.business_replied_on
        events.append(event(complaint, Action.BUSINESS_REPLIED, Stage.FIRST, Stage.FIRST, replied))
        if goes_second:
            second = complaint.second_filed_on
            events.append(event(complaint, Action.NOT_RESOLVED, Stage.FIRST, Stage.FIRST_UNRESOLVED, second))
            events.append(event(complaint, Action.SECOND_FILED, Stage.FIRST_UNRESOLVED, Stage.SECOND, second))
        if goes_mediation and not goes_second:
            day = replied + datetime.timedelta(days=1)
            events.append(event(complaint, Action.NOT_RESOLVED, Stage.FIRST, Stage.FIRST_UNRESOLVED, day))
        if complaint.closed_on and complaint.result not in (
            Result.MEDIATION_ESTABLISHED,
            Result.MEDIATION_FAILED,
            Result.MEDIATION_WITHDRAWN,
            Result.MEDIATION_REJECTED,
        ):
            action = {Result.RESOLVED_BY_BUSINESS: Action.RESOLVED, Result.SECOND_AGREED: Action.SECOND_AGREED}.get(
                complaint.result, Action.CLOSED
            )
            closed = complaint.closed_on
            previous = Stage.SECOND if goes_second else Stage.FIRST
            events.append(event(complaint, action, previous, Stage.CLOSED, closed, at=min(_aware(closed, rng), now)))
    for mediation in mediation_cases:
        complaint = mediation.complaint
        previous = Stage.SECOND_UNRESOLVED if complaint.second_filed_on else Stage.FIRST_UNRESOLVED
        events.append(
            event(
                complaint,
                Action.MEDIATION_APPLIED,
                previous,
                Stage.MEDIATION,
                mediation.applied_on,
                mediation=mediation,
            )
        )
        events.append(
            event(
                complaint,
                Action.MEDIATION_CLOSED,
                Stage.MEDIATION,
                Stage.CLOSED,
                mediation.result_on,
                mediation=mediation,
                note=mediation.get_status_display(),
            )
        )
    CaseEvent.objects.bulk_create(events, batch_size=5000)

    # --- inspections: rounds with their venues ---
    topics = [
        ("預售屋及成屋定型化契約與廣告查核", Category.PRESALE_HOUSE, "地政局、法制局"),
        ("學校營養午餐聯合稽查", Category.FOOD, "教育局、衛生局"),
        ("中古汽車買賣定型化契約查核", Category.USED_CAR, "經濟發展局、法制局"),
        ("加水站水質安全衛生檢測查核", Category.FOOD, "環境保護局、衛生局"),
        ("家用液化石油氣定型化契約查核", Category.OTHER, "經濟發展局"),
        ("飯店定型化契約查核", Category.TRAVEL, "觀光局"),
        ("大賣場停車場聯合專案稽查", Category.OTHER, "交通局、經濟發展局"),
        ("年節民生食品消費安全查察", Category.FOOD, "衛生局、經濟發展局"),
        ("健身中心定型化契約查核", Category.FITNESS, "運動發展局"),
        ("殯葬服務定型化契約查核", Category.FUNERAL, "民政局"),
    ]
    rounds = []
    for i in range(target["rounds"]):
        title, category, agencies = topics[i % len(topics)]
        rounds.append(
            InspectionRound(
                held_on=_day(rng, year),
                title=title,
                category=category,
                agencies=agencies,
                notes="會同主管機關查察，減少消費爭議。",
            )
        )
    rounds = InspectionRound.objects.bulk_create(rounds)
    venue_counts = [target["venues"] // target["rounds"]] * target["rounds"]
    for i in range(target["venues"] - sum(venue_counts)):
        venue_counts[i] += 1
    venues = []
    for inspection, count in zip(rounds, venue_counts, strict=True):
        for _j in range(count):
            outcome = rng.choices(list(InspectionOutcome)[:3], weights=[75, 20, 5])[0]
            venues.append(
                InspectionVenue(
                    round=inspection,
                    business_name=rng.choice(BUSINESSES[inspection.category]),
                    address=_address(rng),
                    findings="契約條款符合規定。"
                    if outcome == InspectionOutcome.COMPLIANT
                    else "部分條款與應記載事項不符。",
                    outcome=outcome,
                    follow_up="" if outcome == InspectionOutcome.COMPLIANT else "限期改善並複查。",
                    follow_up_due_on=None
                    if outcome == InspectionOutcome.COMPLIANT
                    else inspection.held_on + datetime.timedelta(days=30),
                )
            )
    InspectionVenue.objects.bulk_create(venues)

    # --- education events ---
    kinds = [EducationKind.MEDIA, EducationKind.LECTURE, EducationKind.CAMPAIGN, EducationKind.LECTURE]
    EducationEvent.objects.bulk_create(
        [
            EducationEvent(
                held_on=_day(rng, year),
                kind=kinds[i % len(kinds)],
                title=["消費者保護媒體專訪", "消費者保護講座", "1950消費者服務專線宣導", "校園消費者保護教育宣導"][
                    i % 4
                ],
                audience=["市民", "機關學校", "民間團體", "學生"][i % 4],
                location="高雄市",
            )
            for i in range(target["education"])
        ]
    )

    # --- the workshop (111: 10/19 with the Executive Yuan's Consumer Protection Committee) ---
    if year == 2022:
        training = Training.objects.create(
            held_on=datetime.date(2022, 10, 19),
            title="消費者保護教育研習會",
            co_organiser="行政院消費者保護處",
            location="四維行政中心9樓第6會議室",
            topics="主管機關如何落實消費者保護機制？（政府為達消費者保護目的之具體作為）\n"
            "團體訴訟與消費者保護的關係（消費者保護團體代替消費者提起團體訴訟之案例解析）",
        )
        organisations = [
            "本府消保業務目的事業主管機關",
            "社團法人台灣消費者保護協會",
            "社團法人高雄市消費者保護協會",
            "本府消保志工",
        ]
        TrainingParticipant.objects.bulk_create(
            [
                TrainingParticipant(training=training, name=_name(rng), organisation=organisations[i % 4])
                for i in range(31)
            ]
        )

    # --- the protection committee's meetings ---
    protection = committees["protection"]
    if year == 2022:
        resolutions = {
            datetime.date(2022, 7, 14): [
                (
                    "加強視聽歌唱、夜店等休閒娛樂場所之防毒措施，以保障消費者權益專案報告",
                    "洽悉，請相關機關持續聯合稽查並加強宣導。",
                ),
                ("加強菸酒管理確保消費權益專案報告", "洽悉，請財政局持續查核並輔導業者。"),
            ],
            datetime.date(2022, 12, 20): [
                (
                    "推動殯葬服務業輔導管理之各項措施，俾保障消費者權益專案報告",
                    "洽悉，請民政局持續輔導業者使用定型化契約。",
                ),
                (
                    "管理健身中心並落實履約保證機制，以保障消費者權益專案報告",
                    "洽悉，請運動發展局督促業者落實履約保證。",
                ),
            ],
        }
        members = list(protection.members.all())
        for number, (day, items) in enumerate(resolutions.items(), start=1):
            meeting = CommitteeMeeting.objects.create(
                committee=protection, held_on=day, title=f"111年第{number}次消費者保護委員會議", location="四維行政中心"
            )
            meeting.members_present.set(members)
            Resolution.objects.bulk_create(
                [
                    Resolution(meeting=meeting, number=i, subject=s, decision=d)
                    for i, (s, d) in enumerate(items, start=1)
                ]
            )
