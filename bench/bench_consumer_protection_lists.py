"""The officers' case list and the API list at up to 1,000,000 complaints, side by side with a
raw-SQL endpoint returning the same rows.

Run on PostgreSQL, from the repo root:

    .venv/bin/python bench/bench_consumer_protection_lists.py                   # 50,000 cases (a few minutes)
    .venv/bin/python bench/bench_consumer_protection_lists.py --rows 1000000    # the real claim

Options: --database-url (default postgres://postgres@127.0.0.1:5432/cp_bench; created if missing,
its consumer protection tables are refilled when the row count differs or with --regenerate),
--requests (timed requests per endpoint and scenario, default 40), --explain (print each list
query's plan).

Rows are generated in the database with generate_series. For each scenario (a filter and an
ordering the list offers) the script:
- checks that page 1 and page 2 of the list page and of the API cost the same number of queries;
- times the list page against a raw-SQL HTML endpoint, and the API against a raw-SQL JSON
  endpoint, interleaved request by request through the same middleware (session, auth,
  permission check, masking), and prints requests per second and the ratio.
The target is a ratio ≥ 0.5 in every scenario. Exit status 1 when a scenario misses it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE = 50
OFFICERS = 20
TARGET = 0.5


def setup(database_url: str) -> None:
    import psycopg

    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaohsiung_admin.settings")
    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ROOT_URLCONF = __name__
    settings.API_THROTTLE_RATE = "100000000/min"
    call_command("migrate", verbosity=0)


# --- the raw-SQL endpoints (the yardstick) ----------------------------------------------------

COLUMNS = (
    "c.id, c.case_number, c.first_filed_on, c.category, c.complainant_name, c.complainant_national_id, "
    "c.complainant_phone, c.business_name, c.stage, c.due_on, c.result, c.officer_id"
)
ORDERINGS = {
    "": "c.first_filed_on DESC, c.id DESC",
    "-first_filed_on": "c.first_filed_on DESC, c.id DESC",
    "first_filed_on": "c.first_filed_on ASC, c.id ASC",
    "due_on": "c.due_on ASC, c.id ASC",
    "-due_on": "c.due_on DESC, c.id DESC",
}


def _where(params, user):
    import datetime

    clauses, args = [], []
    if params.get("category"):
        clauses.append("c.category = %s")
        args.append(params["category"])
    if params.get("stage"):
        clauses.append("c.stage = %s")
        args.append(params["stage"])
    if params.get("due") == "overdue":
        clauses.append("NOT (c.stage = 'closed') AND c.due_on < %s")
        args.append(datetime.date.today())
    if params.get("mine"):
        clauses.append("NOT (c.stage = 'closed') AND c.officer_id = %s")
        args.append(user.pk)
    if params.get("officer"):
        clauses.append("c.officer_id = %s")
        args.append(int(params["officer"]))
    if params.get("filed_after"):
        clauses.append("c.first_filed_on >= %s")
        args.append(params["filed_after"])
    if params.get("filed_before"):
        clauses.append("c.first_filed_on <= %s")
        args.append(params["filed_before"])
    if params.get("q"):
        clauses.append("(UPPER(c.complainant_name) LIKE UPPER(%s) OR UPPER(c.business_name) LIKE UPPER(%s))")
        args += [f"%{params['q']}%"] * 2
    return " AND ".join(clauses), args


def _raw_rows(request, *, join_officer: bool):
    from django.db import connection

    from kaohsiung_admin.core.paginator import estimated_table_rows

    where, args = _where(request.GET, request.user)
    order = ORDERINGS[request.GET.get("ordering", "")]
    page = int(request.GET.get("page", 1))
    join = " LEFT JOIN accounts_user u ON u.id = c.officer_id" if join_officer else ""
    extra = ", u.display_name, u.username" if join_officer else ""
    sql = f"SELECT {COLUMNS}{extra} FROM consumer_protection_complaint c{join}"
    with connection.cursor() as cursor:
        from kaohsiung_admin.core.paginator import ESTIMATE_ABOVE

        count = None
        if not where:
            # As the list does: the planner's estimate for an unfiltered huge table.
            from consumer_protection.models import Complaint

            estimate = estimated_table_rows(Complaint.objects.all())
            count = estimate if estimate is not None and estimate > ESTIMATE_ABOVE else None
        if count is None:
            cursor.execute(
                f"SELECT COUNT(*) FROM consumer_protection_complaint c{' WHERE ' + where if where else ''}", args
            )
            count = cursor.fetchone()[0]
        cursor.execute(
            f"{sql}{' WHERE ' + where if where else ''} ORDER BY {order} LIMIT %s OFFSET %s",
            [*args, PAGE, (page - 1) * PAGE],
        )
        return count, cursor.fetchall()


def raw_json(request):
    from django.http import HttpResponseForbidden, JsonResponse

    # The same authentication as the API: the bureau's token, looked up by its hash.
    from kaohsiung_admin.accounts.authentication import BureauTokenAuthentication
    from kaohsiung_admin.core.personal_data import mask_national_id, mask_phone

    user, _token = BureauTokenAuthentication().authenticate(request)
    request.user = user
    if not user.has_perm("consumer_protection.view_complaint"):
        return HttpResponseForbidden()
    count, rows = _raw_rows(request, join_officer=False)
    results = [
        {
            "id": r[0],
            "case_number": r[1],
            "first_filed_on": r[2].isoformat(),
            "category": r[3],
            "complainant_name": r[4],
            "complainant_national_id": mask_national_id(r[5]),
            "complainant_phone": mask_phone(r[6]),
            "business_name": r[7],
            "stage": r[8],
            "due_on": r[9].isoformat() if r[9] else None,
            "result": r[10],
            "officer": r[11],
        }
        for r in rows
    ]
    return JsonResponse({"count": count, "results": results})


def raw_html(request):
    from django.http import HttpResponse, HttpResponseForbidden
    from django.utils.html import escape

    from kaohsiung_admin.core.formatting import roc_date
    from kaohsiung_admin.core.personal_data import mask_national_id, mask_phone

    if not request.user.has_perm("consumer_protection.view_complaint"):
        return HttpResponseForbidden()
    count, rows = _raw_rows(request, join_officer=True)
    body = "".join(
        f"<tr><td><a href='/consumer-protection/complaints/{r[0]}/'>{escape(r[1])}</a></td>"
        f"<td>{roc_date(r[2], long=False)}</td><td>{escape(r[3])}</td><td>{escape(r[4])}</td>"
        f"<td>{mask_national_id(r[5])}</td><td>{mask_phone(r[6])}</td><td>{escape(r[7])}</td>"
        f"<td>{escape(r[8])}</td><td>{roc_date(r[9], long=False)}</td><td>{escape(r[12] or r[13] or '')}</td></tr>"
        for r in rows
    )
    return HttpResponse(f"<!doctype html><title>raw</title><p>{count}</p><table>{body}</table>")


def raw_page(request):
    """The officers' list page with its rows fetched by hand-written SQL: the same template,
    filter form and masking, so that the comparison isolates the ORM, FilterSet and paginator."""
    from django.core.paginator import Paginator
    from django.http import HttpResponseForbidden
    from django.shortcuts import render
    from django.utils import timezone

    from consumer_protection import forms, tables
    from consumer_protection.filters import ComplaintFilterSet
    from consumer_protection.models import Complaint
    from consumer_protection.views import COMPLAINT_PAGE_FILTERS
    from kaohsiung_admin.core.personal_data import user_may_unmask as may_unmask

    def user_may_unmask(user):
        return may_unmask(user, Complaint.unmask_permission)

    if not request.user.has_perm("consumer_protection.view_complaint"):
        return HttpResponseForbidden()
    count, raw_rows = _raw_rows(request, join_officer=True)

    class Officer:
        def __init__(self, display_name, username):
            self.name = display_name or username

        def __str__(self):
            return self.name

    complaints = []
    for r in raw_rows:
        complaint = Complaint(
            id=r[0],
            case_number=r[1],
            first_filed_on=r[2],
            category=r[3],
            complainant_name=r[4],
            complainant_national_id=r[5],
            complainant_phone=r[6],
            business_name=r[7],
            stage=r[8],
            due_on=r[9],
            result=r[10],
        )
        complaint.__dict__["officer"] = Officer(r[12], r[13]) if r[11] else None
        complaints.append(complaint)
    filterset = ComplaintFilterSet(request.GET, queryset=Complaint.objects.none(), request=request)
    filterset.is_valid()
    page = Paginator(range(count), PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "consumer_protection/complaint_list.html",
        {
            "filter": filterset,
            "filter_fields": [filterset.form[name] for name in COMPLAINT_PAGE_FILTERS],
            "page_obj": page,
            "rows": tables.complaint_rows(complaints, today=timezone.localdate()),
            "export_form": forms.ExportForm(may_unmask=user_may_unmask(request.user)),
            "may_unmask": user_may_unmask(request.user),
        },
    )


def _urlpatterns():
    from django.urls import include, path

    return [
        path("bench/raw-complaints.json", raw_json),
        path("bench/raw-complaints.html", raw_html),
        path("bench/raw-complaints-page.html", raw_page),
        path("", include("kaohsiung_admin.urls")),
    ]


# --- data -------------------------------------------------------------------------------------

GENERATE = """
INSERT INTO consumer_protection_complaint (
    created_at, updated_at, created_by_id, case_number, case_year, sequence, consultation_id, channel,
    first_received_by, first_filed_on, category, complainant_name, complainant_national_id, complainant_phone,
    complainant_address, complainant_email, business_name, business_tax_id, amount, narrative, demand, stage,
    due_on, business_due_on, business_replied_on, business_reply, second_filed_on, second_due_on,
    second_meeting_on, result, closed_on, officer_id)
SELECT now(), now(), NULL,
    (EXTRACT(YEAR FROM d)::int - 1911) || '消申字第' || lpad(i::text, 7, '0') || '號',
    EXTRACT(YEAR FROM d)::int, i, NULL, '1950', 'bureau', d,
    (ARRAY['presale_house','house','used_car','fitness','funeral','telecom','online_shopping','travel','food',
           'education','beauty','appliance','other'])[1 + (i * 7) %% 13],
    (ARRAY['陳','林','黃','張','李','王','吳','劉','蔡','楊'])[1 + i %% 10]
      || (ARRAY['志','淑','家','怡','俊','雅','建','美'])[1 + (i / 10) %% 8]
      || (ARRAY['明','芬','豪','君','傑','婷','宏','玲','翰','穎','宇'])[1 + (i / 80) %% 11],
    'A1' || lpad((i %% 100000000)::text, 8, '0'),
    '09' || lpad((i * 37 %% 100000000)::text, 8, '0'),
    '高雄市苓雅區四維三路' || (i %% 400) || '號', '',
    (ARRAY['港都建設','遠傳電信','活力運動館','蝦拍購物','大順中古車行','雄獅旅遊','愛河咖啡','燦坤3C',
           '福壽生命禮儀','美麗人生美容','英語補習班','信義房屋高雄店'])[1 + (i * 5) %% 12]
      || (i %% 500)::text,
    '', (i %% 97) * 1000, '消費爭議', '',
    CASE WHEN i %% 100 < 85 THEN 'closed'
         WHEN i %% 100 < 93 THEN 'first'
         WHEN i %% 100 < 95 THEN 'first_unresolved'
         WHEN i %% 100 < 98 THEN 'second'
         ELSE 'mediation' END,
    CASE WHEN i %% 100 < 85 THEN NULL ELSE CURRENT_DATE - 60 + (i %% 120) END,
    d + 15, NULL, '', NULL, NULL, NULL,
    CASE WHEN i %% 100 < 85 THEN 'resolved_by_business' ELSE '' END,
    CASE WHEN i %% 100 < 85 THEN d + 20 ELSE NULL END,
    %(first_officer)s + ((i / 100) %% %(officers)s)
FROM generate_series(1, %(rows)s) AS i, LATERAL (SELECT DATE '2016-01-01' + (i::bigint * 3653 / %(rows)s)::int AS d) AS day
"""


def fill(rows: int, *, regenerate: bool = False):
    from django.contrib.auth.models import Group
    from django.db import connection

    from consumer_protection.models import Complaint
    from kaohsiung_admin.accounts.models import User

    group = Group.objects.get(name="consumer_protection_officer")
    officers = []
    for n in range(OFFICERS):
        user, _ = User.objects.get_or_create(
            username=f"bench_officer_{n:02d}", defaults={"display_name": f"消保官{n:02d}"}
        )
        user.groups.add(group)
        officers.append(user)
    ids = [u.pk for u in officers]
    assert ids == list(range(ids[0], ids[0] + OFFICERS)), "bench officers need consecutive ids"
    if regenerate or Complaint.objects.count() != rows:
        print(f"generating {rows:,} complaints …", flush=True)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE consumer_protection_caseevent, consumer_protection_complaintattachment, "
                "consumer_protection_mediationcase, consumer_protection_complaint, "
                "consumer_protection_historicalcomplaint CASCADE"
            )
            cursor.execute(GENERATE, {"rows": rows, "officers": OFFICERS, "first_officer": ids[0]})
        # As autovacuum leaves a table in steady state: statistics, and the visibility map that
        # lets COUNT(*) over a filter read the index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE consumer_protection_complaint")
        print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    return officers[0]


# --- measuring --------------------------------------------------------------------------------

SCENARIOS = [
    ("unfiltered, newest first", {}),
    ("category, newest first", {"category": "telecom"}),
    ("stage, newest first", {"stage": "second"}),
    ("overdue, by due date", {"due": "overdue", "ordering": "due_on"}),
    ("my cases, by due date", {"mine": "true", "ordering": "due_on"}),
    (
        "date range, oldest first",
        {"filed_after": "2020-01-01", "filed_before": "2020-12-31", "ordering": "first_filed_on"},
    ),
    ("search business (trigram)", {"q": "遠傳電信17"}),
]


def query_count(client, url, params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code, response.content[:300])
    return len(ctx)


def timed(client, url, params) -> float:
    started = time.perf_counter()
    response = client.get(url, params)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def _filterset(params, user):
    from consumer_protection.filters import ComplaintFilterSet
    from consumer_protection.selectors import complaint_list

    class Request:
        pass

    request = Request()
    request.user = user
    filterset = ComplaintFilterSet(params, queryset=complaint_list(user=user), request=request)
    assert filterset.is_valid(), filterset.errors
    return filterset


def filtered_count(params, user) -> int:
    return _filterset(params, user).qs.count()


def explain(params, user):
    from django.db import connection

    sql, args = _filterset(params, user).qs[:PAGE].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF) {sql}", args)
        return "\n".join(f"    {row[0]}" for row in cursor.fetchall())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/cp_bench")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--regenerate", action="store_true", help="refill the table even when its size matches")
    args = parser.parse_args()

    setup(args.database_url)
    globals()["urlpatterns"] = _urlpatterns()
    from django.test import Client

    officer = fill(args.rows, regenerate=args.regenerate)
    client = Client()
    client.force_login(officer)
    # Other bureaus read through a token without the personal-data grant: masked rows.
    from kaohsiung_admin.accounts.models import ApiToken, Bureau, User

    service, _ = User.objects.get_or_create(username="api-bench", defaults={"is_api_client": True})
    service.groups.add(
        *__import__("django.contrib.auth.models", fromlist=["Group"]).Group.objects.filter(name="api_client")
    )
    bureau, _ = Bureau.objects.get_or_create(code="bench", defaults={"name": "bench", "service_user": service})
    _token, key = ApiToken.issue(bureau=bureau)
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")

    # (list, client, our endpoint, raw-SQL endpoint, counts towards the target)
    pairs = [
        ("page", client, "/consumer-protection/complaints/", "/bench/raw-complaints-page.html", True),
        ("page*", client, "/consumer-protection/complaints/", "/bench/raw-complaints.html", False),
        ("API", api, "/api/v1/consumer-protection/complaints/", "/bench/raw-complaints.json", True),
    ]
    print(f"\n{args.rows:,} complaints, {args.requests} timed requests per endpoint and scenario, {PAGE} rows a page\n")
    print(f"{'scenario':32} {'list':5} {'queries p1/p2':>13} {'ours req/s':>11} {'raw req/s':>10} {'ratio':>6}")
    worst = None
    failures = 0
    for label, params in SCENARIOS:
        if args.explain:
            print(f"  plan of {label}:\n{explain(params, officer)}")
        for kind, client, ours, raw, counted in pairs:
            if kind == "API" and "mine" in params:
                params = {**{k: v for k, v in params.items() if k != "mine"}, "officer": str(officer.pk)}
            pages = max(1, min(3, -(-filtered_count(params, officer) // PAGE)))
            client.get(ours, params)  # a token's last use is written once a minute: not in the count
            counts = (query_count(client, ours, params), query_count(client, ours, {**params, "page": min(2, pages)}))
            for _warm in range(3):
                client.get(ours, params)
                client.get(raw, params)
            ours_times, raw_times = [], []
            for n in range(args.requests):
                page = {**params, "page": 1 + n % pages}
                ours_times.append(timed(client, ours, page))
                raw_times.append(timed(client, raw, page))
            ours_rps = 1 / statistics.median(ours_times)
            raw_rps = 1 / statistics.median(raw_times)
            ratio = ours_rps / raw_rps
            fixed = counts[0] == counts[1]
            if counted:
                worst = ratio if worst is None else min(worst, ratio)
                failures += (ratio < TARGET) + (not fixed)
            print(
                f"{label:32} {kind:5} {counts[0]:>6}/{counts[1]:<6}{'' if fixed else '!'} "
                f"{ours_rps:>11.1f} {raw_rps:>10.1f} {ratio:>6.2f}",
                flush=True,
            )
    print(
        "\npage:  the list page against the same page whose rows come from raw SQL (same template, form, masking)"
        "\npage*: against a bare raw-SQL HTML table (no site layout, no filter form): shown, not part of the target"
        "\nAPI:   the API list against a raw-SQL JSON endpoint (same token authentication, masking)"
    )
    print(f"worst ratio {worst:.2f} (target ≥ {TARGET}); {'OK' if not failures else f'{failures} MISSED'}")
    return 1 if failures else 0


urlpatterns: list = []

if __name__ == "__main__":
    sys.exit(main())
