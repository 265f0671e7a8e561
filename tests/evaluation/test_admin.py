"""Rule 8 in the admin: the bureau's list of poor-rating reasons, edited with an
audit event and retired rather than deleted; ratings and follow-ups read by
supervisors and never added, changed or deleted there."""

import pytest
import time_machine
from django.contrib.auth.models import Group

from audit.models import AuditEvent
from evaluation.models import PoorReason, Rating
from evaluation.services import rating_submit
from org.roles import Role
from tests.deadlines.conftest import at

STARTING_REASONS = ["办事效率低", "服务态度差", "多次跑腿", "材料要求不清", "超时办理", "其他"]


def _codenames(role):
    return set(
        Group.objects.get(name=role)
        .permissions.filter(content_type__app_label="evaluation")
        .values_list("codename", flat=True)
    )


def test_a_fresh_migrate_has_the_starting_reasons_and_the_permissions(db):
    assert list(PoorReason.objects.values_list("name", flat=True)) == STARTING_REASONS
    assert PoorReason.objects.filter(active=True).count() == len(STARTING_REASONS)
    assert _codenames(Role.ADMINISTRATOR) == {
        "view_poorreason",
        "add_poorreason",
        "change_poorreason",
        "view_scorescheme",
        "add_scorescheme",
        "view_snapshot",
    }
    assert _codenames(Role.SUPERVISOR) == {
        "view_rating",
        "view_followup",
        "view_scorescheme",
        "view_snapshot",
    }
    assert _codenames(Role.SECTION_CHIEF) == set()


@pytest.fixture
def admin_client(login, administrator):
    return login(administrator)


def test_the_administrator_adds_and_retires_a_reason_audited(admin_client, administrator):
    response = admin_client.post(
        "/admin/evaluation/poorreason/add/", {"name": "未一次性告知", "active": "on", "order": 7}
    )
    assert response.status_code == 302
    added = PoorReason.objects.get(name="未一次性告知")
    slow = PoorReason.objects.get(name="办事效率低")
    response = admin_client.post(
        f"/admin/evaluation/poorreason/{slow.pk}/change/", {"name": slow.name, "order": slow.order}
    )
    assert response.status_code == 302
    slow.refresh_from_db()
    assert not slow.active
    events = AuditEvent.objects.filter(actor=administrator.user, verb__in=["admin.create", "admin.change"])
    assert events.count() == 2
    listing = admin_client.get("/admin/evaluation/poorreason/").content.decode()
    assert "未一次性告知" in listing and "办事效率低" in listing
    # Retired, not deleted: past ratings ticked it.
    response = admin_client.post(f"/admin/evaluation/poorreason/{added.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert PoorReason.objects.filter(pk=added.pk).exists()


def test_the_administrator_does_not_read_the_ratings(admin_client):
    assert admin_client.get("/admin/evaluation/rating/").status_code == 403
    assert admin_client.get("/admin/evaluation/followup/").status_code == 403


@pytest.fixture
def poor_rating(token):
    with time_machine.travel(at(2026, 12, 4), tick=False):
        return rating_submit(
            actor=None,
            token=token,
            level=1,
            reason="窗口让我第二天再来",
            tags=[PoorReason.objects.get(name="多次跑腿")],
        )


@pytest.fixture
def supervisor_client(login, supervisor):
    supervisor.user.is_staff = True
    supervisor.user.save(update_fields=["is_staff"])
    return login(supervisor)


def test_a_supervisor_reads_a_rating_and_its_follow_up_and_cannot_change_them(supervisor_client, poor_rating):
    client = supervisor_client
    assert poor_rating.case.number in client.get("/admin/evaluation/rating/").content.decode()
    page = client.get(f"/admin/evaluation/rating/{poor_rating.pk}/change/").content.decode()
    assert "窗口让我第二天再来" in page and 'name="_save"' not in page
    follow_up = poor_rating.follow_up
    page = client.get(f"/admin/evaluation/followup/{follow_up.pk}/change/").content.decode()
    assert poor_rating.case.number in page and 'name="_save"' not in page
    assert client.get("/admin/evaluation/rating/add/").status_code == 403
    response = client.post(
        f"/admin/evaluation/rating/{poor_rating.pk}/change/", {"level": 5, "reason": "", "channel": "web"}
    )
    assert response.status_code == 403
    response = client.post(f"/admin/evaluation/rating/{poor_rating.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert (
        client.post(f"/admin/evaluation/followup/{follow_up.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert Rating.objects.get(pk=poor_rating.pk).level == 1


def test_a_new_score_scheme_is_a_version_never_an_edit(admin_client):
    from evaluation.models import ScoreScheme

    rules = '{"overdue": {"points": -4, "cap": 20}, "cover": {"points": 1, "cap": 5}}'
    response = admin_client.post(
        "/admin/evaluation/scorescheme/add/",
        {"valid_from": "2027-01-01", "base": 100, "rules": rules, "note": "2027年"},
    )
    assert response.status_code == 302
    added = ScoreScheme.objects.get(valid_from="2027-01-01")
    assert added.rules["overdue"] == {"points": -4, "cap": 20}
    # Never edited: a period keeps the scheme in force on its first day.
    response = admin_client.post(
        f"/admin/evaluation/scorescheme/{added.pk}/change/",
        {"valid_from": "2027-01-01", "base": 90, "rules": rules, "note": "改"},
    )
    assert response.status_code == 403
    for bad in (
        '{"nonsense": {"points": -1}}',
        '{"overdue": {"points": "x"}}',
        '{"overdue": {"points": -1, "cap": -3}}',
    ):
        response = admin_client.post(
            "/admin/evaluation/scorescheme/add/", {"valid_from": "2028-01-01", "base": 100, "rules": bad}
        )
        assert response.status_code == 200 and response.context["adminform"].form.errors["rules"]
    assert ScoreScheme.objects.count() == 2
