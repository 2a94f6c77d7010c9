"""Benchmark of the annual report build (issue 5).

Run (from the repo root; a throw-away test database is created and dropped):

    .venv/bin/python bench/bench_reports_build.py                      # demo data, then 5x the records
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rep .venv/bin/python bench/bench_reports_build.py --scale 100

It prints two ratios:
1. end to end (request -> figures -> HTML -> WeasyPrint -> stored PDF and HTML, through the Celery
   task) against WeasyPrint alone rendering the same final HTML, measured side by side
   (interleaved, median of --repeat runs). Target: <= 1.3.
2. the figure-computing part of the build (every figure the ROC 111 report states, for 111 and 110,
   plus the chart series) with --scale times the records of the facilities and consumer
   protection apps, against the demo data. Target: <= 2.0 at --scale 100.
   The extra records are other years' (bookings, trips, consultations, complaints ...), as a
   database that has run for many years holds them.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaohsiung_admin.settings")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=5, help="times the demo records for the second ratio")
    parser.add_argument("--rows", type=int, default=None, help="alias of --scale")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scale = args.rows or args.scale

    import django

    django.setup()
    import tempfile

    from django.conf import settings
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        run(scale=scale, repeat=args.repeat)
    finally:
        teardown_databases(old, verbosity=0)


def _median_time(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def figure_part(definition) -> None:
    from kaohsiung_admin.reports import selectors

    outline = selectors.outline(definition)
    selectors.compute_figures(outline.keys(), definition.year)
    selectors.compute_series(definition.year)


def run(*, scale: int, repeat: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from kaohsiung_admin.accounts.models import User
    from kaohsiung_admin.reports import rendering, services
    from kaohsiung_admin.reports.models import ReportBuild, ReportDefinition

    print(f"database: {connection.vendor}")
    start = time.perf_counter()
    call_command("load_demo_data", stdout=io.StringIO())
    print(f"demo data loaded in {time.perf_counter() - start:.1f} s")
    definition = ReportDefinition.objects.get(year=2022)
    manager = User.objects.get(username="manager")

    # --- 1. end to end against WeasyPrint alone, interleaved --------------------------------
    end_to_end, weasy_alone = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        build = services.report_build_request(definition=definition, user=manager, site_url="http://localhost:8000")
        build.refresh_from_db()
        end_to_end.append(time.perf_counter() - start)
        assert build.status == "succeeded", build.error
        html = build.html.read().decode()
        start = time.perf_counter()
        rendering.render_pdf(html, base_url="http://localhost:8000")
        weasy_alone.append(time.perf_counter() - start)
    e2e, weasy = statistics.median(end_to_end), statistics.median(weasy_alone)
    build = ReportBuild.objects.latest("pk")
    print(f"ROC 111 report: {build.pdf_pages} pages, {build.pdf_bytes / 1024:.0f} KiB")
    print(f"end to end (request -> stored PDF): {e2e * 1000:.0f} ms (median of {repeat})")
    print(f"WeasyPrint alone on the final HTML: {weasy * 1000:.0f} ms (median of {repeat})")
    print(f"RATIO end-to-end / WeasyPrint = {e2e / weasy:.2f}  (target <= 1.30)")

    # --- 2. figure computing with scale x the records -------------------------------------
    figure_part(definition)  # warm
    base = _median_time(lambda: figure_part(definition), max(repeat, 5))
    before = _app_rows()
    start = time.perf_counter()
    _scale_records(scale)
    after = _app_rows()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"records of facilities + consumer_protection: {before:,} -> {after:,} ({after / before:.1f}x) "
          f"in {time.perf_counter() - start:.0f} s")  # fmt: skip
    figure_part(definition)
    scaled = _median_time(lambda: figure_part(definition), max(repeat, 5))
    print(
        f"figure computing, demo data: {base * 1000:.1f} ms; with {after / before:.0f}x the records: {scaled * 1000:.1f} ms"
    )
    print(f"RATIO figures at {after / before:.0f}x / figures at 1x = {scaled / base:.2f}  (target <= 2.00)")


def _app_rows() -> int:
    from django.apps import apps

    total = 0
    for label in ("facilities", "consumer_protection"):
        for model in apps.get_app_config(label).get_models():
            if not model._meta.auto_created:
                total += model._default_manager.count()
    return total


def _scale_records(scale: int) -> None:
    """Add other years' records until the two apps hold `scale` times their demo rows.

    Each extra year is one of the apps' demo years (their own generators, seeded by year), laid
    on 2020 and 2023-2099 so the ROC 111 and 110 figures do not change. Those are the years
    the facilities generator can fill (odometers, the lunar holidays): past 40x, the consumer
    protection years carry several demo years' worth each.
    """
    import math

    from consumer_protection import demo as cp_demo
    from facilities import demo as facilities_demo
    from kaohsiung_admin.accounts.models import User

    target = _app_rows() * scale
    venues, vehicles = facilities_demo.ensure_resources()
    clerk = User.objects.get(username="facility")
    officer = User.objects.get(username="officer")
    committees = cp_demo._committees()
    years = [2020, 2023, 2024, *range(2028, 2100)]  # 2025-2027 hold the demo's upcoming bookings
    per_year = max(1, math.ceil(scale * 2.5 / len(years)))  # a margin: facilities years are smaller
    out = io.StringIO()
    for year in years:
        if _app_rows() >= target:
            break
        template = 2022 if year % 2 == 0 else 2021
        facilities_demo.YEARS.setdefault(year, facilities_demo.YEARS[template])
        facilities_demo.load_year(year, venues, vehicles, clerk=clerk, stdout=out)
        cp_target = {key: value * per_year for key, value in cp_demo.YEARS[template].items()}
        cp_demo._load_year(year, cp_target, officer=officer, committees=committees)


if __name__ == "__main__":
    main()
