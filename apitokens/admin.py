from django.contrib import admin

from apitokens.models import ApiToken
from apitokens.services import api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Everyone's tokens, to revoke: name, owner and dates, never the hash."""

    list_display = ["name", "user", "created", "expiry"]
    list_filter = ["created", "expiry"]
    search_fields = ["name", "user__username"]
    list_select_related = ["user"]
    fields = ["name", "user", "created", "expiry"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # a token is made by its owner, who alone sees it

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        api_token_revoke(actor=request.user, token=obj)

    def delete_queryset(self, request, queryset):
        for token in queryset:
            api_token_revoke(actor=request.user, token=token)
