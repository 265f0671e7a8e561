"""Run the whole system on one machine: web server, Celery worker and beat.

The embedded default (docs/deploy.md has the production layout): the
worker and beat run as one child process (``worker --beat``) on whatever
broker is configured, and stop when the web server stops. The web server is
gunicorn, as in production, with one process (the rate limits count in its
memory) and a few threads; with DEBUG on, or where gunicorn does not run
(Windows), Django's development server.
"""

import importlib.util
import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site and run a Celery worker with beat beside it."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        # A service manager stops us with SIGTERM: take the same way out as
        # Ctrl-C, so that the worker and beat stop too instead of lingering.
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        worker = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "efficiency", "--quiet", "worker", "--beat",
                "--pool=solo", "--loglevel=INFO", "--without-gossip", "--without-mingle",
                f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}",
            ],
            cwd=settings.BASE_DIR,
        )  # fmt: skip
        self.stdout.write(self.style.SUCCESS(f"Celery worker and beat started (pid {worker.pid})."))
        self.stdout.write(self.style.SUCCESS(f"The site is at http://{addrport}/  (Ctrl-C stops everything)"))
        try:
            if settings.DEBUG or os.name == "nt" or importlib.util.find_spec("gunicorn") is None:
                call_command("runserver", addrport, use_reloader=False)
            else:
                _gunicorn(addrport)
        except KeyboardInterrupt:
            pass
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()


def _gunicorn(addrport: str) -> None:
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "efficiency.wsgi", "--bind", addrport,
            "--workers", "1", "--threads", "4", "--log-level", "warning",
        ],
        cwd=settings.BASE_DIR,
    )  # fmt: skip
    try:
        server.wait()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt
