#!/usr/bin/env python3
"""Set everything up, then run the system or its tests. Needs only Python 3.11+.

    python3 dev.py run     # the whole system with demo data at http://127.0.0.1:8000/
    python3 dev.py run --no-demo   # a bureau's own system: asks for its first administrator
    python3 dev.py run --debug     # for developers: DEBUG on (tracebacks in the browser)
    python3 dev.py test    # the whole test suite (extra arguments go to pytest)

Both create .venv and install the pinned requirements when they changed.
"""

import hashlib
import os
import secrets
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(text: str) -> None:
    print(f"==> {text}", flush=True)


def run(*args, **kwargs) -> None:
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True, **kwargs)


def ensure_venv(requirements: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py is what tells an older Python why not
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say("Creating .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256()
    for name in ("requirements.txt", "requirements-dev.txt"):
        digest.update((ROOT / name).read_bytes())
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    say(f"Installing {requirements}")
    run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", requirements)
    stamp.write_text(digest.hexdigest())


def ensure_env_file() -> None:
    # A secret of this machine's own, kept between runs so sessions survive.
    env_file = ROOT / ".env"
    if not env_file.exists():
        env_file.write_text(f"SECRET_KEY={secrets.token_urlsafe(50)}\n")


def manage(*args) -> None:
    run(PYTHON, "manage.py", *args)


def cmd_run(args: list[str]) -> None:
    debug = "--debug" in args
    demo = "--no-demo" not in args
    args = [arg for arg in args if arg not in ("--debug", "--no-demo")]
    # What the bureau's users see is the real system: error pages, not
    # tracebacks, and static files as in production. Plain HTTP on this
    # machine, unless the environment says otherwise.
    os.environ["DEBUG"] = "1" if debug else "0"
    os.environ.setdefault("HTTPS", "0")
    ensure_venv("requirements.txt")
    ensure_env_file()
    say("Preparing the database")
    manage("migrate", "--no-input", "-v", "0")
    manage("collectstatic", "--no-input", "-v", "0")
    say("Preparing the font of the printed notices (once, about 15 seconds)")
    manage("prepare_pdf_font")
    if demo:
        say("Loading the demo bureau")
        manage("seed_demo", "--force")
        say("Demo logins (password demo-pass-2026):")
        say("  frontdesk, handler, chief, handler2, chief2, supervisor, admin")
    else:
        say("The bureau's first administrator (asked once)")
        manage("create_administrator", "--if-none")
    manage("serve", *(args or ["127.0.0.1:8000"]))


def cmd_test(args: list[str]) -> None:
    ensure_venv("requirements-dev.txt")
    say("Running the tests")
    result = subprocess.run([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)
    sys.exit(result.returncode)


def main() -> None:
    commands = {"run": cmd_run, "test": cmd_test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    try:
        commands[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
