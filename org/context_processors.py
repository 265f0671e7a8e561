from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from core.navigation import nav_entries
from org.roles import Role, has_role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str
    active: bool


def shell(request):
    """The navigation the current user may see, with the current entry marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    visible = []
    for entry in nav_entries():
        if not entry.visible(user):
            continue
        try:
            visible.append((entry, reverse(entry.url_name)))
        except NoReverseMatch:
            continue
    # The entry whose URL is the longest prefix of this page is the current
    # one: on /cases/section/ that is "Section cases", not "My cases".
    matches = [
        url for _entry, url in visible if request.path == url or (url != "/" and request.path.startswith(url))
    ]
    current = max(matches, key=len, default=None)
    items = [
        NavItem(label=entry.label, url=url, icon=entry.icon, active=url == current) for entry, url in visible
    ]
    # The roles are read already for the navigation: no query of its own.
    return {"nav_items": items, "can_enter_calendar": has_role(user, Role.ADMINISTRATOR)}
