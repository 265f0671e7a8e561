class ReadOnlyAdminMixin:
    """For logs (audit trail, outbox, job runs): visible, never edited in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
