"""core.errors: the one refusal vocabulary every app's services use."""

import pytest
from django.core.exceptions import PermissionDenied

from commitments.models import ServiceItem
from commitments.services import MaterialSpec, service_item_create
from core.errors import ConflictError, require


def test_no_user_is_no_permission():
    with pytest.raises(PermissionDenied):
        require(None, "commitments.manage_catalogue")


def test_the_catalogue_refuses_a_write_with_no_one_behind_it(department):
    with pytest.raises(PermissionDenied):
        service_item_create(
            actor=None,
            code="XK-001",
            department=department,
            content={"name": "食品经营许可", "basis": "《食品安全法》", "committed_days": 10},
            materials=[MaterialSpec("申请书")],
        )
    assert not ServiceItem.objects.exists()


def test_every_app_refuses_with_the_same_conflict():
    from commitments import services as commitments
    from deadlines import services as deadlines
    from inquiries import services as inquiries
    from notifications import services as notifications

    for services in (commitments, deadlines, inquiries, notifications):
        assert services.ConflictError is ConflictError
