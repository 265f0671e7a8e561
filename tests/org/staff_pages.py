"""Every GET-able URL of the project, resolved from the URL conf, for the
tests and the deploy check that ask "does any page answer 500?"."""

import re

from django.urls import get_resolver
from django.urls.resolvers import RoutePattern, URLResolver

# A value for each path converter: a row that does not exist, so a page
# must answer 404 (or refuse), never 500.
SAMPLE = {"int": "999999", "slug": "nothing", "str": "nothing", "path": "nothing", "uuid": "0" * 32}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern.pattern, RoutePattern):
            yield prefix + str(pattern.pattern)
        else:
            regex = prefix + str(pattern.pattern)
            # DRF's router: ^cases/(?P<pk>[^/.]+)/$ and the like.
            path = re.sub(r"\(\?P<\w+>[^)]*\)", SAMPLE["int"], regex)
            path = path.replace("^", "").replace("$", "")
            if not re.search(r"[()\[\]\\?*+|]", path):
                yield path


def every_url() -> list[str]:
    urls = []
    for route in _routes(get_resolver().url_patterns):
        path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str"), route)
        urls.append("/" + path)
    return sorted(set(urls))
