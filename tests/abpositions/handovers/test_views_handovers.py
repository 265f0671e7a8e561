"""The handover pages: my handovers, one handover with its list, B's remarks
and hand-over, A's acknowledgement, the paper and its PDF."""

import pytest
import time_machine

from abpositions.models import HandoverStatus
from abpositions.services_handovers import handover_acknowledge, handover_hand_over
from tests.abpositions.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at("2026-12-09 10:00"), tick=False):
        yield


def url(handover, action=""):
    return f"/posts/handovers/{handover.pk}/" + (f"{action}/" if action else "")


def messages_of(response):
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def test_my_handovers_lists_what_was_handed_to_me_and_by_me(login, handover, a_holder, b_holder):
    response = login(a_holder).get("/posts/handovers/")
    assert response.status_code == 200
    assert [h.pk for h in response.context["received"]] == [handover.pk]
    assert response.context["given"] == []
    assert 'data-list-total="1"' in response.content.decode()
    response = login(b_holder).get("/posts/handovers/")
    assert [h.pk for h in response.context["given"]] == [handover.pk]


def test_my_handovers_is_for_staff_only(client, handover, django_user_model):
    assert client.get("/posts/handovers/")["Location"].startswith("/accounts/login/")
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get("/posts/handovers/").status_code == 403


def test_my_handovers_refuses_post(login, a_holder):
    assert login(a_holder).post("/posts/handovers/").status_code == 405


def test_the_cover_sees_the_list_with_links_and_hands_over_with_remarks(login, handover, cases, b_holder):
    client = login(b_holder)
    response = client.get(url(handover))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="/cases/{cases[0].pk}/"' in page and cases[1].number in page
    assert response.context["form"] is not None and not response.context["may_acknowledge"]
    response = client.post(url(handover, "hand-over"), {"remarks": "王先生周一来补材料"}, follow=True)
    assert response.redirect_chain[-1][0] == url(handover)
    handover.refresh_from_db()
    assert (handover.status, handover.remarks) == (HandoverStatus.HANDED, "王先生周一来补材料")
    assert [level for level, _ in messages_of(response)] == ["success"]


def test_a_acknowledges_from_the_page(login, handover, a_holder, b_holder):
    handover_hand_over(actor=b_holder.user, handover=handover, remarks="")
    client = login(a_holder)
    assert client.get(url(handover)).context["may_acknowledge"]
    response = client.post(url(handover, "acknowledge"), follow=True)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACKNOWLEDGED
    assert [level for level, _ in messages_of(response)] == ["success"]
    history = response.content.decode()
    assert "生成交接单" in history and "确认接收交接" in history


@pytest.mark.parametrize("action", ["hand-over", "acknowledge"])
def test_get_is_not_allowed_on_the_actions(action, login, handover, a_holder):
    assert login(a_holder).get(url(handover, action)).status_code == 405


@pytest.mark.parametrize("action", ["", "hand-over", "acknowledge", "print", "pdf"])
def test_anonymous_is_sent_to_login(action, client, handover):
    response = (
        client.post(url(handover, action))
        if action in ("hand-over", "acknowledge")
        else client.get(url(handover, action))
    )
    assert response["Location"].startswith("/accounts/login/")


def test_a_may_not_hand_over_and_b_may_not_acknowledge(login, handover, a_holder, b_holder):
    assert login(a_holder).post(url(handover, "hand-over"), {"remarks": "x"}).status_code == 403
    handover_hand_over(actor=b_holder.user, handover=handover, remarks="")
    assert login(b_holder).post(url(handover, "acknowledge")).status_code == 403


def test_the_chief_of_the_section_sees_it_but_may_not_act(login, handover, chief):
    client = login(chief)
    response = client.get(url(handover))
    assert response.status_code == 200
    assert response.context["form"] is None and not response.context["may_acknowledge"]
    assert client.post(url(handover, "hand-over"), {"remarks": "x"}).status_code == 403


@pytest.mark.parametrize("action", ["", "print", "pdf"])
def test_the_chief_of_another_section_and_a_colleague_get_404(action, login, handover, other_chief, handler):
    for outsider in (other_chief, handler):
        assert login(outsider).get(url(handover, action)).status_code == 404
    assert login(other_chief).post(url(handover, "acknowledge")).status_code == 404


def test_acknowledging_before_it_is_handed_over_is_refused_with_a_message(login, handover, a_holder):
    response = login(a_holder).post(url(handover, "acknowledge"), follow=True)
    assert [level for level, _ in messages_of(response)] == ["error"]
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.DRAFT


def test_handing_over_twice_is_refused_with_a_message(login, handover, a_holder, b_holder):
    handover_hand_over(actor=b_holder.user, handover=handover, remarks="")
    handover_acknowledge(actor=a_holder.user, handover=handover)
    response = login(b_holder).post(url(handover, "hand-over"), {"remarks": "again"}, follow=True)
    assert [level for level, _ in messages_of(response)] == ["error"]
    handover.refresh_from_db()
    assert handover.remarks == ""


def test_remarks_too_long_stay_on_the_form(login, handover, b_holder):
    response = login(b_holder).post(url(handover, "hand-over"), {"remarks": "长" * 4001})
    assert response.status_code == 200
    assert response.context["form"].errors["remarks"]


def test_the_paper_lists_the_matters_with_the_signature_block(login, handover, cases, a_holder):
    response = login(a_holder).get(url(handover, "print"))
    assert response.status_code == 200
    sheet = response.context["sheet"]
    assert [row[2] for row in sheet.table.rows] == [cases[0].number, cases[1].number]
    assert [label for label, _ in sheet.signature] == ["移交人", "移交日期", "接收人", "接收日期"]
    assert "移交人" in response.content.decode()


def test_the_pdf(login, handover, a_holder, pdf_font):
    response = login(a_holder).get(url(handover, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_pages_cost_a_bounded_number_of_queries(login, handover, a_holder, django_assert_max_num_queries):
    client = login(a_holder)
    with django_assert_max_num_queries(14):
        client.get(url(handover))
    with django_assert_max_num_queries(12):
        client.get("/posts/handovers/")


def test_the_paper_stays_in_chinese_on_an_english_screen(login, handover, a_holder):
    response = login(a_holder).get(url(handover, "print"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    [first, _second] = response.context["sheet"].table.rows
    assert first[1] == "办件" and "开始办理" in first[4]
