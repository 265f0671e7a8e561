import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from commitments.models import MaterialForm, ServiceItemVersion
from commitments.services import MaterialSpec, service_item_create, service_item_revise

CONTENT = {
    "name": "食品经营许可（新办）",
    "basis": "《中华人民共和国食品安全法》第三十五条",
    "conditions": "有与经营的食品品种、数量相适应的经营场所",
    "procedure": "申请—受理—审查—决定—发证",
    "statutory_days": 20,
    "committed_days": 10,
    "fees": "",
}
MATERIALS = [
    MaterialSpec("食品经营许可申请书", MaterialForm.ORIGINAL, 1),
    MaterialSpec("营业执照", MaterialForm.COPY, 1, source="市场监管部门"),
]


@pytest.fixture
def item(administrator, department):
    return service_item_create(
        actor=administrator.user, code="SP-001", department=department, content=CONTENT, materials=MATERIALS
    )


def test_create_makes_version_one_with_its_materials(item):
    assert item.current.number == 1
    assert item.current.name == "食品经营许可（新办）"
    assert [m.name for m in item.current.materials.all()] == ["食品经营许可申请书", "营业执照"]
    assert AuditEvent.objects.for_object(item).get().verb == "service_item.create"


def test_a_revision_never_changes_what_an_earlier_version_recorded(item, administrator):
    first = item.current
    new_materials = [*MATERIALS, MaterialSpec("场所平面图", MaterialForm.ORIGINAL, 1)]
    second = service_item_revise(
        actor=administrator.user,
        item=item,
        content={**CONTENT, "committed_days": 7},
        materials=new_materials,
        change_note="压缩承诺时限",
    )
    item.refresh_from_db()
    assert item.current == second and second.number == 2
    first = ServiceItemVersion.objects.get(pk=first.pk)
    assert first.committed_days == 10
    assert [m.name for m in first.materials.all()] == ["食品经营许可申请书", "营业执照"]
    assert second.committed_days == 7
    assert second.materials.count() == 3
    with pytest.raises(PermissionError):
        first.save()


def test_revising_with_nothing_changed_makes_no_version(item, administrator):
    assert (
        service_item_revise(actor=administrator.user, item=item, content=CONTENT, materials=MATERIALS) is None
    )
    assert item.versions.count() == 1


def test_committed_limit_longer_than_statutory_is_refused(administrator, department):
    with pytest.raises(ValidationError) as error:
        service_item_create(
            actor=administrator.user,
            code="SP-002",
            department=department,
            content={**CONTENT, "committed_days": 25},
            materials=MATERIALS,
        )
    assert "committed_days" in error.value.message_dict


def test_a_duplicate_code_is_a_validation_error_not_a_crash(item, administrator, department):
    with pytest.raises(ValidationError) as error:
        service_item_create(
            actor=administrator.user,
            code="SP-001",
            department=department,
            content=CONTENT,
            materials=MATERIALS,
        )
    assert "code" in error.value.message_dict


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor", "front_desk"])
def test_only_administrators_keep_the_catalogue(role, request, department):
    staff = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        service_item_create(
            actor=staff.user, code="X-1", department=department, content=CONTENT, materials=MATERIALS
        )
