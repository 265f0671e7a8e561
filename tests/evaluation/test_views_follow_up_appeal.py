"""申诉复核 on a follow-up's page: the section chief appeals a poor rating with
evidence (/appeal/), a supervisor upholds it, which excludes the rating,
visibly, with who and why, or dismisses it (/appeal/decide/)."""

# ruff: noqa: F811  (the fixtures imported from follow_ups_made are taken as arguments)

import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluation.models import AppealStatus, FollowUpStatus, Rating
from evaluation.services import follow_up_appeal
from tests.evaluation.conftest import at
from tests.evaluation.follow_ups_made import follow_up, other_follow_up, slow  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% evidence\n"


@pytest.fixture(autouse=True)
def today(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(at(2026, 12, 8), tick=False):
        yield


def url(follow_up, action=""):
    return f"/evaluation/follow-ups/{follow_up.pk}/{action}"


@pytest.fixture
def appealed(follow_up, chief):
    return follow_up_appeal(actor=chief.user, follow_up=follow_up, reason="评价人并未到窗口办理")


def test_the_chief_appeals_with_evidence_and_the_supervisor_is_offered_the_decision(
    login,
    chief,
    supervisor,
    follow_up,
):
    evidence = SimpleUploadedFile("监控截图.pdf", PDF, content_type="application/pdf")
    page = (
        login(chief)
        .post(
            url(follow_up, "appeal/"),
            {"reason": "恶意差评：当日无此人办件", "evidence": evidence},
            follow=True,
        )
        .content.decode()
    )
    assert "恶意差评：当日无此人办件" in page and 'data-testid="appeal-file"' not in page
    assert 'data-testid="appeal-decide"' not in page  # the chief does not decide their own appeal
    supervisor_client = login(supervisor)
    supervisor_page = supervisor_client.get(url(follow_up)).content.decode()
    assert (
        'data-testid="appeal-decide"' in supervisor_page
        and 'data-testid="appeal-evidence"' in supervisor_page
    )
    download = supervisor_client.get(url(follow_up, "evidence/"))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_renamed_file_is_refused_as_evidence(login, chief, follow_up):
    fake = SimpleUploadedFile("截图.pdf", b"not a pdf at all", content_type="application/pdf")
    response = login(chief).post(url(follow_up, "appeal/"), {"reason": "恶意差评", "evidence": fake})
    assert response.status_code == 400 and "is-invalid" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.appeal_status == ""


def test_an_upheld_appeal_excludes_the_rating_visibly(login, supervisor, appealed):
    page = (
        login(supervisor)
        .post(
            url(appealed, "appeal/decide/"),
            {"decision": "uphold", "opinion": "经核实系恶意评价"},
            follow=True,
        )
        .content.decode()
    )
    excluded = re.search(r'data-testid="excluded">(.*?)</div>\s*</div>', page, re.S).group(1)
    assert supervisor.name in excluded and "经核实系恶意评价" in excluded
    assert 'data-testid="appeal-decide"' not in page
    appealed.refresh_from_db()
    assert appealed.status == FollowUpStatus.EXCLUDED and Rating.objects.get().excluded


def test_a_dismissed_appeal_leaves_the_rating_standing(login, supervisor, appealed):
    login(supervisor).post(url(appealed, "appeal/decide/"), {"decision": "dismiss", "opinion": "证据不足"})
    appealed.refresh_from_db()
    assert appealed.appeal_status == AppealStatus.DISMISSED and appealed.status == FollowUpStatus.OPEN
    assert not Rating.objects.get().excluded


def test_a_decision_needs_its_reasons(login, supervisor, appealed):
    response = login(supervisor).post(url(appealed, "appeal/decide/"), {"decision": "uphold", "opinion": ""})
    assert response.status_code == 400 and "is-invalid" in response.content.decode()
    appealed.refresh_from_db()
    assert appealed.appeal_status == AppealStatus.FILED


def test_appealing_twice_and_deciding_no_appeal_are_conflicts(login, chief, supervisor, follow_up):
    assert (
        login(supervisor)
        .post(url(follow_up, "appeal/decide/"), {"decision": "uphold", "opinion": "x"})
        .status_code
        == 409
    )
    client = login(chief)
    client.post(url(follow_up, "appeal/"), {"reason": "第一次"})
    again = client.post(url(follow_up, "appeal/"), {"reason": "第二次"})
    assert again.status_code == 409 and 'data-testid="conflict"' in again.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.appeal_reason == "第一次"


def test_only_the_sections_chief_appeals_and_only_a_supervisor_decides(login, chief, supervisor, appealed):
    assert login(supervisor).post(url(appealed, "appeal/"), {"reason": "代为申诉"}).status_code == 403
    response = login(chief).post(url(appealed, "appeal/decide/"), {"decision": "uphold", "opinion": "自己批"})
    assert response.status_code == 403
    appealed.refresh_from_db()
    assert appealed.appeal_status == AppealStatus.FILED


def test_another_sections_chief_finds_nothing(login, other_chief, appealed):
    client = login(other_chief)
    assert client.post(url(appealed, "appeal/"), {"reason": "x"}).status_code == 404
    assert client.get(url(appealed, "evidence/")).status_code == 404


def test_an_appeal_without_evidence_has_no_file_to_download(login, supervisor, appealed):
    assert login(supervisor).get(url(appealed, "evidence/")).status_code == 404


def test_the_decided_page_takes_a_bounded_number_of_queries(
    login, supervisor, appealed, django_assert_max_num_queries
):
    client = login(supervisor)
    client.post(url(appealed, "appeal/decide/"), {"decision": "uphold", "opinion": "恶意评价"})
    with django_assert_max_num_queries(25):
        assert client.get(url(appealed)).status_code == 200
