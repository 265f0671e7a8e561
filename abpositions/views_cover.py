"""Rule 4 pages: naming who covers an uncovered post (item 5), one click from the alert."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from abpositions.cover import current_absences, who_answers
from abpositions.forms_uncovered import NameCoverForm
from abpositions.services_uncovered import post_name_cover
from core.errors import ConflictError
from org.models import Post
from org.predicates import is_supervisor, staff_of


def _post_or_404(user, pk) -> Post:
    """A post of another section is not found, unless one may see every section."""
    me = staff_of(user)
    post = Post.objects.select_related("department", "a_holder", "b_holder").filter(pk=pk).first()
    if post is None or me is None or (me.department_id != post.department_id and not is_supervisor(user)):
        raise Http404
    if not user.has_perm("abpositions.name_cover", post):
        raise PermissionDenied
    return post


def _render(request, post, form, *, status=200):
    answer = who_answers(post)
    holders = [
        (_("A holder"), post.a_holder, answer.a_absence),
        (_("B holder"), post.b_holder, answer.b_absence),
    ]
    context = {"post": post, "answer": answer, "holders": holders, "form": form}
    return render(request, "abpositions/name_cover.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def name_cover(request, post_id):
    post = _post_or_404(request.user, post_id)
    away = set(current_absences([post.a_holder_id, post.b_holder_id]))
    form = NameCoverForm(request.POST or None, post=post, away=away)
    if request.method == "POST" and form.is_valid():
        try:
            absence = post_name_cover(actor=request.user, post=post, cover=form.cleaned_data["cover"])
        except ValidationError as error:
            form.add_error("cover", error)
        except ConflictError as error:
            messages.error(request, str(error))
            return _render(request, post, form, status=409)
        else:
            messages.success(
                request,
                _("%(name)s now covers %(post)s.") % {"name": absence.cover, "post": post.name},
            )
            return redirect("abpositions:name_cover", post_id=post.pk)
    return _render(request, post, form)
