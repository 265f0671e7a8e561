from messaging.models import Channel, Message
from messaging.services import message_queue


def test_administrator_reads_the_outbox_filtered_but_cannot_change_it(login, administrator, handler):
    message = message_queue(
        channel=Channel.EMAIL, recipient=handler.user, subject="升级提醒", body="", kind="case.escalation"
    )
    message_queue(channel=Channel.SMS, address="13800138000", subject="评价邀请", body="", kind="rating.link")
    client = login(administrator)
    listing = client.get("/admin/messaging/message/", {"kind": "case.escalation", "status__exact": "pending"})
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "升级提醒" in page
    assert "评价邀请" not in page
    assert 'href="/admin/messaging/message/add/"' not in page
    detail = client.get(f"/admin/messaging/message/{message.pk}/change/").content.decode()
    assert "升级提醒" in detail
    assert 'name="_save"' not in detail
    assert client.post(f"/admin/messaging/message/{message.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/messaging/message/add/").status_code == 403
    assert Message.objects.filter(pk=message.pk).exists()


def test_staff_without_administrator_role_cannot_see_the_outbox(login, chief):
    response = login(chief).get("/admin/messaging/message/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_anonymous_cannot_see_the_outbox(client, db):
    assert client.get("/admin/messaging/message/")["Location"].startswith("/admin/login/")


def test_an_sms_phone_is_masked_in_the_outbox_list_and_on_its_page(login, administrator):
    message = message_queue(
        channel=Channel.SMS, address="13800138000", subject="评价邀请", body="", kind="rating.link"
    )
    client = login(administrator)
    listing = client.get("/admin/messaging/message/").content.decode()
    detail = client.get(f"/admin/messaging/message/{message.pk}/change/").content.decode()
    for page in (listing, detail):
        assert "138****8000" in page
        assert "13800138000" not in page
