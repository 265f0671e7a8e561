from messaging.models import Channel, Message
from messaging.services import message_queue


def test_anonymous_is_sent_to_login(client, handler, deliver_to_inbox):
    message = deliver_to_inbox(handler.user, "提醒")
    response = client.get(f"/inbox/{message.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Message.objects.get(pk=message.pk).read_at is None


def test_opening_a_message_shows_it_and_marks_it_read(login, handler, deliver_to_inbox):
    message = deliver_to_inbox(handler.user, "办件即将到期", body="请在明天下班前办结。", link="/cases/17/")
    response = login(handler).get(f"/inbox/{message.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "办件即将到期" in page
    assert "请在明天下班前办结。" in page
    assert 'href="/cases/17/"' in page
    message.refresh_from_db()
    assert message.read_at is not None
    assert response.context["inbox_unread"] == 0


def test_a_message_without_a_link_has_no_button(login, handler, deliver_to_inbox):
    message = deliver_to_inbox(handler.user, "提醒", body="正文")
    page = login(handler).get(f"/inbox/{message.pk}/").content.decode()
    assert "btn btn-primary" not in page


def test_the_body_is_escaped(login, handler, deliver_to_inbox):
    message = deliver_to_inbox(handler.user, "提醒", body="<script>alert(1)</script>")
    page = login(handler).get(f"/inbox/{message.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_opening_it_again_keeps_the_first_reading_time(login, handler, deliver_to_inbox):
    message = deliver_to_inbox(handler.user, "提醒")
    client = login(handler)
    client.get(f"/inbox/{message.pk}/")
    first_read = Message.objects.get(pk=message.pk).read_at
    assert client.get(f"/inbox/{message.pk}/").status_code == 200
    assert Message.objects.get(pk=message.pk).read_at == first_read


def test_another_persons_message_is_404_and_stays_unread(login, handler, chief, deliver_to_inbox):
    message = deliver_to_inbox(handler.user, "经办人的提醒")
    assert login(chief).get(f"/inbox/{message.pk}/").status_code == 404
    assert Message.objects.get(pk=message.pk).read_at is None


def test_an_email_or_sms_is_not_shown_in_the_inbox(login, handler):
    message = message_queue(channel=Channel.EMAIL, recipient=handler.user, subject="邮件", body="")
    assert login(handler).get(f"/inbox/{message.pk}/").status_code == 404


def test_an_unknown_message_is_404(login, handler):
    assert login(handler).get("/inbox/999999/").status_code == 404


def test_posting_is_refused(login, handler, deliver_to_inbox):
    message = deliver_to_inbox(handler.user, "提醒")
    assert login(handler).post(f"/inbox/{message.pk}/").status_code == 405


def test_a_number_too_large_for_the_database_is_404(login, handler):
    assert login(handler).get("/inbox/99999999999999999999999/").status_code == 404
