"""What rule 4 adds to the shell: its menu group; each part registers its entries here."""

from django.utils.translation import pgettext_lazy

from core.navigation import NavGroup, register_nav_group


def register() -> None:
    register_nav_group(NavGroup("posts", pgettext_lazy("navigation group", "A/B posts"), "people"))
