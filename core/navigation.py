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


@dataclass(frozen=True)
class HomePanel:
    key: str
    template: str
    order: int
    visible: Callable[[object], bool]
    context: Callable[[object], dict]


_nav: dict[str, NavEntry] = {}
_panels: dict[str, HomePanel] = {}


def register_nav(entry: NavEntry) -> None:
    _nav[entry.key] = entry


def register_panel(panel: HomePanel) -> None:
    _panels[panel.key] = panel


def nav_entries() -> list[NavEntry]:
    return sorted(_nav.values(), key=lambda e: (e.order, e.key))


def home_panels() -> list[HomePanel]:
    return sorted(_panels.values(), key=lambda p: (p.order, p.key))
