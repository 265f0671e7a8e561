from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from core.navigation import nav_entries, nav_group
from org.roles import Role, has_role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str
    active: bool
    group: str = ""


@dataclass
class NavMenuGroup:
    """A dropdown of the menu: a group's visible entries."""

    key: str
    label: str
    icon: str
    items: list[NavItem] = field(default_factory=list)
    is_group = True

    @property
    def active(self) -> bool:
        return any(item.active for item in self.items)


def group_menu(items: list[NavItem]) -> list:
    """The entries as the menu shows them: each group where its first entry
    stands, and a group of one entry as that entry alone."""
    menu: list = []
    groups: dict[str, NavMenuGroup] = {}
    for item in items:
        group = nav_group(item.group) if item.group else None
        if group is None:
            menu.append(item)
            continue
        if group.key not in groups:
            groups[group.key] = NavMenuGroup(key=group.key, label=group.label, icon=group.icon)
            menu.append(groups[group.key])
        groups[group.key].items.append(item)
    return [
        node.items[0] if isinstance(node, NavMenuGroup) and len(node.items) == 1 else node for node in menu
    ]


def shell(request):
    """The navigation the current user may see, with the current entry marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_menu": []}
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
        NavItem(label=entry.label, url=url, icon=entry.icon, active=url == current, group=entry.group)
        for entry, url in visible
    ]
    # The roles are read already for the navigation: no query of its own.
    return {
        "nav_items": items,
        "nav_menu": group_menu(items),
        "can_enter_calendar": has_role(user, Role.ADMINISTRATOR),
    }
