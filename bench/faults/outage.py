# ruff: noqa: S310 - every URL here is http://127.0.0.1:<port> built by this script
"""Shared by the outage fault scripts (Redis down, PostgreSQL down): own services, a served site,
a bounded load, and the tally.

Everything runs against services of its own, never the shared ones: a Redis started here on
--redis-port and a PostgreSQL cluster "perf_faults" on --pg-port (created on first use, stopped at
the end), the site under gunicorn (2 sync workers) and one Celery worker, all on this host.

The load is bounded: --clients threads, each sending a request and then sleeping --pause seconds,
for each phase (before, during and after the outage): list reads through a bureau's token
(`/api/v1/documents/documents/`, `/api/v1/calendar/overrides/`) and the report index page of a
signed-in manager. Requests time out after 10 s (counted as "timeout").
"""

from __future__ import annotations

import collections
import contextlib
import http.cookiejar
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
CELERY = str(ROOT / ".venv" / "bin" / "celery")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
CLUSTER = "perf_faults"
PASSWORD = "fault-run-only-7f3a"  # the throw-away database's manager, set by services()


def run(*cmd, env=None, check=True, quiet=True):
    return subprocess.run(
        cmd, cwd=ROOT, env=env, check=check, stdout=subprocess.DEVNULL if quiet else None, stderr=subprocess.STDOUT
    )


def django_eval(env, code: str) -> str:
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""


class OwnRedis:
    def __init__(self, port: int):
        self.port = port
        self.folder = tempfile.mkdtemp(prefix="perf-fault-redis-")

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}"

    def start(self):
        run("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
            "--appendonly", "no", "--dir", self.folder, "--logfile", f"{self.folder}/redis.log")  # fmt: skip
        for _ in range(50):
            if run("redis-cli", "-p", str(self.port), "ping", check=False).returncode == 0:
                return
            time.sleep(0.1)

    def stop(self):
        run("redis-cli", "-p", str(self.port), "shutdown", "nosave", check=False)
        for _ in range(50):
            if run("redis-cli", "-p", str(self.port), "ping", check=False).returncode != 0:
                return
            time.sleep(0.1)


class OwnPostgres:
    def __init__(self, port: int):
        self.port = port
        self.version = sorted(os.listdir("/etc/postgresql"))[-1]

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/faults"

    def create(self):
        if not Path(f"/etc/postgresql/{self.version}/{CLUSTER}").exists():
            run("pg_createcluster", self.version, CLUSTER, "--port", str(self.port), "--", "--auth=trust")
        self.start()
        psql = ("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-c")
        run(*psql, "DROP DATABASE IF EXISTS faults")
        run(*psql, "CREATE DATABASE faults")

    def start(self):
        run("pg_ctlcluster", "--skip-systemctl-redirect", self.version, CLUSTER, "start", check=False)
        for _ in range(100):
            if run("pg_isready", "-h", "127.0.0.1", "-p", str(self.port), check=False).returncode == 0:
                return
            time.sleep(0.2)

    def stop(self):
        run("pg_ctlcluster", "--skip-systemctl-redirect", self.version, CLUSTER, "stop", "-m", "fast", check=False)


@contextlib.contextmanager
def services(redis_port: int, pg_port: int, site_port: int):
    """Own Redis and PostgreSQL, migrated, with the demo accounts and report definitions, a
    bureau's token, the site under gunicorn and a Celery worker. Yields (env, redis, pg, key)."""
    redis, pg = OwnRedis(redis_port), OwnPostgres(pg_port)
    redis.start()
    pg.create()
    logs = Path(tempfile.mkdtemp(prefix="perf-fault-logs-"))
    env = {
        **os.environ,
        "DATABASE_URL": pg.url,
        "CELERY_BROKER_URL": f"{redis.url}/0",
        "REDIS_URL": f"{redis.url}/1",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DEMO_ACCOUNTS": "true",
        "API_THROTTLE_RATE": "100000/min",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    processes = []
    try:
        run(PY, "manage.py", "migrate", "--noinput", env=env)
        key = django_eval(
            env,
            "from io import StringIO; from kaohsiung_admin.accounts import demo as a; "
            "from kaohsiung_admin.reports import demo as r; a.load(stdout=StringIO()); r.load(stdout=StringIO()); "
            "from django.contrib.auth.models import Group; from kaohsiung_admin.accounts.models import ApiToken, "
            "Bureau, User; u, _ = User.objects.get_or_create(username='api-fault', defaults={'is_api_client': True}); "
            "u.groups.add(*Group.objects.filter(name='api_client')); "
            "b, _ = Bureau.objects.get_or_create(code='fault', defaults={'name': 'fault', 'service_user': u}); "
            "m = User.objects.get(username='manager'); m.set_password(PASSWORD); m.save(); "
            "print(ApiToken.issue(bureau=b, write_resources=['reports.annual'])[1])".replace(
                "PASSWORD", repr(PASSWORD)
            ),
        )
        site = subprocess.Popen(
            [GUNICORN, "kaohsiung_admin.wsgi", "-w", "2", "-b", f"127.0.0.1:{site_port}", "--timeout", "30"],
            cwd=ROOT, env=env, stdout=(logs / "site.log").open("ab"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        worker = subprocess.Popen(
            [CELERY, "-A", "kaohsiung_admin", "worker", "--pool=prefork", "--concurrency=1", "--loglevel=INFO",
             "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=(logs / "worker.log").open("ab"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        processes = [site, worker]
        for _ in range(100):
            with contextlib.suppress(Exception):
                urllib.request.urlopen(f"http://127.0.0.1:{site_port}/healthz", timeout=2)
                break
            time.sleep(0.2)
        env["FAULT_LOGS"] = str(logs)
        yield env, redis, pg, key
    finally:
        for process in processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
        redis.stop()
        pg.stop()
        shutil.rmtree(redis.folder, ignore_errors=True)


def manager_opener(base: str):
    """An opener signed in as the demo manager (the login form, as a browser does)."""
    import re
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "manager", "password": PASSWORD})
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=body.encode(), headers={"Referer": f"{base}/accounts/login/"}
    )
    with contextlib.suppress(urllib.error.HTTPError):
        opener.open(request, timeout=10)
    return opener


def fetch(opener, request) -> tuple[str, dict]:
    try:
        response = opener.open(request, timeout=10)
        return str(response.status), dict(response.headers)
    except urllib.error.HTTPError as error:
        return str(error.code), dict(error.headers)
    except (TimeoutError, OSError) as error:
        return ("timeout" if "timed out" in str(error) else "refused"), {}


class Load:
    """--clients threads sending bounded requests; tallies (phase, kind, status)."""

    def __init__(self, base: str, key: str, clients: int, pause: float, page_opener=None):
        self.base, self.key, self.clients, self.pause = base, key, clients, pause
        self.page_opener = page_opener
        self.phase = "before"
        self.tally = collections.Counter()
        self.retry_after = collections.Counter()
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def _one(self, n: int):
        opener = urllib.request.build_opener()
        urls = [
            ("api list", f"{self.base}/api/v1/documents/documents/", True),
            ("api list", f"{self.base}/api/v1/calendar/overrides/", True),
            ("page", f"{self.base}/reports/", False),
        ]
        i = n
        while not self.stop.is_set():
            kind, url, api = urls[i % len(urls)]
            i += 1
            if api:
                status, headers = fetch(
                    opener, urllib.request.Request(url, headers={"Authorization": f"Token {self.key}"})
                )
            elif self.page_opener is not None:
                status, headers = fetch(self.page_opener, urllib.request.Request(url))
            else:
                continue
            with self.lock:
                self.tally[(self.phase, kind, status)] += 1
                if status == "503" and "Retry-After" in headers:
                    self.retry_after[self.phase] += 1
            time.sleep(self.pause)

    def __enter__(self):
        self.threads = [threading.Thread(target=self._one, args=(n,), daemon=True) for n in range(self.clients)]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)

    def report(self) -> str:
        lines = []
        for phase in ("before", "during", "after"):
            for kind in ("api list", "page"):
                counts = {s: n for (p, k, s), n in sorted(self.tally.items()) if p == phase and k == kind}
                if counts:
                    lines.append(f"  {phase:7} {kind:9} " + ", ".join(f"{s}: {n}" for s, n in counts.items()))
            if self.retry_after[phase]:
                lines.append(f"  {phase:7} 503 with Retry-After: {self.retry_after[phase]}")
        return "\n".join(lines)


def request_build(base: str, key: str, year: int = 2022) -> tuple[str, dict]:
    request = urllib.request.Request(
        f"{base}/api/v1/reports/annual/",
        data=json.dumps({"year": year}).encode(),
        headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        response = urllib.request.urlopen(request, timeout=15)
        return str(response.status), json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        body = error.read()
        try:
            return str(error.code), json.loads(body)
        except ValueError:
            return str(error.code), {"body": body[:200].decode(errors="replace")}
    except (TimeoutError, OSError) as error:
        return "refused", {"error": str(error)}


def builds(db_url: str) -> list[tuple]:
    """(id, status, progress, attempts, started_at, finished_at as Unix times or '')."""
    out = subprocess.run(
        [
            "psql",
            db_url,
            "-tAc",
            "SELECT id, status, progress, attempts, COALESCE(EXTRACT(EPOCH FROM started_at)::text, ''), "
            "COALESCE(EXTRACT(EPOCH FROM finished_at)::text, '') FROM reports_reportbuild ORDER BY id",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return [tuple(line.split("|")) for line in out.splitlines() if line]


def wait_builds(db_url: str, timeout: float) -> tuple[list[tuple], float]:
    started = time.monotonic()
    rows = builds(db_url)
    while time.monotonic() - started < timeout:
        rows = builds(db_url)
        if rows and all(r[1] in ("succeeded", "failed") for r in rows):
            break
        time.sleep(1)
    return rows, time.monotonic() - started


def after(stamp: str, since: float) -> str:
    """A build's Unix time as seconds after `since` (time.time() when the service returned)."""
    return f"{float(stamp) - since:+.0f} s" if stamp else "never"


# --- one fault run: arguments, services, load, report ------------------------------------------


def arguments(doc: str, *, before: float, outage: float, wait_builds: float, redis_port: int, site_port: int):
    """The options every outage script takes (defaults per script), parsed."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--before", type=float, default=before)
    parser.add_argument("--outage", type=float, default=outage)
    parser.add_argument("--after", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--pause", type=float, default=0.05)
    parser.add_argument("--wait-builds", type=float, default=wait_builds)
    parser.add_argument("--redis-port", type=int, default=redis_port)
    parser.add_argument("--pg-port", type=int, default=5442)
    parser.add_argument("--site-port", type=int, default=site_port)
    return parser.parse_args()


class Run:
    """What a fault script's outage step gets: the site's base URL, the bureau's key, the own
    services, the load (set `phase`), and `notes` (lines printed after the tally)."""

    def __init__(self, base, key, redis, pg, load):
        self.base, self.key, self.redis, self.pg, self.load = base, key, redis, pg, load
        self.notes: list[str] = []
        self.back = time.time()

    def outage(self, service, seconds: float, *, midway=None) -> None:
        """Phase "during": `service` stopped for `seconds` (`midway(run)` called half-way), started
        again; then phase "after" from the moment it is back."""
        self.load.phase = "during"
        service.stop()
        time.sleep(seconds / 2)
        if midway is not None:
            midway(self)
        time.sleep(seconds / 2)
        service.start()
        self.back = time.time()
        self.load.phase = "after"


def fault_run(args, title: str, service_name: str, step) -> int:
    """Own services, the bounded load for --before seconds, `step(run)` (which takes a service
    down and up through `run.outage`), --after seconds of load; then the tally by phase, the
    script's notes and each report build's outcome relative to the service returning."""
    base = f"http://127.0.0.1:{args.site_port}"
    with services(args.redis_port, args.pg_port, args.site_port) as (env, redis, pg, key):
        opener = manager_opener(base)
        with Load(base, key, args.clients, args.pause, page_opener=opener) as load:
            run_ = Run(base, key, redis, pg, load)
            step(run_)
            time.sleep(args.after)
        rows, _waited = wait_builds(pg.url, args.wait_builds)
        print(f"{title} {args.outage:.0f} s under {args.clients} clients (one request each, then {args.pause} s):")
        print(load.report())
        for line in run_.notes:
            print(line)
        if not rows:
            print("builds: none stored")
        for pk, status, progress, attempts, started, finished in rows:
            print(
                f"build {pk}: {status} ({progress} %, {attempts} attempts); started {after(started, run_.back)}, "
                f"finished {after(finished, run_.back)} relative to {service_name} returning"
            )
        print(f"logs: {env['FAULT_LOGS']}")
    return 0
