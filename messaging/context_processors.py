def inbox(request):
    return {"inbox_unread": 0}
