from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from apitokens import selectors, services
from core.forms import BootstrapFormMixin


class TokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Token name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. the system that will use it."),
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_tokens(request):
    """The user's own API tokens; a new one is shown on this response only."""
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.api_token_create(actor=request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    context = {"tokens": list(selectors.api_tokens_of(request.user)), "form": form, "new_token": new_token}
    return render(request, "apitokens/my_tokens.html", context)


@login_required
@require_POST
def revoke(request, token_id):
    # Someone else's token is not found here: an administrator revokes it in the admin.
    token = get_object_or_404(selectors.api_tokens_of(request.user), pk=token_id)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("apitokens:mine")
