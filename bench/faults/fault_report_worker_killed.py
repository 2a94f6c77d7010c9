"""Fault: a whole Celery worker is killed (kill -9 of its process group) in the middle of a report
build, then a fresh worker starts. How long until the build is done, and did it run once?

Runs against its OWN services, never the shared ones: a Redis on --redis-port (default 6391) and a
PostgreSQL cluster "faults" on --pg-port (default 5441), both created and stopped here. No beat
runs: the worker's own sweep must pick the build up.

    .venv/bin/python bench/faults/fault_report_worker_killed.py [--rounds 3] [--delay 5]

Prints, per round: the stage the build was in when the worker died, how long after the new
worker started the build was done, the attempts, and the outcome; then a summary line.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
CELERY = str(ROOT / ".venv" / "bin" / "celery")


def run(*cmd, env=None, check=True, quiet=True):
    return subprocess.run(
        cmd, cwd=ROOT, env=env, check=check, stdout=subprocess.DEVNULL if quiet else None, stderr=subprocess.STDOUT
    )


def django_eval(env, code: str) -> str:
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


@contextlib.contextmanager
def own_redis(port: int):
    folder = tempfile.mkdtemp(prefix="fault-redis-")
    run("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
        "--appendonly", "no", "--dir", folder, "--logfile", f"{folder}/redis.log")  # fmt: skip
    for _ in range(50):
        if run("redis-cli", "-p", str(port), "ping", check=False).returncode == 0:
            break
        time.sleep(0.1)
    try:
        yield f"redis://127.0.0.1:{port}"
    finally:
        run("redis-cli", "-p", str(port), "shutdown", "nosave", check=False)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def own_postgres(port: int):
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    if not Path(f"/etc/postgresql/{version}/faults").exists():
        run("pg_createcluster", version, "faults", "--port", str(port), "--", "--auth=trust")
    run("pg_ctlcluster", "--skip-systemctl-redirect", version, "faults", "start", check=False)
    for _ in range(100):
        if run("pg_isready", "-h", "127.0.0.1", "-p", str(port), check=False).returncode == 0:
            break
        time.sleep(0.2)
    run("psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-c", "DROP DATABASE IF EXISTS faults")
    run("psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-c", "CREATE DATABASE faults")
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/faults"
    finally:
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, "faults", "stop", check=False)


def start_worker(env, log_path: Path) -> subprocess.Popen:
    log = log_path.open("ab")
    return subprocess.Popen(
        [
            CELERY,
            "-A",
            "kaohsiung_admin",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def state(db_url: str, pk: str) -> tuple[str, int, int]:
    """The build's status, progress and attempts, read straight from the database (fast)."""
    out = subprocess.run(
        ["psql", db_url, "-tAc", f"SELECT status, progress, attempts FROM reports_reportbuild WHERE id = {int(pk)}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    status, progress, attempts = out.split("|")
    return status, int(progress), int(attempts)


def one_round(env, log_path: Path, delay: float, timeout: float) -> dict:
    db_url = env["DATABASE_URL"]
    pk = django_eval(
        env,
        "from kaohsiung_admin.reports import services; from kaohsiung_admin.reports.models import ReportDefinition as D; "
        "from kaohsiung_admin.accounts.models import User; "
        "b=services.report_build_request(definition=D.objects.get(year=2022), user=User.objects.get(username='manager')); "
        "print(b.pk)",
    ).splitlines()[-1]
    worker = start_worker(env, log_path)
    died_at = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, progress, _attempts = state(db_url, pk)
        if status == "running" and progress >= 10:
            kill_group(worker)
            died_at = f"running {progress}%"
            break
        if status in ("succeeded", "failed"):
            break
        time.sleep(0.05)
    if died_at is None:
        kill_group(worker)
        return {"build": pk, "killed": "never caught running", "outcome": status}
    time.sleep(delay)  # no worker at all for a while
    worker = start_worker(env, log_path)
    started = time.monotonic()
    outcome = "timeout"
    while time.monotonic() - started < timeout:
        status, progress, attempts = state(db_url, pk)
        if status in ("succeeded", "failed"):
            outcome = status
            break
        time.sleep(0.5)
    seconds = time.monotonic() - started
    kill_group(worker)
    return {"build": pk, "killed": died_at, "outcome": outcome, "seconds": round(seconds, 1), "attempts": attempts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--delay", type=float, default=5.0, help="seconds with no worker after the kill")
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--pg-port", type=int, default=5441)
    args = parser.parse_args()
    log_path = Path(tempfile.mkdtemp(prefix="fault-worker-")) / "worker.log"
    with own_redis(args.redis_port) as redis_url, own_postgres(args.pg_port) as db_url:
        env = {
            **os.environ,
            "DATABASE_URL": db_url,
            "CELERY_BROKER_URL": f"{redis_url}/0",
            "REDIS_URL": f"{redis_url}/1",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "DEMO_ACCOUNTS": "true",
        }
        run(PY, "manage.py", "migrate", "--noinput", env=env)
        run(PY, "manage.py", "load_demo_data", env=env)
        results = [one_round(env, log_path, args.delay, args.timeout) for _ in range(args.rounds)]
    for result in results:
        print(result)
    done = [r for r in results if r["outcome"] == "succeeded"]
    once = all(r.get("attempts") == 2 for r in done)
    worst = max((r["seconds"] for r in done), default=None)
    print(
        f"{len(done)}/{len(results)} builds done after the worker was killed; slowest {worst} s after a new "
        f"worker started; each ran exactly twice (killed + finished): {once}. Worker log: {log_path}"
    )
    sys.exit(0 if len(done) == len(results) else 1)


if __name__ == "__main__":
    main()
