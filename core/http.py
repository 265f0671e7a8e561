from django.conf import settings
from python_ipware import IpWare


def client_ip(request) -> str:
    """The client's address: the one rule for login lockouts (axes), API
    throttles (DRF) and rate limits (django-ratelimit).

    With ``TRUSTED_PROXIES`` = 0 it is the connection's address, whatever
    X-Forwarded-For says. Behind N proxies, each appending the address it
    saw, it is the N-th entry from the end; anything before it the client
    could forge. A request whose header is shorter than that did not come
    through the proxies, and counts by its connection.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    # python-ipware counts the proxies after the first entry of the header;
    # the one nearest the client adds that first entry, so N - 1 of them.
    address, _trusted = IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=proxies - 1).get_client_ip(
        request.META, strict=False
    )
    return str(address) if address is not None else remote


class ClientAddressThrottleMixin:
    """A DRF throttle counting per ``client_ip``."""

    def get_ident(self, request):
        return client_ip(request)


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
