"""Finding the staff asked by name or pinyin: inquiries.search and /inquiries/staff-search/."""

import time

import pytest

from inquiries import search
from org.roles import Role

URL = "/inquiries/staff-search/"


@pytest.fixture
def zhou(make_staff):
    return make_staff(Role.HANDLER, name="周明", rank=4, title="科员")


def names(hits):
    return [hit.name for hit in hits]


def test_pinyin_keys_give_initials_and_full_pinyin():
    assert search.pinyin_keys("周明") == (("zm",), ("zhouming",))
    # A surname read otherwise than in a word counts under either reading.
    initials, full = search.pinyin_keys("曾国藩")
    assert set(initials) == {"zgf", "cgf"}
    assert "zengguofan" in full


@pytest.mark.parametrize("query", ["zm", "ZM", "z m", "zhou", "zhouming", "周", "周明", "明"])
def test_zm_and_friends_find_zhou_ming(query, zhou, deputy_chief):
    assert "周明" in names(search.search_staff(query))


def test_the_best_match_comes_first_then_the_higher_rank(zhou, deputy_chief, make_staff):
    make_staff(Role.HANDLER, name="张敏", rank=2)  # zm too
    # 周明 and 张敏 start with zm; 副科长周明 only contains it.
    assert names(search.search_staff("zm")) == ["周明", "张敏", "副科长周明"]
    assert names(search.search_staff("周"))[0] == "周明"


def test_a_name_fragment_finds_by_name(zhou, clerk, handler):
    assert names(search.search_staff("陈静")) == ["科员陈静"]
    assert names(search.search_staff("老张")) == ["经办人老张"]
    assert search.search_staff("nobody-here") == []
    assert search.search_staff("  ") == []


def test_staff_who_left_are_not_found(zhou):
    zhou.user.is_active = False
    zhou.user.save(update_fields=["is_active"])
    assert search.search_staff("zm") == []
    assert search.search_staff("周明") == []


def test_at_most_twenty(make_staff):
    for n in range(25):
        make_staff(Role.HANDLER, name=f"张{n}")
    assert len(search.search_staff("z")) == 20


def test_the_pinyin_is_computed_once_per_name(zhou, monkeypatch):
    search.pinyin_keys.cache_clear()
    search.search_staff("zm")
    calls = search.pinyin_keys.cache_info()
    search.search_staff("zhou")
    again = search.pinyin_keys.cache_info()
    assert again.misses == calls.misses
    assert again.hits > calls.hits


# --- The endpoint ------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL, {"q": "zm"})["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief"])
def test_the_desk_gets_json(role, request, login, zhou):
    response = login(request.getfixturevalue(role)).get(URL, {"q": "zm"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == [
        {"id": zhou.pk, "name": "周明", "department": zhou.department.name, "rank": 4, "title": "科员"}
    ]


@pytest.mark.parametrize("role", ["supervisor", "administrator"])
def test_those_who_do_not_log_are_refused(role, request, login, zhou):
    assert login(request.getfixturevalue(role)).get(URL, {"q": "zm"}).status_code == 403


def test_post_is_not_allowed(login, front_desk):
    assert login(front_desk).post(URL, {"q": "zm"}).status_code == 405


def test_no_query_is_an_empty_list(login, front_desk):
    client = login(front_desk)
    assert client.get(URL).json() == []
    assert client.get(URL, {"q": ""}).json() == []


def test_a_few_hundred_staff_cost_one_query_and_a_few_ms(
    login, front_desk, make_staff, django_assert_max_num_queries
):
    for n in range(300):
        make_staff(Role.HANDLER, name=f"员工{n:03d}")
    client = login(front_desk)
    client.get(URL, {"q": "yg"})  # the first search fills the pinyin cache
    # The session, the user, their staff record and their roles, then the staff: one query.
    with django_assert_max_num_queries(5):
        response = client.get(URL, {"q": "yg"})
    assert len(response.json()) == 20
    started = time.perf_counter()
    for _ in range(10):
        search.search_staff("yg")
    # Generous for a slow test machine; a warm search takes about 1 ms.
    assert (time.perf_counter() - started) / 10 < 0.05
