from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from messaging import selectors, services
from messaging.models import Message

PAGE_SIZE = 25
FILTERS = ("all", "unread")


@login_required
@require_GET
def inbox(request):
    show = request.GET.get("show")
    if show not in FILTERS:
        show = "all"
    messages = selectors.inbox_messages(user=request.user, unread_only=show == "unread")
    page = Paginator(messages, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "messaging/inbox.html", {"page": page, "show": show, "total": page.paginator.count}
    )


@login_required
@require_GET
def detail(request, message_id: int):
    try:
        message = selectors.inbox_message(user=request.user, message_id=message_id)
    except Message.DoesNotExist:
        raise Http404 from None
    services.message_mark_read(user=request.user, message=message)
    return render(request, "messaging/detail.html", {"message": message})


@login_required
@require_POST
def mark_all_read(request):
    count = services.message_mark_all_read(user=request.user)
    flash.success(
        request,
        ngettext("Marked %(count)d message as read.", "Marked %(count)d messages as read.", count)
        % {"count": count},
    )
    return redirect("messaging:inbox")
