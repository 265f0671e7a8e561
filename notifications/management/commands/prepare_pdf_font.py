from django.core.management.base import BaseCommand, CommandError

from notifications import pdf


class Command(BaseCommand):
    help = (
        "Make the CJK font the one-time notice PDF embeds (Noto Sans SC at Regular weight, under "
        "DATA_DIR/fonts) unless PDF_FONT names one. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="make the font again even when it exists")

    def handle(self, *args, force=False, **options):
        configured = pdf.configured_font()
        if configured:
            try:
                path = pdf.font_path()
            except pdf.FontUnavailable as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"PDF_FONT is set: {path}")
            return
        try:
            path = pdf.prepare_font(force=force)
        except pdf.FontUnavailable as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"PDF font ready: {path}")
