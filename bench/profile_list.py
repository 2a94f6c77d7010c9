"""Where one API list request's time goes: cProfile over N requests, through the same set-up as
bench_lists.py (token cache on, throttle out of the way, the test client and full middleware).

    .venv/bin/python bench/profile_list.py /api/v1/documents/documents/ --database-url \
        postgres://postgres@127.0.0.1:5432/bench_perf_1m --requests 200 [--param status=filed]

Prints the wall time per request, then the functions by cumulative time (--top), and the
share of named stages (middleware, authentication, permissions, throttle, filtering, count,
page query, serialisation, rendering).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STAGES = {
    "authentication": ("perform_authentication",),
    "permissions": ("check_permissions",),
    "throttle": ("check_throttles",),
    "filtering": ("filter_queryset",),
    "count": ("list_total",),
    "paginate (count + page query)": ("paginate_queryset",),
    "serialisation": ("FastListSerializer.to_representation", "ListSerializer.to_representation"),
    "rendering": ("JSONRenderer.render", "FastJSONRenderer.render"),
    "view (dispatch)": ("APIView.dispatch",),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--param", action="append", default=[])
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--callers", default="")
    parser.add_argument("--dump", default="", help="also write the raw profile here (pstats format)")
    args = parser.parse_args()

    import bench_lists

    bench_lists.setup(args.database_url)
    bench_lists.urlpatterns = bench_lists._urlpatterns()
    sys.modules["__main__"].urlpatterns = bench_lists.urlpatterns
    from django.conf import settings

    settings.ROOT_URLCONF = "bench_lists"
    bench_lists.discover()  # the token gets the read grants of the confidential lists, as in the bench
    api, _staff = bench_lists.clients_for(args.database_url)
    params = dict(p.split("=", 1) for p in args.param)
    for _ in range(20):
        response = api.get(args.url, params)
        assert response.status_code == 200, response.content[:300]
    started = time.perf_counter()
    for _ in range(args.requests):
        api.get(args.url, params)
    plain = (time.perf_counter() - started) / args.requests
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.requests):
        api.get(args.url, params)
    profile.disable()
    if args.dump:
        profile.dump_stats(args.dump)
    print(f"{args.url} {params}: {plain * 1000:.2f} ms a request without the profiler")
    stats = pstats.Stats(profile)
    total = sum(v[3] for k, v in stats.stats.items() if k[2] == "get" and k[0].endswith("django/test/client.py"))
    total = total or max(v[3] for v in stats.stats.values())
    print(f"{'stage':36} {'share':>6}")
    for stage, names in STAGES.items():
        cum = 0.0
        for (filename, _line, func), value in stats.stats.items():
            qual = f"{Path(filename).stem}.{func}"
            for name in names:
                if (
                    "." in name
                    and qual.endswith(name.split(".")[-1])
                    and name.split(".")[0] in _classes(filename, func, name)
                ) or ("." not in name and func == name):
                    cum += value[3]
        print(f"{stage:36} {cum / total:6.1%}")
    by_area: dict[str, float] = {}
    for (filename, _line, _func), value in stats.stats.items():
        by_area[_area(filename)] = by_area.get(_area(filename), 0.0) + value[2]
    print(f"{'own time by area':36} {'share':>6}")
    for area, own in sorted(by_area.items(), key=lambda item: -item[1]):
        print(f"{area:36} {own / total:6.1%}")
    if args.callers:
        stats.print_callers(args.callers)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


AREAS = [
    ("django/db/models/sql", "ORM: SQL compilation"),
    ("django/db/models", "ORM: querysets, model instances"),
    ("django/db", "django.db (cursor wrappers)"),
    ("psycopg", "psycopg (driver, network wait)"),
    ("rest_framework", "DRF"),
    ("django_filters", "django-filter"),
    ("django/test", "test client"),
    ("django/core/handlers", "Django handler"),
    ("django/urls", "URL resolving"),
    ("django/http", "Django request/response"),
    ("site-packages/django/", "Django other"),
    ("core/api/fast.py", "core.api.fast (serialisation)"),
    ("kaohsiung_admin/", "project kaohsiung_admin"),
    ("/api/", "app API code"),
    ("json/", "json (stdlib)"),
    ("site-packages/", "other packages"),
]


def _area(filename: str) -> str:
    for fragment, name in AREAS:
        if fragment in filename:
            return name
    return "builtins and stdlib" if not filename.startswith("/work/main/") else "project other"


def _classes(filename, func, name):
    # pstats has no class names: accept by function name and the module that defines the class.
    cls = name.split(".")[0]
    if cls == "FastListSerializer":
        return cls if filename.endswith("core/api/fast.py") else ""
    if cls == "ListSerializer":
        return cls if filename.endswith("rest_framework/serializers.py") else ""
    if cls in ("JSONRenderer", "FastJSONRenderer"):
        return cls if "renderers" in filename else ""
    if cls == "APIView":
        return cls if filename.endswith("rest_framework/views.py") else ""
    return ""


if __name__ == "__main__":
    sys.exit(main())
