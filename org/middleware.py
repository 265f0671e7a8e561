from django.shortcuts import render
from rest_framework.views import APIView

from org.predicates import staff_of

# Pages that serve a login with no staff record as well: the public pages,
# signing in and out, the language switch, monitoring, the pages of a login
# rather than of a member of staff (its inbox, its API tokens, the calendar) and the Django
# admin (where a superuser creates the missing record). The API answers for
# itself.
OPEN_NAMESPACES = {"admin", "apitokens", "board", "track", "messaging", "workdays"}
OPEN_URL_NAMES = {"login", "logout", "set_language", "healthz"}


class StaffRecordRequiredMiddleware:
    """Staff pages need the staff record behind the login (its section, its
    cases): a login without one, such as one made by ``createsuperuser``,
    gets a page saying so and whom to ask, instead of a page that breaks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or staff_of(user) is not None:
            return None
        match = request.resolver_match
        if OPEN_NAMESPACES.intersection(match.namespaces) or match.url_name in OPEN_URL_NAMES:
            return None
        view_class = getattr(view_func, "cls", None)
        if isinstance(view_class, type) and issubclass(view_class, APIView):
            return None
        return render(request, "org/no_staff_record.html", status=403)
