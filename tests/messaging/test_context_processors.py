from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from messaging.context_processors import inbox
from messaging.services import message_mark_read


def request_as(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_anonymous_visitors_have_no_unread_count_and_cost_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert inbox(request_as(AnonymousUser())) == {"inbox_unread": 0}


def test_the_unread_count_is_the_users_own_in_one_query(
    handler, chief, deliver_to_inbox, django_assert_num_queries
):
    first = deliver_to_inbox(handler.user, "提醒一")
    deliver_to_inbox(handler.user, "提醒二")
    deliver_to_inbox(chief.user, "科长的提醒")
    message_mark_read(user=handler.user, message=first)
    request = request_as(handler.user)
    with django_assert_num_queries(1):
        assert inbox(request) == {"inbox_unread": 1}


def test_the_count_leaves_out_messages_not_delivered_yet(handler):
    from messaging.models import Channel
    from messaging.services import message_queue

    message_queue(channel=Channel.INBOX, recipient=handler.user, subject="还在发件箱", body="")
    assert inbox(request_as(handler.user)) == {"inbox_unread": 0}
