"""The first page before the count (core.paginator) against the count first, side by side.

    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/bench_first_page.py \
        --database-url postgres://postgres@127.0.0.1:5432/bench_perf_10k --requests 200

For every list endpoint (unfiltered, as bench_lists.py calls it: a bureau's token, the test
client and the full middleware), requests alternate between the paginator as it is and the
paginator with the first-page path switched off (the count first, as before commit 652b979), in
one process; prints the medians, their ratio (new / old) and the queries of each.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_lists  # noqa: E402


def main() -> int:
    args = bench_lists.single_database_parser(__doc__, requests=200).parse_args()
    api = bench_lists.start(args.database_url)

    from kaohsiung_admin.core.paginator import EstimatingPaginator

    first_page_first = EstimatingPaginator._first_page_first

    def count_first(self, number, *, lenient=False):
        return False

    paths = (("count first", count_first), ("page first", first_page_first))
    urls = sorted(e["url"] for e in bench_lists.ENDPOINTS.values() if args.only in e["url"])
    print(f"{'list':45} {'count first':>11} {'page first':>10}  new/old  queries")
    try:
        for url in urls:
            times, queries = {}, {}
            for label, path in paths:
                EstimatingPaginator._first_page_first = path
                for _warm in range(10):
                    api.get(url)
                queries[label] = len(bench_lists.capture(api, url, {}))
                times[label] = []
            for _n in range(args.requests):
                for label, path in paths:
                    EstimatingPaginator._first_page_first = path
                    times[label].append(bench_lists.timed(api, url))
            old, new = (statistics.median(times[label]) * 1000 for label, _path in paths)
            print(
                f"{url:45} {old:8.2f} ms {new:7.2f} ms  {new / old:6.2f}   "
                f"{queries['count first']} -> {queries['page first']}"
            )
    finally:
        EstimatingPaginator._first_page_first = first_page_first
    return 0


if __name__ == "__main__":
    sys.exit(main())
