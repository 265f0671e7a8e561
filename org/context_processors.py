def shell(request):
    return {"nav_items": []}
