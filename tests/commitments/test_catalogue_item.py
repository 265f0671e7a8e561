"""One catalogue item (/catalogue/<code>/): the version in force, every version, the history."""

import re

import pytest

from commitments.models import MaterialForm
from commitments.services import MaterialSpec, service_item_revise
from tests.commitments.fixtures.catalogue import CONTENT, ROLES_REFUSED, make_item

URL = "/catalogue/SP-0001/"


@pytest.fixture
def item(administrator, department):
    return make_item(administrator, department, "SP-0001")


@pytest.fixture
def revised(item, administrator):
    service_item_revise(
        actor=administrator.user,
        item=item,
        content={**CONTENT, "committed_days": 5},
        materials=[MaterialSpec("食品经营许可申请书", MaterialForm.ORIGINAL, 1), MaterialSpec("场所平面图")],
        change_note="压缩承诺时限",
    )
    item.refresh_from_db()
    return item


def test_anonymous_is_sent_to_login(client, item):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES_REFUSED)
def test_other_roles_are_refused(role, request, login, item):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_posting_is_refused(login, administrator, item):
    assert login(administrator).post(URL).status_code == 405


def test_shows_the_version_in_force_with_its_materials_and_history(login, administrator, revised):
    response = login(administrator).get(URL)
    assert response.status_code == 200
    assert response.context["shown"] == revised.current
    page = response.content.decode()
    assert "场所平面图" in page
    assert "营业执照" not in page  # version 1's material, no longer asked for
    assert "压缩承诺时限" in page
    assert 'class="card history-panel' in page
    assert 'data-testid="old-version"' not in page


def test_each_version_says_who_made_it_and_what_changed(client, login, administrator, revised):
    login(administrator)
    client.cookies["django_language"] = "en"
    response = client.get(URL)
    history = response.context["history"]
    assert [entry.version.number for entry in history] == [2, 1]
    assert history[0].version.created_by == administrator.user
    assert history[0].changed == ["committed_days", "materials"]
    assert history[1].changed == []
    versions = response.content.decode().split('data-testid="versions"')[1]
    assert administrator.name in versions
    assert re.findall(r'badge-status-muted me-1">([^<]+)<', versions) == [
        "committed time limit (working days)",
        "materials",
    ]


def test_an_earlier_version_can_be_read_with_its_own_materials(login, administrator, revised):
    response = login(administrator).get(URL, {"version": 1})
    assert response.context["shown"].number == 1
    page = response.content.decode()
    assert "营业执照" in page and "场所平面图" not in page
    assert 'data-testid="old-version"' in page


@pytest.mark.parametrize("version", ["3", "abc", ""])
def test_an_unknown_version_is_404(login, administrator, revised, version):
    assert login(administrator).get(URL, {"version": version}).status_code == 404


def test_an_unknown_item_is_404(login, administrator, db):
    assert login(administrator).get("/catalogue/NOPE/").status_code == 404


def test_a_code_with_a_slash_has_its_page(login, administrator, department):
    make_item(administrator, department, "鲁/SP-9")
    assert login(administrator).get("/catalogue/鲁/SP-9/").context["item"].code == "鲁/SP-9"


def test_the_page_uses_a_constant_number_of_queries(
    login, administrator, item, django_assert_max_num_queries
):
    client = login(administrator)
    with django_assert_max_num_queries(20) as few:
        client.get(URL)
    for days in range(1, 8):
        service_item_revise(
            actor=administrator.user, item=item, content={**CONTENT, "committed_days": days}, materials=[]
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200
