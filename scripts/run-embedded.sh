#!/usr/bin/env bash
# Start the web server and a real Celery worker (with beat embedded) on the embedded default.
# Ctrl-C (or SIGTERM) stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-8000}"
mkdir -p var

.venv/bin/celery -A kaohsiung_admin worker --beat --loglevel=INFO --concurrency=2 \
  --schedule=var/celerybeat-schedule &
worker=$!
.venv/bin/gunicorn kaohsiung_admin.wsgi --bind "127.0.0.1:${port}" --workers 2 --access-logfile - &
web=$!

stop() {
  trap - INT TERM EXIT
  kill -TERM "$web" "$worker" 2>/dev/null || true
  wait "$web" "$worker" 2>/dev/null || true
}
trap stop INT TERM EXIT

echo
echo "  Intranet:  http://127.0.0.1:${port}/   (API docs: /api/docs/, health: /healthz)"
echo "  Sign in with a demo account listed above. Ctrl-C stops the web server and the worker."
echo

# Whichever stops first (or Ctrl-C) stops the other.
wait -n "$web" "$worker"
