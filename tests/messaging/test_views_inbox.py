from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model

from messaging.models import Channel
from messaging.services import message_mark_read, message_queue

URL = "/inbox/"
START = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("fixture", ["front_desk", "handler", "chief", "supervisor", "administrator"])
def test_every_staff_member_has_an_inbox(fixture, request, login, deliver_to_inbox):
    staff = request.getfixturevalue(fixture)
    deliver_to_inbox(staff.user, "给你的提醒")
    response = login(staff).get(URL)
    assert response.status_code == 200
    assert "给你的提醒" in response.content.decode()


def test_a_login_without_a_staff_record_has_an_inbox_too(client, db):
    user = get_user_model().objects.create_user("visitor", password="x-pass-2026")
    client.force_login(user)
    assert client.get(URL).status_code == 200


def test_shows_only_the_users_own_in_app_messages_newest_first(login, handler, chief, deliver_to_inbox):
    for hours, subject in [(0, "最早的提醒"), (2, "最新的提醒"), (1, "中间的提醒")]:
        with time_machine.travel(START + timedelta(hours=hours), tick=False):
            deliver_to_inbox(handler.user, subject)
    deliver_to_inbox(chief.user, "科长的提醒")
    message_queue(channel=Channel.EMAIL, recipient=handler.user, subject="邮件提醒", body="")
    response = login(handler).get(URL)
    subjects = [m.subject for m in response.context["page"]]
    assert subjects == ["最新的提醒", "中间的提醒", "最早的提醒"]
    page = response.content.decode()
    assert "科长的提醒" not in page
    assert "邮件提醒" not in page
    assert response.context["total"] == 3


def test_unread_messages_stand_out(login, handler, deliver_to_inbox):
    read = deliver_to_inbox(handler.user, "已读提醒")
    message_mark_read(user=handler.user, message=read)
    deliver_to_inbox(handler.user, "未读提醒")
    page = login(handler).get(URL).content.decode()
    unread_row = page[page.index("未读提醒") - 600 : page.index("未读提醒")]
    read_row = page[page.index("已读提醒") - 600 : page.index("已读提醒")]
    assert "fw-bold" in unread_row.rsplit("<a ", 1)[1]
    assert "fw-bold" not in read_row.rsplit("<a ", 1)[1]
    assert "rounded-pill" in unread_row.rsplit("<a ", 1)[1]


def test_the_unread_filter_hides_read_messages(login, handler, deliver_to_inbox):
    read = deliver_to_inbox(handler.user, "已读提醒")
    message_mark_read(user=handler.user, message=read)
    deliver_to_inbox(handler.user, "未读提醒")
    response = login(handler).get(URL, {"show": "unread"})
    page = response.content.decode()
    assert "未读提醒" in page
    assert "已读提醒" not in page
    assert response.context["total"] == 1
    assert response.context["inbox_unread"] == 1


def test_pages_hold_25_messages(login, handler, deliver_to_inbox):
    for i in range(30):
        with time_machine.travel(START + timedelta(minutes=i), tick=False):
            deliver_to_inbox(handler.user, f"提醒第{i:02d}号")
    client = login(handler)
    first = client.get(URL)
    assert len(first.context["page"]) == 25
    assert first.context["total"] == 30
    assert "提醒第29号" in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert [m.subject for m in second.context["page"]] == [f"提醒第{i:02d}号" for i in range(4, -1, -1)]


@pytest.mark.parametrize("params", [{"show": "everything"}, {"page": "abc"}, {"page": "999"}, {"page": "-1"}])
def test_bad_filter_or_page_is_not_a_500(login, handler, deliver_to_inbox, params):
    deliver_to_inbox(handler.user, "提醒")
    response = login(handler).get(URL, params)
    assert response.status_code == 200
    assert "提醒" in response.content.decode()


def test_posting_to_the_list_is_refused(login, handler):
    assert login(handler).post(URL).status_code == 405


def test_the_list_uses_a_constant_number_of_queries(
    login, handler, deliver_to_inbox, django_assert_max_num_queries
):
    client = login(handler)
    deliver_to_inbox(handler.user, "提醒")
    with django_assert_max_num_queries(11) as few:
        client.get(URL)
    for i in range(30):
        deliver_to_inbox(handler.user, f"提醒{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_an_empty_inbox_says_so(login, handler):
    response = login(handler).get(URL)
    assert response.context["total"] == 0
    assert "empty-state" in response.content.decode()
