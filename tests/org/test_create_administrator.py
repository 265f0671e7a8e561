import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from audit.models import AuditEvent
from org.models import Department, Staff
from org.roles import Role, roles_of

ARGS = ["--username", "chenjing", "--name", "陈静", "--employee-number", "A0001", "--department", "office"]


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("ADMINISTRATOR_PASSWORD", "a-long-pass-2026")
    return "a-long-pass-2026"


def test_one_step_makes_the_login_its_staff_record_and_the_role(db, password):
    call_command("create_administrator", *ARGS, "--department-name", "办公室", "--no-input")
    staff = Staff.objects.select_related("user", "department").get(employee_number="A0001")
    assert staff.name == "陈静"
    assert staff.department.name == "办公室"
    assert roles_of(staff.user) == {Role.ADMINISTRATOR}
    assert staff.user.is_staff
    assert not staff.user.is_superuser
    assert AuditEvent.objects.filter(verb="staff.roles", actor=None).count() == 1
    client = Client()
    response = client.post("/accounts/login/", {"username": "chenjing", "password": password})
    assert response.status_code == 302
    assert client.get("/admin/org/staff/").status_code == 200
    assert "陈静" in client.get("/").content.decode()


def test_an_existing_section_is_used(db, password):
    Department.objects.create(code="office", name="局办公室")
    call_command("create_administrator", *ARGS, "--no-input")
    assert Department.objects.get().staff.get().name == "陈静"


def test_a_missing_section_needs_its_name(db, password):
    with pytest.raises(CommandError, match="give its name"):
        call_command("create_administrator", *ARGS, "--no-input")
    assert not Staff.objects.exists()


def test_a_taken_login_is_refused(db, password, handler):
    args = ARGS.copy()
    args[1] = handler.user.username
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_administrator", *args, "--department-name", "办公室", "--no-input")


def test_a_weak_password_is_refused(db, monkeypatch):
    monkeypatch.setenv("ADMINISTRATOR_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("create_administrator", *ARGS, "--department-name", "办公室", "--no-input")
    assert not Staff.objects.exists()


def test_the_password_is_asked_twice(db, monkeypatch):
    answers = iter(["a-long-pass-2026", "another-pass-2026"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="differ"):
        call_command("create_administrator", *ARGS, "--department-name", "办公室")


def test_a_first_start_asks_for_each_detail_and_the_section_to_make(db, monkeypatch):
    """dev.py run --no-demo: the bureau's first administrator, asked for at the terminal."""
    answers = iter(["chenjing", "陈静", "A0001", "office", "办公室"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt: "a-long-pass-2026")
    call_command("create_administrator", "--if-none")
    staff = Staff.objects.select_related("user", "department").get()
    assert (staff.user.username, staff.name, staff.department.name) == ("chenjing", "陈静", "办公室")
    assert roles_of(staff.user) == {Role.ADMINISTRATOR}


def test_a_later_start_leaves_the_administrator_alone(db, password, monkeypatch):
    call_command("create_administrator", *ARGS, "--department-name", "办公室", "--no-input")
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail(f"asked {prompt!r}"))
    call_command("create_administrator", "--if-none")
    assert Staff.objects.count() == 1


def test_without_input_every_detail_must_be_given(db, password):
    with pytest.raises(CommandError, match="--employee-number is needed"):
        call_command("create_administrator", "--username", "chenjing", "--name", "陈静", "--no-input")
    assert not Staff.objects.exists()
