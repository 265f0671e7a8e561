import sqlite3
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.management.pg import run_pg


class Command(BaseCommand):
    help = (
        "Restore a folder made by `manage.py backup` into the configured database, which "
        "must be empty (a new database: nothing migrated), and its uploaded files into MEDIA_ROOT. "
        "Stop the web, worker and beat processes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options):
        media_archive = folder / "media.tar.gz"
        if not media_archive.exists():
            raise CommandError(f"{folder} is not a backup made by `manage.py backup`: no media.tar.gz")
        if connection.introspection.table_names():
            raise CommandError(
                f"the database {connection.settings_dict['NAME']} is not empty: restore into a new one"
            )
        if connection.vendor == "postgresql":
            dump = folder / "database.dump"
            if not dump.exists():
                raise CommandError(f"no database.dump in {folder} (a PostgreSQL backup)")
            connection.close()
            run_pg("pg_restore", connection.settings_dict, "--no-owner", "--exit-on-error", str(dump))
        elif connection.vendor == "sqlite":
            copy = folder / "database.sqlite3"
            if not copy.exists():
                raise CommandError(f"no database.sqlite3 in {folder} (a SQLite backup)")
            connection.close()
            source = sqlite3.connect(copy)
            target = sqlite3.connect(connection.settings_dict["NAME"])
            with target:
                source.backup(target)
            source.close()
            target.close()
        else:
            raise CommandError(f"no restore for a {connection.vendor} database")
        media = Path(settings.MEDIA_ROOT)
        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media_archive) as archive:
            archive.extractall(media, filter="data")
        self.stdout.write(f"restored {folder}")
