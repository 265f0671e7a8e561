"""Finding the staff asked, as the desk types: by name, by pinyin initials
("zm" finds 周明) or by the start of the full pinyin ("zhou").

A bureau has a few hundred staff: the active ones are read in one query and
matched in Python. The pinyin of a name is computed once per process and
name (lru_cache), so a search after the first costs the query and a loop.
"""

from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin, pinyin

from org.models import Staff

LIMIT = 20


def _as_is(chars: str) -> list[str]:
    return list(chars.lower())


@lru_cache(maxsize=8192)
def pinyin_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The initials and the full pinyin of a name, lower case: 周明 → (("zm",), ("zhouming",)).

    A surname may be read otherwise than the same character in a word
    (曾 zeng/ceng, 单 shan/dan): each reading of the first character counts."""
    if not name:
        return (), ()
    rest = lazy_pinyin(name[1:], errors=_as_is)
    firsts = dict.fromkeys(pinyin(name[0], style=Style.NORMAL, heteronym=True, errors=_as_is)[0])
    initials = tuple(dict.fromkeys(first[0] + "".join(s[0] for s in rest if s) for first in firsts))
    full = tuple(dict.fromkeys((first + "".join(rest)).lower() for first in firsts))
    return initials, full


@dataclass(frozen=True)
class StaffHit:
    id: int
    name: str
    department: str
    rank: int
    title: str

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "department": self.department,
            "rank": self.rank,
            "title": self.title,
        }


def _score(query: str, name: str) -> int | None:
    """How well a name answers the query (lower is better), or None for no match."""
    if name.startswith(query):
        return 0
    if query in name:
        return 1
    if not query.isascii():
        return None
    initials, full = pinyin_keys(name)
    if any(key.startswith(query) for key in initials):
        return 2
    if any(key.startswith(query) for key in full):
        return 3
    if any(query in key for key in initials):
        return 4
    if any(query in key for key in full):
        return 5
    return None


def search_staff(query: str, *, limit: int = LIMIT) -> list[StaffHit]:
    """Active staff matching the query, best first; among equals the higher rank first."""
    query = "".join(query.split()).lower()
    if not query:
        return []
    rows = Staff.objects.active().order_by().values_list("pk", "name", "department__name", "rank", "title")
    if not query.isascii():
        # Chinese characters match the name itself: let the database narrow it.
        rows = rows.filter(name__contains=query)
    scored = []
    for pk, name, department, rank, title in rows:
        score = _score(query, name.lower())
        if score is not None:
            scored.append((score, -rank, name, pk, StaffHit(pk, name, department, rank, title)))
    scored.sort(key=lambda row: row[:4])
    return [row[-1] for row in scored[:limit]]
