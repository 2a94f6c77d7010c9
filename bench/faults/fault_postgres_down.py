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

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import outage


def main() -> int:
    args = outage.arguments(__doc__, before=6, outage=12, wait_builds=180, redis_port=6394, site_port=8394)

    def step(run):
        status, _body = outage.request_build(run.base, run.key)
        time.sleep(args.before)
        states = outage.builds(run.pg.url)
        run.notes.append(f"build requested before the outage: {status}; when the database stopped: {states}")
        run.outage(run.pg, args.outage)

    return outage.fault_run(args, "PostgreSQL down", "the database", step)


if __name__ == "__main__":
    sys.exit(main())
