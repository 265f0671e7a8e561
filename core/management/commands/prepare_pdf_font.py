from django.core.management.base import BaseCommand, CommandError

from core.paper import fonts


class Command(BaseCommand):
    help = (
        "Make the CJK font the PDF of every paper embeds (Noto Sans SC at Regular weight, under "
        "DATA_DIR/fonts) unless PDF_FONT names one. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="make the font again even when it exists")

    def handle(self, *args, force=False, **options):
        configured = fonts.configured_font()
        if configured:
            try:
                path = fonts.font_path()
            except fonts.FontUnavailable as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"PDF_FONT is set: {path}")
            return
        try:
            path = fonts.prepare_font(force=force)
        except fonts.FontUnavailable as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"PDF font ready: {path}")
