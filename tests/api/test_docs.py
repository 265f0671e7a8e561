"""docs/api.md lists every path of the built API, and only those."""

import re
from pathlib import Path

from django.conf import settings

from tests.api.conftest import schema


def _documented_paths() -> set[str]:
    text = Path(settings.BASE_DIR, "docs", "api.md").read_text(encoding="utf-8")
    section = text.split("## Paths", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(/api/v1/[^`]*)` \|", section, flags=re.MULTILINE))


def test_the_guide_lists_every_path_of_the_schema(db):
    assert _documented_paths() == set(schema()["paths"])


def test_the_guide_lists_the_methods_of_each_path(db):
    text = Path(settings.BASE_DIR, "docs", "api.md").read_text(encoding="utf-8")
    for path, operations in schema()["paths"].items():
        methods = ", ".join(m.upper() for m in ("get", "post", "put", "patch", "delete") if m in operations)
        assert f"| `{path}` | {methods} |" in text, path
