from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from commitments.services import breach_record

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
DOCX = b"PK\x03\x04 a word file"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def record(supervisor, staff, evidence_file=None):
    return breach_record(
        actor=supervisor.user,
        staff=staff,
        occurred_on=timezone.localdate() - timedelta(days=1),
        promised="承诺当场办结",
        happened="让群众第二天再来",
        evidence_file=evidence_file,
    )


@pytest.fixture
def breach(supervisor, handler):
    return record(supervisor, handler, SimpleUploadedFile("监控截图说明.pdf", PDF))


def url(breach):
    return f"/breaches/{breach.pk}/evidence/"


def test_anonymous_is_sent_to_login(client, breach):
    assert client.get(url(breach))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor"])
def test_the_file_is_streamed_to_those_who_may_see_the_breach(role, request, login, breach):
    response = login(request.getfixturevalue(role)).get(url(breach))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("role", ["front_desk", "other_chief", "administrator"])
def test_everyone_else_gets_404(role, request, login, breach):
    response = login(request.getfixturevalue(role)).get(url(breach))
    assert response.status_code == 404
    assert PDF not in response.content


def test_the_detail_page_links_to_this_view_not_to_a_media_url(login, supervisor, breach):
    page = login(supervisor).get(f"/breaches/{breach.pk}/").content.decode()
    assert f'href="/breaches/{breach.pk}/evidence/"' in page
    assert breach.evidence_file.name not in page


def test_the_stored_file_is_not_reachable_by_its_storage_path(client, breach):
    assert client.get("/" + breach.evidence_file.name).status_code == 404
    assert client.get("/media/" + breach.evidence_file.name).status_code == 404


def test_a_word_file_is_offered_as_a_download(login, supervisor, handler):
    breach = record(supervisor, handler, SimpleUploadedFile("情况说明.docx", DOCX))
    response = login(supervisor).get(url(breach))
    assert response["Content-Disposition"].startswith("attachment")


def test_a_breach_without_a_file_is_404(login, supervisor, handler):
    assert login(supervisor).get(url(record(supervisor, handler))).status_code == 404


def test_a_file_missing_from_storage_is_404_not_500(login, supervisor, breach, tmp_path):
    (tmp_path / breach.evidence_file.name).unlink()
    assert login(supervisor).get(url(breach)).status_code == 404
