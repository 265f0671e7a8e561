"""Navigation entries and home-page panels, contributed by each app.

An app registers what it adds to the shell in its AppConfig.ready(); the
shell shows an entry or panel only to the users its ``visible`` accepts.
Lower apps never need to know which higher apps exist.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str
    url_name: str
    icon: str
    order: int
    visible: Callable[[object], bool]
    # The key of the NavGroup the entry is listed under; "" for a link of its own.
    group: str = ""


@dataclass(frozen=True)
class NavGroup:
    """A menu of entries by area (cases, inquiries, …), so the navigation
    stays one row however many entries a user's roles give them. It stands
    where its first visible entry would, and is shown as that entry alone
    when only one of its entries is visible."""

    key: str
    label: str
    icon: str


@dataclass(frozen=True)
class HomePanel:
    key: str
    template: str
    order: int
    visible: Callable[[object], bool]
    context: Callable[[object], dict]


_nav: dict[str, NavEntry] = {}
_groups: dict[str, NavGroup] = {}
_panels: dict[str, HomePanel] = {}


def register_nav(entry: NavEntry) -> None:
    _nav[entry.key] = entry


def register_nav_group(group: NavGroup) -> None:
    _groups[group.key] = group


def nav_group(key: str) -> NavGroup | None:
    return _groups.get(key)


def register_panel(panel: HomePanel) -> None:
    _panels[panel.key] = panel


def nav_entries() -> list[NavEntry]:
    return sorted(_nav.values(), key=lambda e: (e.order, e.key))


def home_panels() -> list[HomePanel]:
    return sorted(_panels.values(), key=lambda p: (p.order, p.key))


@dataclass(frozen=True)
class HomeCard:
    """A count on the home's "to watch" panel (the supervisor's overview),
    contributed by any app: ``count(user)`` is one query, and ``url(user)``
    the list it counts, whose element named by the #fragment carries
    data-list-total with the same number. ``tone`` colours a count above 0."""

    key: str
    label: str
    icon: str
    order: int
    visible: Callable[[object], bool]
    count: Callable[[object], int]
    url: Callable[[object], str]
    tone: str = "warn"


_cards: dict[str, HomeCard] = {}


def register_home_card(card: HomeCard) -> None:
    _cards[card.key] = card


def home_cards(user) -> list[HomeCard]:
    """The cards this user sees, in order (role predicates: no query)."""
    return [card for card in sorted(_cards.values(), key=lambda c: (c.order, c.key)) if card.visible(user)]


def has_home_cards(user) -> bool:
    return bool(home_cards(user))


def home_cards_context(user) -> dict:
    """The panel's cards with their counts and links."""
    return {
        "cards": [
            {
                "key": card.key,
                "label": card.label,
                "icon": card.icon,
                "count": card.count(user),
                "url": card.url(user),
                "tone": card.tone,
            }
            for card in home_cards(user)
        ]
    }


@dataclass(frozen=True)
class RelatedPanel:
    """A card a higher app adds to a lower app's object page (rule 5's notices
    on an inquiry or a case): ``context(request, obj)`` returns the template's
    context, or None to show nothing."""

    key: str
    model: str  # "app_label.modelname"
    template: str
    order: int
    context: Callable[[object, object], dict | None]
    # ``action_url(request, obj)``: the panel's own action (issue a notice), for
    # a page whose flow leads there; "" when the user may not take it.
    action_url: Callable[[object, object], str] | None = None


_related: dict[str, RelatedPanel] = {}


def register_related_panel(panel: RelatedPanel) -> None:
    _related[panel.key] = panel


def related_panels(model: str) -> list[RelatedPanel]:
    return sorted((p for p in _related.values() if p.model == model), key=lambda p: (p.order, p.key))


def related_action_url(request, obj) -> str:
    """The first action a higher app offers on this object's page, or ""."""
    for panel in related_panels(obj._meta.label_lower):
        url = panel.action_url(request, obj) if panel.action_url else ""
        if url:
            return url
    return ""
