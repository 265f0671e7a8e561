"""Rule 4's holder pages: a post's holders with their history and the request
form, the list of changes, one change with the chief's decision, and the
chief's queue (/posts/queue/).

Every write goes through abpositions.services_holders: a ValidationError lands
on the form, a ConflictError ("not now") is a message on the page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from abpositions import selectors_holders as selectors
from abpositions import services_holders as services
from abpositions.forms_holders import HolderChangeDecisionForm, HolderChangeFilter, HolderChangeRequestForm
from abpositions.models import ChangeStatus
from core.errors import ConflictError
from core.paginator import IdsFirstPaginator
from org.permissions import permission_required
from org.predicates import staff_of

PAGE_SIZE = 50


@require_safe
@permission_required("abpositions.view_holder_changes")
def changes(request):
    """Holder changes, waiting ones first, filtered by status and section."""
    visible = selectors.holder_changes_visible_to(request.user).order_by("status", "-requested_at")
    filters = HolderChangeFilter(request.GET, queryset=visible)
    page = IdsFirstPaginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    posts = selectors.posts_visible_to(request.user)
    department = filters.form.cleaned_data.get("section") if filters.form.is_valid() else None
    if department is not None:
        posts = posts.filter(department=department)
    return render(request, "abpositions/changes.html", {"filter": filters, "page": page, "posts": posts})


def _post_or_404(user, pk):
    """A post of another section is not found, rather than forbidden."""
    if not user.has_perm("abpositions.request_holder_changes"):
        raise PermissionDenied
    post = selectors.posts_visible_to(user).filter(pk=pk).first()
    if post is None:
        raise Http404
    return post


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def post_holders(request, pk):
    """The post's holders, their history, and the form to ask for a change."""
    post = _post_or_404(request.user, pk)
    form = HolderChangeRequestForm(request.POST or None, post=post)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.holder_change_request(actor=request.user, post=post, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except ConflictError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Change requested; the section chief decides."))
            return redirect("abpositions:change_detail", pk=change.pk)
    history = post.holder_changes.select_related("previous", "proposed", "decided_by__staff")
    return render(request, "abpositions/post_holders.html", {"post": post, "form": form, "history": history})


def _change_or_404(user, pk):
    change = selectors.holder_changes_visible_to(user).filter(pk=pk).first()
    if change is None:
        if not user.has_perm("abpositions.view_holder_changes"):
            raise PermissionDenied
        raise Http404
    return change


@require_safe
@login_required
def change_detail(request, pk):
    change = _change_or_404(request.user, pk)
    can_decide = change.status == ChangeStatus.PENDING and request.user.has_perm(
        "abpositions.decide_holder_change", change
    )
    return render(
        request,
        "abpositions/change_detail.html",
        {"change": change, "post": change.post, "can_decide": can_decide},
    )


def _decide(request, pk, *, approve: bool):
    change = _change_or_404(request.user, pk)
    if not request.user.has_perm("abpositions.decide_holder_change", change):
        raise PermissionDenied
    form = HolderChangeDecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if approve:
            services.holder_change_approve(actor=request.user, change=change, note=note)
        else:
            services.holder_change_reject(actor=request.user, change=change, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ConflictError as error:
        messages.error(request, _("%(reason)s Nothing was changed.") % {"reason": error})
    else:
        if approve:
            messages.success(
                request, _("Approved: %(name)s now holds the post.") % {"name": change.proposed.name}
            )
        else:
            messages.success(request, _("Rejected; the requester is told why."))
    return redirect("abpositions:change_detail", pk=change.pk)


@require_POST
@login_required
def change_approve(request, pk):
    return _decide(request, pk, approve=True)


@require_POST
@login_required
def change_reject(request, pk):
    return _decide(request, pk, approve=False)


@require_safe
@permission_required("abpositions.view_queue")
def queue(request):
    """What waits for the section chief under rule 4."""
    me = staff_of(request.user)
    if me is None:
        raise PermissionDenied
    return render(
        request,
        "abpositions/queue.html",
        {"department": me.department, **selectors.chief_queue(me.department)},
    )
