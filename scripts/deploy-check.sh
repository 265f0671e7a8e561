#!/usr/bin/env bash
# Follow docs/deploy.md's example on a fresh PostgreSQL database, then ask
# every URL of the URL conf as the administrator that create_administrator
# made and as a superuser with no staff record: none may answer 500.
#
#   scripts/deploy-check.sh [postgres://postgres@127.0.0.1:5432]
#
# Makes the database `deploycheck` (dropped again on exit) and a scratch
# DATA_DIR; needs PostgreSQL and Redis (its databases 14 and 15).
set -euo pipefail

SERVER="${1:-postgres://postgres@127.0.0.1:5432}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
PY="$ROOT/.venv/bin/python"
cd "$ROOT"

cleanup() {
    [[ -n "${GUNICORN_PID:-}" ]] && kill "$GUNICORN_PID" 2>/dev/null || true
    psql "$SERVER/postgres" -qc 'DROP DATABASE IF EXISTS deploycheck WITH (FORCE)' || true
    rm -rf "$WORK"
}
trap cleanup EXIT

psql "$SERVER/postgres" -qc 'DROP DATABASE IF EXISTS deploycheck WITH (FORCE)'
psql "$SERVER/postgres" -qc 'CREATE DATABASE deploycheck'

# The environment of docs/deploy.md's example, on this machine.
export DEBUG=0 SECRET_KEY="deploy-check-$(head -c 32 /dev/urandom | base64)" \
       ALLOWED_HOSTS=xiaoneng.bureau.example DATA_DIR="$WORK/data" \
       CSRF_TRUSTED_ORIGINS=https://xiaoneng.bureau.example BEHIND_PROXY=1 \
       SITE_URL=https://xiaoneng.bureau.example \
       DATABASE_URL="$SERVER/deploycheck" \
       CELERY_BROKER_URL=redis://127.0.0.1:6379/14 CACHE_URL=redis://127.0.0.1:6379/15

"$PY" manage.py migrate --verbosity 0
"$PY" manage.py collectstatic --no-input --verbosity 0
"$PY" manage.py prepare_pdf_font
ADMINISTRATOR_PASSWORD=deploy-check-2026 "$PY" manage.py create_administrator --no-input \
    --username chenjing --name 陈静 --employee-number A0001 --department office --department-name 办公室
DJANGO_SUPERUSER_PASSWORD=deploy-check-2026 "$PY" manage.py createsuperuser --no-input \
    --username root --email root@bureau.example

"$ROOT/.venv/bin/gunicorn" efficiency.wsgi --bind 127.0.0.1:18765 --workers 2 --daemon \
    --pid "$WORK/gunicorn.pid" --error-logfile "$WORK/gunicorn.log"
sleep 3
GUNICORN_PID="$(cat "$WORK/gunicorn.pid")"
status="$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: xiaoneng.bureau.example' \
          -H 'X-Forwarded-Proto: https' http://127.0.0.1:18765/accounts/login/)"
echo "gunicorn: GET /accounts/login/ through the proxy headers -> $status"
[[ "$status" == 200 ]]

"$PY" manage.py shell --verbosity 0 -c '
import sys
from django.contrib.auth import get_user_model
from django.test import Client
from tests.org.staff_pages import every_url

bad = 0
for username in ("chenjing", "root"):
    client = Client(raise_request_exception=False, HTTP_HOST="xiaoneng.bureau.example")
    client.force_login(get_user_model().objects.get(username=username))
    statuses = {}
    for url in every_url():
        status = client.get(url, secure=True).status_code
        statuses.setdefault(status, []).append(url)
    print(username, {status: len(urls) for status, urls in sorted(statuses.items())})
    for status, urls in statuses.items():
        if status >= 500:
            bad += len(urls)
            print("  500:", *urls)
sys.exit(1 if bad else 0)
'
echo "deploy check: no 500"
