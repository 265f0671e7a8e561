def client_ip(request) -> str:
    """The visitor's address behind the bureau's one reverse proxy.

    The proxy appends the address it saw to X-Forwarded-For, so the last
    entry is the one to trust; anything before it the client could forge.
    Used only when BEHIND_PROXY is on.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
