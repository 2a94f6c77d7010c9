"""How far below the raw-SQL limit any DRF endpoint must stay: the floor of the request path.

    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/bench_floor.py \
        --database-url postgres://postgres@127.0.0.1:5432/bench_perf_10k --requests 300

For every list endpoint (unfiltered, first page: up to 50 rows), times side by side in one
process, interleaved request by request through the same test client, middleware and token as
bench_lists.py:

- limit:      the endpoint's SELECTs replayed through a raw cursor, `json.dumps` (bench_lists.py's
              limit);
- drf:        the same replay inside a DRF `APIView` with no authentication, permission or
              throttle (DRF's dispatch, request wrapping, content negotiation and renderer);
- drf+token:  the same with the project's authentication, permission and throttle classes (the
              bureau's token read from the cache, the throttle's count in Redis): what every API
              request of the project must do before it reads a row;
- project:    the endpoint itself;
- plain:      bench_lists.py's plain DRF ListAPIView.

and prints limit/time of each (a throughput ratio, as bench_lists.py's project/limit). Where
limit/drf+token is below 0.7, no endpoint that goes through DRF with the token and the throttle
can reach project/limit >= 0.7 for that list, whatever its queries and serialiser do.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_lists  # noqa: E402


def _replayed(scenario):
    page = bench_lists.replayed_page(scenario)
    # Encoded by the project's renderer (orjson), which is faster than the limit's json.dumps:
    # the floor errs on DRF's side.
    return {"count": len(page), "results": page}


def _patterns():
    from django.urls import path
    from rest_framework.response import Response
    from rest_framework.views import APIView

    class Bare(APIView):
        authentication_classes = []
        permission_classes = []
        throttle_classes = []

        def get(self, request, scenario):
            return Response(_replayed(scenario))

    class WithToken(APIView):
        # The project's defaults (settings.REST_FRAMEWORK): token, ResourcePermission, throttle.
        def get(self, request, scenario):
            return Response(_replayed(scenario))

    return [
        path("bench/drf/<str:scenario>.json", Bare.as_view()),
        path("bench/drf-token/<str:scenario>.json", WithToken.as_view()),
    ]


def main() -> int:
    args = bench_lists.single_database_parser(__doc__, requests=300).parse_args()
    api = bench_lists.start(args.database_url, _patterns)
    lists = sorted(
        (endpoint["url"], basename)
        for basename, endpoint in bench_lists.ENDPOINTS.items()
        if args.only in endpoint["url"]
    )

    import datetime
    import platform

    print(
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
        f"{args.database_url.rsplit('/', 1)[1]}, {args.requests} timed requests of each, medians"
    )
    print(
        f"{'list':42} {'rows':>4}  {'ms: limit  drf  drf+token  project  plain':>44}   limit/: drf  drf+token  project"
    )
    below = 0
    for number, (url, basename) in enumerate(lists):
        key = f"floor{number}"
        api.get(url)
        sqls = bench_lists.capture(api, url, {})
        bench_lists.REPLAY[key] = bench_lists._selects(sqls)
        rows = len(_replayed(key)["results"])
        times = bench_lists.measure(
            [
                (api, f"/bench/limit/{key}.json", {}),
                (api, f"/bench/drf/{key}.json", {}),
                (api, f"/bench/drf-token/{key}.json", {}),
                (api, url, {}),
                (api, f"/bench/plain/{basename}/", {}),
            ],
            args.requests,
        )
        limit = times[0]
        ms = "  ".join(f"{t * 1000:6.2f}" for t in times)
        ratios = "  ".join(f"{limit / t:5.2f}" for t in times[1:4])
        print(f"{url:42} {rows:4}  {ms:>44}   {ratios}")
        below += limit / times[2] < bench_lists.GOAL_LIMIT
    print(
        "\nlimit/x: the limit's time over x's (x's throughput relative to the limit); the issue's goal"
        f" for the project is >= {bench_lists.GOAL_LIMIT}.\n{below} of {len(lists)} lists have limit/drf+token"
        f" below {bench_lists.GOAL_LIMIT}: no DRF endpoint with the token and the throttle can reach the goal there."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
