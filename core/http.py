def client_ip(request) -> str:
    """The visitor's address behind the bureau's one reverse proxy.

    The proxy appends the address it saw to X-Forwarded-For, so the last
    entry is the one to trust; anything before it the client could forge.
    Used only when BEHIND_PROXY is on.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def safe_next(request, default: str) -> str:
    """The ``next`` the form carried, when it is a page of this site; else ``default``."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def query_without(query, *keys):
    """A copy of a QueryDict without ``keys``."""
    query = query.copy()
    for key in keys:
        query.pop(key, None)
    return query


def url_with(request, **changes) -> str:
    """This page with its filters changed (None removes one) and back on page 1:
    the link of a stat card that filters the list it sits on."""
    query = query_without(request.GET, "page")
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"{request.path}?{query.urlencode()}"
