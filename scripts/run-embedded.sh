#!/usr/bin/env bash
# Start the web server and a real Celery worker (with beat embedded) on the embedded default.
# Ctrl-C (or SIGTERM) stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-8000}"
mkdir -p var

# The solo pool runs tasks in the worker process itself: no pool children to orphan when a
# terminal's Ctrl-C signals the whole process group (production uses prefork, see docker-compose).
.venv/bin/celery -A kaohsiung_admin worker --beat --pool=solo --loglevel=INFO \
  --schedule=var/celerybeat-schedule &
worker=$!
.venv/bin/gunicorn kaohsiung_admin.wsgi --bind "127.0.0.1:${port}" --workers 2 --access-logfile - &
web=$!

stop() {
  trap - INT TERM EXIT
  kill -TERM "$web" "$worker" 2>/dev/null || true
  # A warm shutdown lets a running task finish; past 30 s we stop waiting.
  for _ in $(seq 30); do
    kill -0 "$web" 2>/dev/null || kill -0 "$worker" 2>/dev/null || break
    sleep 1
  done
  kill -KILL "$web" "$worker" 2>/dev/null || true
  wait "$web" "$worker" 2>/dev/null || true
}
trap stop INT TERM EXIT

echo
echo "  Intranet:  http://127.0.0.1:${port}/   (API docs: /api/docs/, health: /healthz)"
echo "  Sign in with a demo account listed above. Ctrl-C stops the web server and the worker."
echo

# Whichever stops first (or Ctrl-C) stops the other.
wait -n "$web" "$worker"
