from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEvent
from commitments.models import Breach
from commitments.services import MaterialSpec, service_item_create
from org.roles import Role

URL = "/breaches/new/"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def item(administrator, department):
    return service_item_create(
        actor=administrator.user,
        code="SP-001",
        department=department,
        content={"name": "食品经营许可（新办）", "basis": "《食品安全法》第三十五条", "committed_days": 10},
        materials=[MaterialSpec("食品经营许可申请书")],
    )


@pytest.fixture
def other_handler(make_staff, other_department):
    return make_staff(Role.HANDLER, department=other_department, name="经办人小刘")


def form_data(staff, **overrides):
    return {
        "staff": staff.pk,
        "item": "",
        "occurred_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "promised": "承诺10个工作日内办结",
        "happened": "第12个工作日才办结，未申请延期",
        "evidence": "办件号 2026-000123",
        **overrides,
    }


def test_anonymous_is_sent_to_login(client, handler):
    assert client.get(URL)["Location"].startswith("/accounts/login/")
    assert client.post(URL, form_data(handler))["Location"].startswith("/accounts/login/")
    assert not Breach.objects.exists()


@pytest.mark.parametrize("role", ["front_desk", "handler", "administrator"])
def test_roles_that_may_not_record_are_refused(role, request, login, handler):
    client = login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(handler)).status_code == 403
    assert not Breach.objects.exists()


@pytest.mark.parametrize("role", ["chief", "supervisor"])
def test_chiefs_and_supervisors_get_the_form(role, request, login):
    response = login(request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_chief_records_a_breach_against_their_own_staff(login, chief, handler):
    response = login(chief).post(URL, form_data(handler, complaint_received="on"))
    breach = Breach.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/breaches/{breach.pk}/"
    assert breach.staff == handler
    assert breach.recorded_by == chief.user
    assert breach.complaint_received is True
    assert breach.outcome == "pending"
    assert AuditEvent.objects.for_object(breach).get().verb == "breach.record"


def test_a_chief_is_offered_only_their_own_sections_staff(login, chief, handler, other_handler):
    choices = login(chief).get(URL).context["form"].fields["staff"].queryset
    assert handler in choices
    assert other_handler not in choices
    assert chief not in choices  # nobody records a breach against themselves


def test_a_chief_cannot_record_against_another_sections_staff(login, chief, other_handler):
    response = login(chief).post(URL, form_data(other_handler))
    assert response.status_code == 200
    assert "staff" in response.context["form"].errors
    assert not Breach.objects.exists()


def test_chief_of_another_section_cannot_record_against_ours(login, other_chief, handler):
    response = login(other_chief).post(URL, form_data(handler))
    assert "staff" in response.context["form"].errors
    assert not Breach.objects.exists()


def test_supervisor_records_with_an_item_and_the_version_in_force_is_kept(login, supervisor, handler, item):
    login(supervisor).post(URL, form_data(handler, item=item.pk))
    breach = Breach.objects.get()
    assert breach.item == item
    assert breach.item_version == item.current


def test_a_breach_in_the_future_is_refused_with_a_reason(login, supervisor, handler):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = login(supervisor).post(URL, form_data(handler, occurred_on=tomorrow))
    assert response.status_code == 200
    assert response.context["form"].errors["occurred_on"]
    assert "is-invalid" in response.content.decode()
    assert not Breach.objects.exists()


def test_missing_fields_are_form_errors(login, supervisor):
    response = login(supervisor).post(URL, {})
    assert response.status_code == 200
    assert {"staff", "occurred_on", "promised", "happened"} <= set(response.context["form"].errors)


def test_accounts_of_only_spaces_are_refused(login, supervisor, handler):
    response = login(supervisor).post(URL, form_data(handler, promised="   ", happened="   "))
    assert response.status_code == 200
    assert {"promised", "happened"} <= set(response.context["form"].errors)
    assert not Breach.objects.exists()


def test_an_evidence_file_is_stored_with_the_breach(login, supervisor, handler, tmp_path):
    upload = SimpleUploadedFile("办件记录.pdf", PDF, content_type="application/pdf")
    response = login(supervisor).post(URL, {**form_data(handler), "evidence_file": upload})
    assert response.status_code == 302
    breach = Breach.objects.get()
    assert breach.evidence_file.name.endswith(".pdf")
    assert (tmp_path / breach.evidence_file.name).read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("script.exe", b"MZ\x90\x00"),
        ("page.html", b"<html></html>"),
        ("fake.pdf", b"<script>alert(1)</script>"),
        ("photo.png", b"\xff\xd8\xff\xe0 a jpeg, renamed"),
    ],
)
def test_files_of_other_kinds_or_disguised_are_refused(login, supervisor, handler, name, content):
    upload = SimpleUploadedFile(name, content)
    response = login(supervisor).post(URL, {**form_data(handler), "evidence_file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["evidence_file"]
    assert not Breach.objects.exists()


def test_a_file_over_10_mb_is_refused(login, supervisor, handler):
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = login(supervisor).post(URL, {**form_data(handler), "evidence_file": upload})
    assert "10" in " ".join(response.context["form"].errors["evidence_file"])
    assert not Breach.objects.exists()
