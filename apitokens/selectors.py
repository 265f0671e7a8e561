from apitokens.models import ApiToken


def api_tokens_of(user):
    """A user's own tokens, newest first, expired ones included."""
    return ApiToken.objects.filter(user=user).order_by("-created", "-id")
