"""The pages a person sees when something goes wrong: the CSRF failure view
and the logging filter that keeps a refused request to one line."""

import logging

from django.shortcuts import render

_TOKEN = "csrfmiddlewaretoken"
# Never sent back: a password field is shown again empty, to be typed again.
_SECRET = ("password", "passwd")


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: the page expired (often a login in another
    tab changed the token). The typed text is shown again in a form posting
    to the same address with a fresh token, so nothing is lost."""
    fields = []
    if request.method == "POST":  # a file chosen is lost: it cannot be sent back
        for name, values in request.POST.lists():
            if name == _TOKEN:
                continue
            if any(word in name.lower() for word in _SECRET):
                fields.append({"name": name, "secret": True})
                continue
            for value in values:
                fields.append({"name": name, "value": value, "long": "\n" in value or len(value) > 80})
    context = {"fields": fields, "action": request.get_full_path()}
    return render(request, "403_csrf.html", context, status=403)


class RefusedWithoutTraceback(logging.Filter):
    """A 403 is a normal answer (a role that may not open a page): keep the
    "Forbidden" line of django.request but not the traceback of the
    PermissionDenied behind it."""

    def filter(self, record):
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
