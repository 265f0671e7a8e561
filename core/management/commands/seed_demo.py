from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Make the demo bureau: sections, staff, posts and a login for every role "
        "(password demo-pass-2026). Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="run even though DEBUG is off (a production configuration)"
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a production configuration: demo logins with a "
                "published password must not be created there. Use --force if you really mean it."
            )
        # Each app that has demo data keeps it in its demo.py; they run in
        # INSTALLED_APPS order, which is the order the rules stand on each other.
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                summary = import_module(module_name).seed()
                self.stdout.write(f"{config.label}: {summary}")
