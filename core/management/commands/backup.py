import sqlite3
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.management.pg import run_pg


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into a new folder: database.dump "
        "(PostgreSQL, pg_dump's custom format) or database.sqlite3, and media.tar.gz. "
        "Safe while the system runs. Restore with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a folder that does not exist yet")

    def handle(self, *args, folder: Path, **options):
        if folder.exists():
            raise CommandError(f"{folder} exists already: a backup goes into a new folder")
        folder.mkdir(parents=True)
        if connection.vendor == "postgresql":
            # One snapshot of the whole database, whatever is written meanwhile.
            run_pg(
                "pg_dump", connection.settings_dict, "--format=custom", f"--file={folder / 'database.dump'}"
            )
        elif connection.vendor == "sqlite":
            # SQLite's online backup: a consistent copy even while the worker writes.
            source = sqlite3.connect(connection.settings_dict["NAME"])
            target = sqlite3.connect(folder / "database.sqlite3")
            with target:
                source.backup(target)
            source.close()
            target.close()
        else:
            raise CommandError(f"no backup for a {connection.vendor} database")
        media = Path(settings.MEDIA_ROOT)
        with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
            if media.exists():
                archive.add(media, arcname=".")
        self.stdout.write(f"backed up to {folder}")
