"""Home counts that match (issue 10, 7): every count on every role's home
links to the list it counts, and that list holds exactly that many; every
list on the home says what it is; the home's queries stay bounded.

The demo bureau gives each login something to count. A home count is an
element with data-home-count and a link whose #fragment names the list's
element, which carries data-list-total (the list's total over every page).
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.core.test_seed_demo import DEMO_LOGINS

# A working Thursday afternoon of the demo's own year.
THURSDAY = datetime(2026, 11, 26, 15, tzinfo=ZoneInfo("Asia/Shanghai"))
COUNT = re.compile(r'<a [^>]*href="(?P<url>[^"]+)"[^>]*data-home-count="(?P<count>\d+)"')


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    with time_machine.travel(THURSDAY, tick=False):
        call_command("seed_demo")
    settings.DEBUG = False


def home_of(username):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(get_user_model().objects.get(username=username))
    return client


def list_total(page: str, fragment: str) -> int:
    found = re.search(rf'id="{re.escape(fragment)}"[^>]*data-list-total="(\d+)"', page)
    assert found, f"no #{fragment} with data-list-total"
    return int(found.group(1))


def test_every_home_count_is_the_total_of_the_list_it_links_to(demo):
    followed = {}
    with time_machine.travel(THURSDAY, tick=False):
        for username in sorted(DEMO_LOGINS):
            client = home_of(username)
            home = client.get("/").content.decode()
            counts = [(m["url"].replace("&amp;", "&"), int(m["count"])) for m in COUNT.finditer(home)]
            for url, count in counts:
                path, _, fragment = url.partition("#")
                assert fragment, f"{username}: {url} names no list"
                response = client.get(path)
                assert response.status_code == 200, (username, url)
                assert list_total(response.content.decode(), fragment) == count, (username, url)
            followed[username] = [count for _, count in counts]
    # Every role but the administrator has counts, and not only zeros.
    for username in ("frontdesk", "handler", "chief", "chief2", "supervisor"):
        assert followed[username], username
    for username in ("handler", "chief", "supervisor"):
        assert any(followed[username]), username


def test_the_front_desks_list_says_what_it_is_and_its_count_matches_its_rows(demo):
    with time_machine.travel(THURSDAY, tick=False):
        response = home_of("frontdesk").get("/")
    page = response.content.decode()
    assert "待我处理（按登记先后）" in page
    desk = next(p for p in response.context["panels"] if p["key"] == "inquiries.desk")["context"]
    rows = desk["open"]
    assert all(inquiry.awaits_outcome for inquiry in rows)
    assert len(rows) == min(desk["counts"]["open"], 5)


def test_the_supervisor_watches_flags_breaches_overdue_cases_and_notice_failures(demo):
    with time_machine.travel(THURSDAY, tick=False):
        response = home_of("supervisor").get("/")
    watch = next(p for p in response.context["panels"] if p["key"] == "org.cards")["context"]["cards"]
    assert {card["key"] for card in watch} >= {
        "deadlines.overdue",
        "inquiries.flagged",
        "commitments.pending_breaches",
        "notifications.failures",
    }
    assert "全局关注" in response.content.decode()


def test_each_home_takes_a_bounded_number_of_queries(demo, django_assert_max_num_queries):
    with time_machine.travel(THURSDAY, tick=False):
        for username in sorted(DEMO_LOGINS):
            client = home_of(username)
            # 1 for the chief's refusals to review (rule 6), 1 for their own open cards (rule 7),
            # 1 for the poor ratings to follow up or the appeals and late follow-ups (rule 8)
            with django_assert_max_num_queries(27):
                assert client.get("/").status_code == 200, username
