"""Fault: Redis (cache and broker) stops under a bounded load, then comes back.

    .venv/bin/python bench/faults/fault_redis_down.py [--outage 15] [--clients 4]

Own services only (bench/faults/outage.py): a Redis on --redis-port (6393), a PostgreSQL cluster
"perf_faults" on --pg-port (5442), the site under gunicorn on --site-port (8393), one Celery worker.
Phases: --before seconds of load, Redis stopped for --outage seconds (a report build is requested
through the API in the middle of it), Redis started again, --after seconds of load. Prints the
requests of each phase by kind and status (and how many 503s carried Retry-After), the build
request's answer, and each build's outcome and how long after Redis returned it was done.
Issue 12 item 6 wants: reads 200 throughout, the build request stored and answered 202, and the
build started within a minute of Redis returning.
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
    parser.add_argument("--before", type=float, default=8)
    parser.add_argument("--outage", type=float, default=15)
    parser.add_argument("--after", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--pause", type=float, default=0.05)
    parser.add_argument("--wait-builds", type=float, default=150)
    parser.add_argument("--redis-port", type=int, default=6393)
    parser.add_argument("--pg-port", type=int, default=5442)
    parser.add_argument("--site-port", type=int, default=8393)
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.site_port}"
    with outage.services(args.redis_port, args.pg_port, args.site_port) as (env, redis, pg, key):
        opener = outage.manager_opener(base)
        with outage.Load(base, key, args.clients, args.pause, page_opener=opener) as load:
            time.sleep(args.before)
            load.phase = "during"
            redis.stop()
            time.sleep(args.outage / 2)
            build_status, build_body = outage.request_build(base, key)
            time.sleep(args.outage / 2)
            redis.start()
            back = time.time()
            load.phase = "after"
            time.sleep(args.after)
        rows, _waited = outage.wait_builds(pg.url, args.wait_builds)
        print(f"Redis down {args.outage:.0f} s under {args.clients} clients (one request each, then {args.pause} s):")
        print(load.report())
        detail = build_body.get("detail") or build_body.get("message") or build_body.get("status") or build_body
        print(f"build requested while Redis was down: {build_status} {str(detail)[:160]}")
        if not rows:
            print("builds: none stored")
        for pk, status, progress, attempts, started, finished in rows:
            print(
                f"build {pk}: {status} ({progress} %, {attempts} attempts); started {outage.after(started, back)}, "
                f"finished {outage.after(finished, back)} relative to Redis returning"
            )
        print(f"logs: {env['FAULT_LOGS']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
