import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from commitments.models import MaterialForm, ServiceItemVersion
from commitments.services import (
    MaterialSpec,
    changed_version_fields,
    service_item_create,
    service_item_edit,
    service_item_revise,
    version_content,
    version_differs,
)

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


# --- Comparing a version with an edit -------------------------------------------


def test_changed_version_fields_names_each_field_and_the_materials(item):
    content, materials = version_content(item.current)
    assert changed_version_fields(item.current, content, materials) == []
    changed = changed_version_fields(
        item.current, {**content, "committed_days": 7, "place": "二楼"}, materials[:1]
    )
    assert changed == ["committed_days", "place", "materials"]


def test_surrounding_spaces_are_no_difference(item):
    content, materials = version_content(item.current)
    assert not version_differs(item.current, {**content, "name": f"  {content['name']} "}, materials)
    assert version_differs(item.current, {**content, "name": "别的名称"}, materials)


# --- Editing listing and content together -----------------------------------------


def edit(actor, item, **changes):
    content, materials = version_content(item.current)
    arguments = {
        "department": item.department,
        "published": item.published,
        "content": content,
        "materials": materials,
        **changes,
    }
    return service_item_edit(actor=actor, item=item, **arguments)


def test_an_edit_moves_the_item_and_makes_a_version_in_one_go(item, administrator, other_department):
    version, relisted = edit(
        administrator.user,
        item,
        department=other_department,
        published=False,
        content={**CONTENT, "committed_days": 5},
        change_note="划转市场监管科",
    )
    item.refresh_from_db()
    assert relisted and version == item.current and version.number == 2
    assert (item.department, item.published, version.change_note) == (
        other_department,
        False,
        "划转市场监管科",
    )
    verbs = list(AuditEvent.objects.for_object(item).order_by("pk").values_list("verb", flat=True))
    assert verbs == ["service_item.create", "service_item.listing", "service_item.revise"]


def test_an_edit_that_changes_nothing_writes_nothing(item, administrator):
    assert edit(administrator.user, item) == (None, False)
    assert item.versions.count() == 1
    assert AuditEvent.objects.for_object(item).count() == 1


def test_a_refused_edit_leaves_the_listing_as_it_was_too(item, administrator, department, other_department):
    with pytest.raises(ValidationError) as error:
        edit(
            administrator.user,
            item,
            department=other_department,
            published=False,
            content={**CONTENT, "committed_days": 25},
        )
    assert "committed_days" in error.value.message_dict
    assert (item.department, item.published) == (department, True)  # the object the page shows again
    item.refresh_from_db()
    assert (item.department, item.published, item.current.number) == (department, True, 1)
    assert not AuditEvent.objects.filter(verb="service_item.listing").exists()


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor", "front_desk"])
def test_only_administrators_edit(role, request, item, other_department):
    with pytest.raises(PermissionDenied):
        edit(request.getfixturevalue(role).user, item, department=other_department)
    item.refresh_from_db()
    assert item.department != other_department
