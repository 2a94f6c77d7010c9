"""Importing the DGPA office calendar (西元日期,星期,是否放假,備註; 2 = day off, 0 = working)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kaohsiung_admin.core.dates import WorkdayCalendar
from kaohsiung_admin.core.models import CalendarOverride
from kaohsiung_admin.core.office_calendar_import import CalendarFileError, import_office_calendar, parse

WEEKDAYS = "一二三四五六日"


def calendar_file(year=2022, *, changes=None, header="西元日期,星期,是否放假,備註", skip=()):
    """The whole year as the package sees it, with `changes` {date: (off, remark)} applied."""
    package = WorkdayCalendar({})
    lines = [header]
    day = datetime.date(year, 1, 1)
    while day.year == year:
        if day not in skip:
            off, remark = (changes or {}).get(day, (not package.is_working_day(day), package.holiday_name(day) or ""))
            lines.append(f"{day:%Y%m%d},{WEEKDAYS[day.weekday()]},{2 if off else 0},{remark}")
        day += datetime.timedelta(days=1)
    return "\n".join(lines).encode()


def test_only_differences_from_the_package_become_overrides(db):
    # Suppose the DGPA added Fri 2022-12-30 as a day off and made Sat 2022-12-24 a working day.
    data = calendar_file(
        changes={datetime.date(2022, 12, 30): (True, "調整放假"), datetime.date(2022, 12, 24): (False, "補行上班")}
    )
    result = import_office_calendar(data, year=2022)
    assert sorted(result.created) == [datetime.date(2022, 12, 24), datetime.date(2022, 12, 30)]
    assert result.days == 365
    overrides = dict(CalendarOverride.objects.values_list("date", "is_working_day"))
    assert overrides == {datetime.date(2022, 12, 24): True, datetime.date(2022, 12, 30): False}
    assert not WorkdayCalendar().is_working_day(datetime.date(2022, 12, 30))
    # Importing the plain calendar again removes what the earlier import added.
    again = import_office_calendar(calendar_file(), year=2022)
    assert len(again.removed) == 2 and not CalendarOverride.objects.exists()


def test_the_bureaus_own_typhoon_days_are_kept(db):
    typhoon = datetime.date(2022, 9, 12)
    CalendarOverride.objects.create(date=typhoon, is_working_day=False, reason="颱風停止上班")
    result = import_office_calendar(calendar_file(), year=2022)
    assert result.kept == [typhoon]
    assert CalendarOverride.objects.get(date=typhoon).reason == "颱風停止上班"


def test_big5_files_are_read(db):
    data = calendar_file().decode().encode("cp950")
    assert len(parse(data, year=2022)) == 365


@pytest.mark.parametrize(
    "data,needle",
    [
        (b"date,weekday,holiday,note\n20220101,Sat,2,\n", "第1行"),
        (calendar_file(skip={datetime.date(2022, 5, 5)}), "缺少 1 天"),
        (calendar_file(2021), "不屬於 2022"),
        (calendar_file().replace("20220103,一,0".encode(), "20220103,二,0".encode()), "星期一"),
        (calendar_file().replace("20220103,一,0".encode(), "20220103,一,1".encode()), "2（放假）或 0（上班）"),
        (b"", "第1行"),
    ],
)
def test_other_formats_are_refused_in_words(db, data, needle):
    with pytest.raises(CalendarFileError) as refused:
        import_office_calendar(data, year=2022)
    assert needle in str(refused.value)
    assert not CalendarOverride.objects.exists()


def test_dry_run_writes_nothing(db):
    data = calendar_file(changes={datetime.date(2022, 12, 30): (True, "調整放假")})
    assert len(import_office_calendar(data, year=2022, dry_run=True).created) == 1
    assert not CalendarOverride.objects.exists()


def test_management_command(db, tmp_path):
    path = tmp_path / "calendar.csv"
    path.write_bytes(calendar_file(changes={datetime.date(2022, 12, 30): (True, "調整放假")}))
    call_command("import_office_calendar", str(path), "--year", "2022")
    assert CalendarOverride.objects.filter(date=datetime.date(2022, 12, 30), is_working_day=False).exists()
    path.write_bytes(b"nonsense")
    with pytest.raises(CommandError, match="第1行"):
        call_command("import_office_calendar", str(path), "--year", "2022")


def test_clerk_imports_through_the_page(client, document_clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(document_clerk)
    upload = SimpleUploadedFile("2022.csv", calendar_file(changes={datetime.date(2022, 12, 30): (True, "調整放假")}))
    response = client.post(reverse("documents:calendar-import"), {"year": 2022, "file": upload})
    assert response.status_code == 200 and "新增調整 1 筆" in response.content.decode()
    bad = SimpleUploadedFile("x.csv", b"a,b,c\n")
    response = client.post(reverse("documents:calendar-import"), {"year": 2022, "file": bad})
    assert "辦公日曆表格式" in response.content.decode()
