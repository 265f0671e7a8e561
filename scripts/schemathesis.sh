#!/usr/bin/env bash
# The API keeps the promise of its schema: schemathesis against a server it
# starts on 127.0.0.1 (gunicorn), on a fresh SQLite database with the demo bureau, with
# the demo supervisor's token. Bounded (examples per operation and wall time),
# so that CI stays quick. Fails on any 5xx or any answer the schema does not
# declare (status code, content type, body).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
port=${SCHEMATHESIS_PORT:-8765}
export DATA_DIR="$work" DEBUG=0 HTTPS=0 STATICFILES_MANIFEST=0 CELERY_TASK_ALWAYS_EAGER=1 \
  EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend \
  SECRET_KEY=schemathesis-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz
unset DATABASE_URL CELERY_BROKER_URL

.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py seed_demo --force >/dev/null
.venv/bin/python manage.py prepare_pdf_font >/dev/null
# gunicorn, as in production: the development server drops some of the odd
# requests schemathesis sends (a dropped connection is an error of the run).
.venv/bin/gunicorn efficiency.wsgi --bind "127.0.0.1:$port" --workers 2 --timeout 60 --limit-request-line 8190 >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

token=$(.venv/bin/python - "$port" <<'PY'
import json, sys, time, urllib.request

url = f"http://127.0.0.1:{sys.argv[1]}/api/v1/auth/token/"
body = json.dumps({"username": "supervisor", "password": "demo-pass-2026"}).encode()
for _ in range(60):
    try:
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        print(json.load(urllib.request.urlopen(request, timeout=5))["token"])
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("the server did not answer")
PY
)

# A fixed seed: CI judges the same cases every run (SCHEMATHESIS_SEED picks
# others). gunicorn's longest request line is raised to its maximum: past it,
# the server itself answers 414 before the application sees the request.
timeout "${SCHEMATHESIS_TIMEOUT:-180}" .venv/bin/schemathesis run "http://127.0.0.1:$port/api/schema/" \
  --header "Authorization: Token $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-25}" \
  --exclude-path /api/v1/auth/token/ \
  --suppress-health-check all \
  --request-timeout 30 \
  --seed "${SCHEMATHESIS_SEED:-20261203}" \
  --workers 1
