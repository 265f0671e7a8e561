from messaging.models import Message

URL = "/inbox/mark-all-read/"


def test_anonymous_is_sent_to_login(client, handler, deliver_to_inbox):
    deliver_to_inbox(handler.user, "提醒")
    response = client.post(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Message.objects.filter(read_at__isnull=True).count() == 1


def test_marks_the_users_messages_read_and_returns_to_the_inbox(login, handler, chief, deliver_to_inbox):
    deliver_to_inbox(handler.user, "提醒一")
    deliver_to_inbox(handler.user, "提醒二")
    deliver_to_inbox(chief.user, "科长的提醒")
    client = login(handler)
    response = client.post(URL, follow=True)
    assert response.redirect_chain == [("/inbox/", 302)]
    assert response.context["inbox_unread"] == 0
    assert "2" in " ".join(str(m) for m in response.context["messages"])
    assert not Message.objects.filter(recipient=handler.user, read_at__isnull=True).exists()
    assert Message.objects.get(recipient=chief.user).read_at is None


def test_get_is_refused_and_changes_nothing(login, handler, deliver_to_inbox):
    deliver_to_inbox(handler.user, "提醒")
    assert login(handler).get(URL).status_code == 405
    assert Message.objects.get().read_at is None
