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

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import outage


def main() -> int:
    args = outage.arguments(__doc__, before=8, outage=15, wait_builds=150, redis_port=6393, site_port=8393)

    def request_build(run):
        status, body = outage.request_build(run.base, run.key)
        detail = body.get("detail") or body.get("message") or body.get("status") or body
        run.notes.append(f"build requested while Redis was down: {status} {str(detail)[:160]}")

    def step(run):
        time.sleep(args.before)
        run.outage(run.redis, args.outage, midway=request_build)

    return outage.fault_run(args, "Redis down", "Redis", step)


if __name__ == "__main__":
    sys.exit(main())
