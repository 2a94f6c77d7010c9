"""Fault: PostgreSQL stops under a bounded load (while a report build runs), then comes back.

    .venv/bin/python bench/faults/fault_postgres_down.py [--outage 12] [--clients 4]

Own services only (bench/faults/outage.py): a Redis on --redis-port (6394), a PostgreSQL cluster
"perf_faults" on --pg-port (5442), the site under gunicorn on --site-port (8394), one Celery worker.
Phases: --before seconds of load (a report build is requested at the start), the cluster stopped
(fast shutdown) for --outage seconds, started again, --after seconds of load. Prints the requests
of each phase by kind and status (and how many 503s carried Retry-After: issue 12 item 7 wants
503 with Retry-After, never 500), and each build's outcome (item 5: a build hit by the outage is
retried and done).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import outage


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=float, default=6)
    parser.add_argument("--outage", type=float, default=12)
    parser.add_argument("--after", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--pause", type=float, default=0.05)
    parser.add_argument("--wait-builds", type=float, default=180)
    parser.add_argument("--redis-port", type=int, default=6394)
    parser.add_argument("--pg-port", type=int, default=5442)
    parser.add_argument("--site-port", type=int, default=8394)
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.site_port}"
    with outage.services(args.redis_port, args.pg_port, args.site_port) as (env, _redis, pg, key):
        opener = outage.manager_opener(base)
        with outage.Load(base, key, args.clients, args.pause, page_opener=opener) as load:
            build_status, _body = outage.request_build(base, key)
            time.sleep(args.before)
            states = outage.builds(pg.url)
            load.phase = "during"
            pg.stop()
            time.sleep(args.outage)
            pg.start()
            back = time.time()
            load.phase = "after"
            time.sleep(args.after)
        rows, _waited = outage.wait_builds(pg.url, args.wait_builds)
        print(
            f"PostgreSQL down {args.outage:.0f} s under {args.clients} clients (one request each, then {args.pause} s):"
        )
        print(load.report())
        print(f"build requested before the outage: {build_status}; when the database stopped: {states}")
        for pk, status, progress, attempts, started, finished in rows:
            print(
                f"build {pk}: {status} ({progress} %, {attempts} attempts); started {outage.after(started, back)}, "
                f"finished {outage.after(finished, back)} relative to the database returning"
            )
        print(f"logs: {env['FAULT_LOGS']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
