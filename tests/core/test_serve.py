"""`manage.py serve`: the embedded default's web server with worker and beat."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.live_worker
@pytest.mark.parametrize(("debug", "server"), [("1", "runserver"), ("0", "gunicorn")])
def test_serve_answers_and_stops_its_worker_on_sigterm(tmp_path, debug, server):
    port = _free_port()
    env = {**os.environ, "DATA_DIR": str(tmp_path), "DEBUG": debug, "CELERY_TASK_ALWAYS_EAGER": "0"}
    env.pop("DATABASE_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=settings.BASE_DIR, env=env, check=True
    )
    serve = subprocess.Popen(
        [sys.executable, "manage.py", "serve", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and body is None:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).read()
            except OSError:
                time.sleep(0.5)
        assert body is not None and b'"status": "ok"' in body
        workers = subprocess.run(
            ["pgrep", "-f", "--", f"schedule={tmp_path}"], capture_output=True, text=True
        )
        assert workers.stdout.strip(), "no worker/beat process was started"
        gunicorn = subprocess.run(["pgrep", "-f", "--", f"gunicorn.*127.0.0.1:{port}"], capture_output=True)
        assert bool(gunicorn.stdout.strip()) == (server == "gunicorn")
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
        time.sleep(1)
        left = subprocess.run(["pgrep", "-f", "--", f"schedule={tmp_path}"], capture_output=True, text=True)
        assert not left.stdout.strip(), "the worker outlived serve"
        left = subprocess.run(["pgrep", "-f", "--", f"127.0.0.1:{port}"], capture_output=True, text=True)
        assert not left.stdout.strip(), "the web server outlived serve"
        # A quiet start: our one line about the worker, not Celery's banner,
        # kombu's warning about the folder broker's host, or a line per task.
        output = serve.stdout.read()
        assert "Celery worker and beat started" in output
        assert "[config]" not in output and "[queues]" not in output
        assert "No hostname was supplied" not in output
        assert "] received" not in output and "] succeeded" not in output
    finally:
        if serve.poll() is None:
            serve.kill()
        subprocess.run(["pkill", "-9", "-f", "--", f"schedule={tmp_path}"])
        subprocess.run(["pkill", "-9", "-f", "--", f"127.0.0.1:{port}"])
