"""Pages a higher app adds to the public board's navigation (公示栏).

The board belongs to rule 3, which may not know the rules built on it, not
even by a URL name: an app above registers its public page here from its
``AppConfig.ready()`` (rule 4's 今日在岗), and ``public_base.html`` lists the
registered links, by ``order``, after the board's own "Staff" entry.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class BoardLink:
    url_name: str
    label: str
    order: int
    icon: str


_links: dict[str, BoardLink] = {}


def register_board_link(link: BoardLink) -> None:
    _links[link.url_name] = link


def board_links() -> list[BoardLink]:
    return sorted(_links.values(), key=lambda link: (link.order, link.url_name))
