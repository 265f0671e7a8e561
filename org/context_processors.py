from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from core.navigation import nav_entries


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
    items = []
    for entry in nav_entries():
        if not entry.visible(user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append(NavItem(label=entry.label, url=url, icon=entry.icon, active=active))
    return {"nav_items": items}
