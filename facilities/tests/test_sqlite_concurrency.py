"""On SQLite (the embedded default) the transaction-guarded check lets exactly one of several
concurrent processes take a slot; the others are told which booking won."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_concurrent_processes_on_one_sqlite_file_exactly_one_wins(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kaohsiung_admin.settings"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "facilities.tests.sqlite_race", str(tmp_path / "race.sqlite3"), "6"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.split(" ")[0] in ("won", "conflict", "error")]
    assert len(lines) == 6, result.stdout + result.stderr
    assert [line for line in lines if line.startswith("error")] == []
    winners = [line.split()[1] for line in lines if line.startswith("won")]
    assert len(winners) == 1
    assert all(line.split()[1] == winners[0] for line in lines if line.startswith("conflict"))
