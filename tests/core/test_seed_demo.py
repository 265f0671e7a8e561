import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from org.models import Department, Post, Staff

DEMO_LOGINS = {
    "frontdesk": ["front_desk"],
    "handler": ["handler"],
    "chief": ["handler", "section_chief"],
    "handler2": ["handler"],
    "chief2": ["handler", "section_chief"],
    "supervisor": ["supervisor"],
    "admin": ["administrator"],
}


def test_refuses_a_production_configuration(db):
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
    assert not Staff.objects.exists()


def _state():
    users = get_user_model().objects.order_by("username").values_list("username", "password", "is_staff")
    return (
        list(users),
        list(Department.objects.values_list("code", "name")),
        list(Staff.objects.values_list("employee_number", "name", "rank", "department__code")),
        list(Post.objects.values_list("name", "a_holder__name", "b_holder__name")),
    )


def test_makes_a_believable_bureau_and_running_twice_changes_nothing(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = _state()
    call_command("seed_demo")
    assert _state() == first
    assert Department.objects.count() >= 5
    assert Staff.objects.count() >= 30
    assert len({s.rank for s in Staff.objects.all()}) >= 4
    for post in Post.objects.all():
        assert post.a_holder_id != post.b_holder_id
        assert post.a_holder.department_id == post.department_id


def test_every_demo_login_works_with_its_roles(db, settings, rf):
    settings.DEBUG = True
    call_command("seed_demo")
    for username, roles in DEMO_LOGINS.items():
        user = authenticate(rf.post("/accounts/login/"), username=username, password="demo-pass-2026")
        assert user is not None, username
        assert user.staff.roles == roles
    chief = Staff.objects.get(user__username="chief")
    assert Staff.objects.get(user__username="handler").department == chief.department
    assert Staff.objects.get(user__username="chief2").department != chief.department
    assert get_user_model().objects.get(username="admin").is_staff


def test_force_runs_with_debug_off(db):
    call_command("seed_demo", "--force")
    assert Staff.objects.filter(user__username="supervisor").exists()


@pytest.mark.parametrize("today", ["2026-12-18", "2026-12-28"])
def test_seeds_in_late_december_before_next_years_schedule(db, settings, today):
    """The demo's newest matters would be due in a year with no published schedule: the
    desk is refused as it would be, and the demo still seeds the whole bureau."""
    import time_machine

    from accountability.models import Record
    from deadlines.models import Case

    settings.DEBUG = True
    with time_machine.travel(f"{today} 10:00 +0800", tick=False):
        call_command("seed_demo")
    assert Case.objects.count() > 30
    assert Record.objects.exists()
