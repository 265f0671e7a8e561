"""Running PostgreSQL's own tools against the configured database."""

import os
import subprocess

from django.core.management.base import CommandError


def run_pg(program: str, settings_dict: dict, *arguments: str) -> None:
    """Run pg_dump or pg_restore on the database of ``settings_dict``; the
    password goes through the environment, never the command line."""
    env = {**os.environ}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    command = [program, f"--dbname={settings_dict['NAME']}", *arguments]
    try:
        subprocess.run(command, env=env, check=True)
    except FileNotFoundError as error:
        raise CommandError(
            f"{program} is not installed (Debian: apt-get install postgresql-client)"
        ) from error
    except subprocess.CalledProcessError as error:
        raise CommandError(f"{program} failed with exit status {error.returncode}") from error
