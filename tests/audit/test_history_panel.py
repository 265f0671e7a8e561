from django.db import transaction
from django.template import Context, Template
from django.utils import translation

from audit.services import record_event


def _render(obj):
    return Template("{% load audit_tags %}{% history_panel obj %}").render(Context({"obj": obj}))


def test_the_panel_names_the_action_the_person_and_the_field_in_words(db, department, administrator):
    with transaction.atomic():
        record_event(
            actor=administrator.user,
            verb="admin.change",
            subject=department,
            before={"name": "行政审批科"},
            after={"name": "行政审批服务科"},
            reason="机构改革",
        )
    with translation.override("en"):
        html = _render(department)
    assert "Changed in the admin" in html
    assert "admin.change<" not in html
    assert "管理员陈" in html
    assert "行政审批科 → 行政审批服务科" in html
    assert "机构改革" in html
    assert ">name<" in html  # the field's verbose name, English here


def test_an_unregistered_verb_is_shown_as_it_is(db, department):
    with transaction.atomic():
        record_event(actor=None, verb="org.unheard_of", subject=department)
    with translation.override("en"):
        html = _render(department)
    assert "org.unheard_of" in html
    assert "System" in html


def test_the_panel_uses_a_constant_number_of_queries(
    db, department, administrator, django_assert_max_num_queries
):
    with transaction.atomic():
        for n in range(10):
            record_event(actor=administrator.user, verb="admin.change", subject=department, reason=str(n))
    with django_assert_max_num_queries(3):
        _render(department)


def test_a_service_items_version_fields_and_yes_no_are_in_words(db, administrator, department):
    from commitments.services import MaterialSpec, service_item_create, service_item_update_listing

    item = service_item_create(
        actor=administrator.user,
        code="SP-9",
        department=department,
        content={"name": "食品经营许可", "basis": "《食品安全法》", "committed_days": 10},
        materials=[MaterialSpec("申请书")],
    )
    service_item_update_listing(actor=administrator.user, item=item, published=False)
    with translation.override("en"):
        html = _render(item)
    assert "committed time limit (working days)" in html
    assert "committed_days" not in html
    assert "yes → no" in html


def test_statuses_and_people_are_shown_by_name_not_code(db, administrator, handler, department):
    from deadlines.models import Case

    case = Case.objects.create(
        number="202611020001",
        title="食品经营许可",
        department=department,
        handler=handler,
        due_date="2026-11-16",
        original_due_date="2026-11-16",
        created_by=administrator.user,
    )
    with transaction.atomic():
        record_event(
            actor=administrator.user,
            verb="case.start",
            subject=case,
            before={"status": "received", "handler": None},
            after={"status": "in_progress", "handler": handler.pk},
        )
    with translation.override("en"):
        html = _render(case)
    assert "Received → In progress" in html
    assert f"— → {handler.name}" in html


def test_an_old_event_naming_a_row_since_deleted_shows_what_it_was_not_a_bare_number(
    db, department, administrator, handler
):
    from deadlines.models import Case

    case = Case.objects.create(
        number="202611020002",
        title="食品经营许可",
        department=department,
        handler=handler,
        due_date="2026-11-16",
        original_due_date="2026-11-16",
        created_by=administrator.user,
    )
    with transaction.atomic():
        record_event(
            actor=administrator.user,
            verb="case.start",
            subject=case,
            before={"handler": 99999, "due_date": "2026-11-16", "overdue": False},
            after={"handler": handler.pk, "due_date": "2026-11-16", "overdue": False},
        )
    with translation.override("zh-hans"):
        html = _render(case)
    assert "工作人员 #99999 → 经办人老张" in html  # the model's name with the id: the row is gone
    assert "办结期限" not in html and "已逾期" not in html  # unchanged: not shown


def test_a_value_recorded_once_is_shown_alone_and_an_emptied_one_with_a_dash(db, department, administrator):
    with transaction.atomic():
        record_event(
            actor=administrator.user, verb="admin.create", subject=department, after={"name": "行政审批科"}
        )
        record_event(
            actor=administrator.user,
            verb="admin.change",
            subject=department,
            before={"room": "101", "duties": ""},
            after={"room": "", "duties": ""},
        )
    with translation.override("en"):
        html = _render(department)
    assert "</span>: 行政审批科</li>" in html
    assert "</span>: 101 → —</li>" in html
    assert ">duties<" not in html
