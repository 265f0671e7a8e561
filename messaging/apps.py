from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messages")

    def ready(self):
        from audit.verbs import register_verbs

        register_verbs(
            {
                "message.failed": _("Message could not be delivered"),
            }
        )
