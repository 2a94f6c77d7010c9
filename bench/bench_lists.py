"""Every list endpoint of every app, and the main staff pages, against their limit and a plain
DRF implementation, at demo size (lists grown to 10,000 rows) and at 1,000,000 rows, side by side
in one run.

    .venv/bin/python bench/data.py --database-url postgres://postgres@127.0.0.1:5432/bench_10k --rows 10000
    .venv/bin/python bench/data.py --database-url postgres://postgres@127.0.0.1:5432/bench_1m --rows 1000000
    .venv/bin/python bench/bench_lists.py            # the table (both databases, one process)

Options: --small / --large (database URLs, defaults bench_10k / bench_1m on 127.0.0.1:5432),
--requests (timed requests of each of the three per scenario and size, default 7), --only (a
substring of the endpoints to run), --no-filters (unfiltered lists only).

For each list (`/api/v1/<app>/<resource>/`, through a bureau's token without the personal-data
grant, 50 rows a page) and each filter its FilterSet offers (a value taken from the data: the
most common one for a choice or a link, 2022 for a year, the year's first and last day for dates,
"true" for yes/no, a word of a row for a search), the script times, interleaved request by
request through the same client and middleware:

- project: the endpoint itself;
- limit:   the SELECTs the endpoint ran (captured once) replayed through a raw cursor, the page's
           rows `json.dumps`-ed (a bare Django view: no DRF, no ORM, no FilterSet, no serializer);
- plain:   a plain DRF `ListAPIView` of the same model: `ModelSerializer(fields="__all__")`, DRF's
           `PageNumberPagination`, the same FilterSet, a token looked up in one query.

and prints project/limit, project/plain (throughput ratios: ≥ 0.7 and ≥ 1.5 are the goals) and
1M/10k (the project's time at 1M rows over its time at the small size: ≤ 1.3), with the queries
of each. The staff pages (booking week calendar, officer case list, document overdue list) are
timed against their replayed SQL rendered as a bare HTML table (limit); there is no plain.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE = 50
GOAL_LIMIT, GOAL_PLAIN, GOAL_SCALE = 0.7, 1.5, 1.3
SMALL = "postgres://postgres@127.0.0.1:5432/bench_10k"
LARGE = "postgres://postgres@127.0.0.1:5432/bench_1m"

REPLAY: dict[str, list[str]] = {}  # the scenario's captured SELECTs, by its id


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaohsiung_admin.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = __name__
    settings.API_THROTTLE_RATE = "100000000/min"
    settings.API_TOKEN_CACHE_SECONDS = 300  # core.api.token_cache on, as configured in production
    settings.DEBUG = False
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def use_database(url: str) -> None:
    from django.db import connections

    connection = connections["default"]
    connection.close()
    connection.settings_dict["NAME"] = url.rsplit("/", 1)[1]


# --- the yardsticks -----------------------------------------------------------------------------


def replayed_page(scenario) -> list[dict]:
    """The scenario's SELECTs through a raw cursor; the biggest result (the page) as dicts."""
    from django.db import connection

    results = []
    with connection.cursor() as cursor:
        for sql in REPLAY[scenario]:
            cursor.execute(sql)
            columns = [c.name for c in cursor.description]
            results.append([dict(zip(columns, row, strict=True)) for row in cursor.fetchall()])
    return max(results, key=len) if results else []


def limit_json(request, scenario):
    """The endpoint's SELECTs through a raw cursor; the biggest result (the page) as JSON."""
    from django.http import HttpResponse

    page = replayed_page(scenario)
    body = json.dumps({"count": len(page), "results": page}, default=str, ensure_ascii=False)
    return HttpResponse(body, content_type="application/json")


def limit_html(request, scenario):
    from django.db import connection
    from django.http import HttpResponse
    from django.utils.html import escape

    tables = []
    with connection.cursor() as cursor:
        for sql in REPLAY[scenario]:
            cursor.execute(sql)
            rows = cursor.fetchall()
            tables.append(
                "<table>"
                + "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
                + "</table>"
            )
    return HttpResponse("<!doctype html><title>limit</title>" + "".join(tables))


PLAIN_VIEWS: dict[str, object] = {}


class PlainTokenAuthentication:
    """What a plain implementation does: the token looked up with its user, one query."""

    def authenticate(self, request):
        from kaohsiung_admin.accounts.models import ApiToken

        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header.startswith("Token "):
            return None
        token = ApiToken.find(header[6:])
        return (token.bureau.service_user, token) if token else None

    def authenticate_header(self, request):
        return "Token"


def model_of(viewset):
    queryset = getattr(viewset, "queryset", None)
    if queryset is not None:
        return queryset.model
    return viewset.serializer_class.Meta.model


def plain_view(viewset):
    """A plain DRF ListAPIView of the viewset's model (cached per viewset)."""
    if viewset in PLAIN_VIEWS:
        return PLAIN_VIEWS[viewset]
    from django_filters.rest_framework import DjangoFilterBackend
    from rest_framework import filters, generics, pagination, permissions, serializers

    model = model_of(viewset)

    class Serializer(serializers.ModelSerializer):
        class Meta:
            fields = "__all__"

    Serializer.Meta.model = model

    class Pagination(pagination.PageNumberPagination):
        page_size = PAGE

    class View(generics.ListAPIView):
        queryset = model._default_manager.all()
        serializer_class = Serializer
        pagination_class = Pagination
        authentication_classes = [PlainTokenAuthentication]
        permission_classes = [permissions.IsAuthenticated]
        throttle_classes = []
        filter_backends = [DjangoFilterBackend, filters.OrderingFilter]
        filterset_class = getattr(viewset, "filterset_class", None)
        ordering_fields = getattr(viewset, "ordering_fields", None) or "__all__"

    PLAIN_VIEWS[viewset] = View.as_view()
    return PLAIN_VIEWS[viewset]


def plain(request, basename):
    return plain_view(ENDPOINTS[basename]["viewset"])(request)


def _urlpatterns():
    from django.urls import include, path

    return [
        path("bench/limit/<str:scenario>.json", limit_json),
        path("bench/limit/<str:scenario>.html", limit_html),
        path("bench/plain/<str:basename>/", plain),
        path("", include("kaohsiung_admin.urls")),
    ]


def single_database_parser(description: str, requests: int) -> argparse.ArgumentParser:
    """The options of the scripts that time one database (bench_floor.py, bench_first_page.py)."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=SMALL)
    parser.add_argument("--requests", type=int, default=requests)
    parser.add_argument("--only", default="", help="a substring of the endpoints to run")
    return parser


def start(database_url: str, extra_patterns=None):
    """Django on `database_url` with the bench's URLconf (`extra_patterns()`, called once Django
    is set up, first), the list endpoints discovered; the bureau token's client."""
    setup(database_url)
    globals()["urlpatterns"] = [*(extra_patterns() if extra_patterns else []), *_urlpatterns()]
    discover()
    return clients_for(database_url)[0]


# --- what to measure ----------------------------------------------------------------------------

ENDPOINTS: dict[str, dict] = {}


def discover() -> None:
    """Every list route of the API (`<basename>-list`), with its viewset."""
    from django.urls import get_resolver

    def walk(patterns, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if hasattr(entry, "url_patterns"):
                walk(entry.url_patterns, route)
                continue
            name = entry.name or ""
            cls = getattr(entry.callback, "cls", None)
            actions = getattr(entry.callback, "actions", {}) or {}
            if not name.endswith("-list") or cls is None or actions.get("get") != "list":
                continue
            if not route.startswith("api/v1/") or "<" in route or "(?P" in route:
                continue
            url = "/" + route.replace("^", "").replace("$", "").replace("\\.(?P<format>[a-z0-9]+)/?", "")
            if url.endswith("/") and name not in ENDPOINTS:
                ENDPOINTS[name] = {"url": url, "viewset": cls}

    walk(get_resolver().url_patterns, "")


def _most_common(model, field_name):
    from django.db.models import Count

    try:
        row = (
            model._default_manager.exclude(**{f"{field_name}__isnull": True})
            .values(field_name)
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
    except Exception:
        return None
    return None if row is None else row[field_name]


def _search_word(model):
    from django.db import models

    for field in model._meta.concrete_fields:
        if isinstance(field, models.CharField) and not field.choices and field.name not in ("number",):
            value = (
                model._default_manager.exclude(**{field.name: ""})
                .values_list(field.name, flat=True)
                .order_by("pk")
                .first()
            )
            if value and len(value) >= 2:
                return value[:3] if len(value) >= 3 else value
    return None


def _is_id_filter(flt) -> bool:
    import django_filters

    return isinstance(flt, (django_filters.ModelChoiceFilter, django_filters.NumberFilter)) or (
        type(flt).__name__ == "IdFilter"
    )


def scenarios(viewset) -> list[tuple[str, dict]]:
    """(label, query) for the list unfiltered and for each filter its FilterSet offers."""
    import django_filters

    from kaohsiung_admin.core import filters as core_filters

    found = [("unfiltered", {})]
    filterset = getattr(viewset, "filterset_class", None)
    model = model_of(viewset)
    if filterset is None:
        return found
    for name, flt in filterset.base_filters.items():
        value = None
        field = flt.field_name
        if isinstance(flt, django_filters.OrderingFilter):
            options = [key for key, _label in flt.extra.get("choices", [])] or list(
                getattr(flt, "param_map", {}).keys()
            )
            if options:
                value = options[0]
        elif isinstance(flt, getattr(core_filters, "YearFilter", ())):
            value = "2022"
        elif isinstance(flt, django_filters.DateFilter) or type(flt).__name__ == "DateFilter":
            value = "2022-12-31" if flt.lookup_expr in ("lte", "lt") else "2022-01-01"
        elif isinstance(flt, django_filters.BooleanFilter) or type(flt).__name__ == "YesNoAllFilter":
            value = "true"
        elif isinstance(flt, (django_filters.ChoiceFilter, django_filters.MultipleChoiceFilter)):
            if flt.method is None:
                value = _most_common(model, field)
            if value is None:
                choices = list(flt.extra.get("choices", []) or [])
                value = choices[0][0] if choices else None
        elif isinstance(flt, django_filters.CharFilter):
            value = (
                _search_word(model) if flt.method is not None or flt.lookup_expr in ("icontains", "contains") else None
            )
            if value is None and flt.method is None:
                value = _most_common(model, field)
        elif _is_id_filter(flt) and flt.method is None:
            value = _most_common(model, field)
        to_field = flt.extra.get("to_field_name")
        if value is not None and to_field and isinstance(flt, django_filters.ModelChoiceFilter):
            # The filter takes the related row's `to_field_name` (a code), not its id.
            related = flt.extra["queryset"].model
            value = related._default_manager.filter(pk=value).values_list(to_field, flat=True).first()
        if value in (None, ""):
            continue
        if isinstance(value, datetime.date):
            value = value.isoformat()
        found.append((f"{name}={value}", {name: str(value)}))
    return found


PAGES = [
    ("booking week calendar", "facility", "/facilities/centers/{center}/calendar/", {"view": "week"}),
    ("officer case list", "officer", "/consumer-protection/complaints/", {}),
    ("document overdue list", "documents", "/documents/due/", {"due": "overdue"}),
]


# --- measuring ----------------------------------------------------------------------------------


def capture(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code, response.content[:300])
    return [q["sql"] for q in ctx.captured_queries]


def _selects(sqls):
    return [s for s in sqls if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def timed(client, url, params=None) -> float:
    started = time.perf_counter()
    response = client.get(url, params or {})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code, response.content[:200])
    return elapsed


def measure(pairs, requests: int):
    """pairs: [(client, url, params)]; medians of interleaved requests."""
    for client, url, params in pairs:
        for _warm in range(2):
            timed(client, url, params)
    times = [[] for _ in pairs]
    for _n in range(requests):
        for i, (client, url, params) in enumerate(pairs):
            times[i].append(timed(client, url, params))
    return [statistics.median(t) for t in times]


def clients_for(database_url):
    """A token client (another bureau, no personal-data grant) and the staff users' clients."""
    from django.contrib.auth.models import Group
    from django.test import Client

    from kaohsiung_admin.accounts.models import ApiToken, Bureau, User

    use_database(database_url)
    service, _ = User.objects.get_or_create(username="api-bench", defaults={"is_api_client": True})
    service.groups.add(*Group.objects.filter(name="api_client"))
    bureau, _ = Bureau.objects.get_or_create(code="bench", defaults={"name": "bench", "service_user": service})
    # Read grants for the confidential resources (consumer-protection cases, CPA Art. 45-1), at the
    # default statistics level: the other lists need none.
    grants = sorted(
        {
            endpoint["viewset"].resource
            for endpoint in ENDPOINTS.values()
            if getattr(endpoint["viewset"], "read_grant_required", False)
            and getattr(endpoint["viewset"], "resource", None)
        }
    )
    _token, key = ApiToken.issue(bureau=bureau, read_resources=grants)
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    staff = {}
    for _label, username, _url, _params in PAGES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        staff[username] = client
    return api, staff


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", default=SMALL)
    parser.add_argument("--large", default=LARGE)
    parser.add_argument("--requests", type=int, default=7)
    parser.add_argument("--only", default="")
    parser.add_argument("--no-filters", action="store_true")
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument("--ms", action="store_true", help="also print the medians (ms) of project, limit and plain")
    args = parser.parse_args()
    global SHOW_MS
    SHOW_MS = args.ms

    setup(args.small)
    globals()["urlpatterns"] = _urlpatterns()
    discover()
    sizes = {"small": args.small, "large": args.large}
    clients = {size: clients_for(url) for size, url in sizes.items()}

    import platform

    print(
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {args.requests} timed requests of each per scenario and size"
    )
    header = (
        f"{'endpoint / scenario':62} {'rows 10k/1M':>17} {'q proj/plain':>12} "
        f"{'proj/limit':>10} {'proj/plain':>10} {'1M/10k':>7}"
    )
    print(header)
    print("-" * len(header))
    missed = 0
    scenario_id = 0
    for basename, endpoint in sorted(ENDPOINTS.items(), key=lambda item: item[1]["url"]):
        url = endpoint["url"]
        if args.only and args.only not in url:
            continue
        viewset = endpoint["viewset"]
        use_database(args.small)
        cases = scenarios(viewset)
        if args.no_filters:
            cases = cases[:1]
        results = {}
        for size, database_url in sizes.items():
            use_database(database_url)
            api = clients[size][0]
            model = model_of(viewset)
            rows = model._default_manager.count()
            for label, params in cases:
                scenario_id += 1
                key = f"s{scenario_id}"
                api.get(url, params)  # first use of the token: its last use written, cache filled
                try:
                    sqls = capture(api, url, params)
                    plain_sqls = capture(api, f"/bench/plain/{basename}/", params)
                except AssertionError as error:
                    results.setdefault(label, {})[size] = {"error": str(error)[:120]}
                    continue
                REPLAY[key] = _selects(sqls)
                project, limit, plain_time = measure(
                    [
                        (api, url, params),
                        (api, f"/bench/limit/{key}.json", {}),
                        (api, f"/bench/plain/{basename}/", params),
                    ],
                    args.requests,
                )
                results.setdefault(label, {})[size] = {
                    "rows": rows,
                    "queries": len(sqls),
                    "plain_queries": len(plain_sqls),
                    "project": project,
                    "limit": limit,
                    "plain": plain_time,
                }
        for label, by_size in results.items():
            missed += report(f"{url} {label}", by_size)
    if not args.no_pages:
        from facilities.choices import Center

        for label, username, url, params in PAGES:
            if args.only and args.only not in url:
                continue
            by_size = {}
            for size, database_url in sizes.items():
                use_database(database_url)
                client = clients[size][1][username]
                rows = None
                page_url = url.format(center=Center.values[0])
                scenario_id += 1
                key = f"s{scenario_id}"
                client.get(page_url, params)
                sqls = capture(client, page_url, params)
                REPLAY[key] = [s for s in _selects(sqls) if "django_session" not in s]
                project, limit = measure(
                    [(client, page_url, params), (client, f"/bench/limit/{key}.html", {})], args.requests
                )
                by_size[size] = {
                    "rows": rows,
                    "queries": len(sqls),
                    "plain_queries": None,
                    "project": project,
                    "limit": limit,
                    "plain": None,
                }
            missed += report(f"page: {label}", by_size)
    print(
        "\nproject/limit and project/plain: throughput ratios (limit time / project time); goals ≥ "
        f"{GOAL_LIMIT} and ≥ {GOAL_PLAIN}. 1M/10k: project time at the large size / at the small; goal ≤ {GOAL_SCALE}."
    )
    print(f"{missed} figures miss their goal")
    return 1 if missed else 0


def report(label, by_size) -> int:
    small, large = by_size.get("small", {}), by_size.get("large", {})
    if "error" in small or "error" in large:
        print(f"{label[:62]:62} ERROR {small.get('error') or large.get('error')}")
        return 1
    if not small or not large:
        return 0

    def ratio(a, b):
        return b / a if a and b else None

    missed = 0
    cells = []
    for figures in (small, large):
        lim = ratio(figures["project"], figures["limit"])
        pla = ratio(figures["project"], figures["plain"])
        missed += (lim is not None and lim < GOAL_LIMIT) + (pla is not None and pla < GOAL_PLAIN)
        cells.append((lim, pla))
    scale = large["project"] / small["project"]
    missed += scale > GOAL_SCALE
    rows = f"{small['rows'] or '':>8}/{large['rows'] or '':<8}" if small["rows"] else f"{'':17}"
    queries = f"{small['queries']}/{small['plain_queries'] if small['plain_queries'] is not None else '—'}"
    if large["queries"] != small["queries"]:
        queries += f" ({large['queries']})"

    def fmt(pair):
        return "/".join("—" if v is None else f"{v:.2f}" for v in pair)

    print(
        f"{label[:62]:62} {rows:>17} {queries:>12} {fmt((cells[0][0], cells[1][0])):>10} "
        f"{fmt((cells[0][1], cells[1][1])):>10} {scale:>7.2f}",
        flush=True,
    )
    if SHOW_MS:
        for size, figures in (("10k", small), ("1M", large)):
            plain_ms = f"{figures['plain'] * 1000:.2f}" if figures["plain"] else "—"
            print(
                f"    {size}: project {figures['project'] * 1000:.2f} ms, limit {figures['limit'] * 1000:.2f} ms, "
                f"plain {plain_ms} ms",
                flush=True,
            )
    return missed


SHOW_MS = False
urlpatterns: list = []

if __name__ == "__main__":
    sys.exit(main())
