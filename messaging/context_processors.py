from messaging.selectors import inbox_unread_count


def inbox(request):
    """The unread count for the shell's inbox badge."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"inbox_unread": 0}
    return {"inbox_unread": inbox_unread_count(user=user)}
