from django.core.management.base import BaseCommand, CommandError

from workdays.services import YearNotInPackage, calendar_seed_from_package


class Command(BaseCommand):
    help = (
        "Load the official holiday schedule from the chinesecalendar package (after it is updated). "
        "Years an administrator entered or corrected are left alone unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            dest="years",
            metavar="YEAR",
            help="seed only this year (may be given more than once)",
        )
        parser.add_argument(
            "--force", action="store_true", help="overwrite years an administrator entered or corrected"
        )

    def handle(self, *args, years=None, force=False, **options):
        try:
            result = calendar_seed_from_package(years=years, force=force)
        except YearNotInPackage as exc:
            raise CommandError(str(exc)) from exc
        for label, found in (
            ("created", result.created),
            ("updated", result.updated),
            ("unchanged", result.unchanged),
            ("left alone (entered by an administrator; use --force)", result.skipped_manual),
        ):
            if found:
                self.stdout.write(f"{label}: {', '.join(map(str, found))}")
