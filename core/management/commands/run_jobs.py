from django.core.management.base import BaseCommand, CommandError

from core.jobs import registry, run_job


class Command(BaseCommand):
    help = "Run every periodic job once, now, and print what each did."

    def add_arguments(self, parser):
        parser.add_argument("--only", metavar="NAME", help="run only this job")
        parser.add_argument("--list", action="store_true", help="list the jobs and exit")

    def handle(self, *args, only=None, list=False, **options):
        if list:
            for job in registry.all():
                self.stdout.write(f"{job.name}: {job.description}")
            return
        if only is not None and only not in registry.names():
            raise CommandError(f"no job named {only!r}; known jobs: {', '.join(registry.names())}")
        names = [only] if only else registry.names()
        failed = []
        for name in names:
            try:
                summary = run_job(name)
            except Exception as exc:
                failed.append(name)
                self.stderr.write(f"{name}: FAILED: {type(exc).__name__}: {exc}")
            else:
                self.stdout.write(f"{name}: {summary}")
        if failed:
            raise CommandError(f"{len(failed)} job(s) failed: {', '.join(failed)}")
