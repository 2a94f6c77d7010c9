from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kaohsiung_admin.core.office_calendar_import import CalendarFileError, import_office_calendar


class Command(BaseCommand):
    help = (
        "Import a year's government office calendar (行政院人事行政總處 辦公日曆表 CSV: 西元日期,星期,是否放假,備註; "
        "是否放假 2 = day off, 0 = working day) into the calendar overrides. Refuses other formats."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the CSV file")
        parser.add_argument("--year", type=int, required=True, help="Gregorian year the file covers, e.g. 2022")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")

    def handle(self, *args, path, year, dry_run, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}")
        try:
            result = import_office_calendar(data, year=year, dry_run=dry_run)
        except CalendarFileError as exc:
            raise CommandError("\n".join(exc.errors))
        self.stdout.write(("[dry run] " if dry_run else "") + result.summary())
