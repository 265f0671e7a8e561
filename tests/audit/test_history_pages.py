"""The history panel as staff read it on an inquiry's, a case's and a
notice's page, and the admin's history page (issue 10, item 4)."""

import re

from django.db import transaction

from audit.services import record_event

NO_VALUE = re.compile(r"(→|:) ?</li>")  # a label or an arrow with nothing after it
RAW_ID = re.compile(r"→ \d{1,4}</li>|</span>: \d{1,4}</li>")


def panel(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().split('class="card history-panel', 1)[1]


def test_an_inquirys_history_names_its_outcome_and_its_case_by_number(login, every_event, front_desk):
    _events, subjects = every_event
    inquiry, case = subjects["inquiry"], subjects["case"]
    history = panel(login(front_desk), f"/inquiries/{inquiry.pk}/")
    assert "处理结果</span>: — → 不能当即办理：一次性告知" in history
    assert f"办件</span>: — → {case.number}" in history
    assert f"处理说明</span>: 已出具一次性告知单 {subjects['notice'].number}。" in history
    assert "服务对象电话</span>: 已显示完整号码" in history
    assert "13812345678" not in history
    assert not NO_VALUE.search(history), history
    assert not RAW_ID.search(history), history


def test_a_cases_history_names_its_handler_dates_and_the_reason_of_each_decision(login, every_event, handler):
    _events, subjects = every_event
    history = panel(login(handler), f"/cases/{subjects['case'].pk}/")
    assert "经办人</span>: 经办人老张" in history
    assert "办结期限</span>: 2026-11-20 → 2026-11-25" in history
    assert "申请延长工作日数</span>: 3" in history
    assert "延期理由</span>: 需现场核查" in history
    assert "不予批准的理由</span>: 时限内可办结" in history
    assert "状态</span>: 办理中 → 已办结" in history
    assert not NO_VALUE.search(history), history
    assert not RAW_ID.search(re.sub(r"申请延长工作日数</span>: \d+", "", history)), history


def test_a_notices_history_names_the_materials_brought_and_whom_a_failure_counts_against(
    login, every_event, front_desk
):
    _events, subjects = every_event
    history = panel(login(front_desk), f"/notices/{subjects['notice'].pk}/")
    assert "告知补交的材料</span>: 营业执照、经营场所平面布局图" in history
    assert "本次补交的材料</span>: 营业执照" in history
    assert "本次补交的材料</span>: 经营场所平面布局图" in history
    assert "不适用的材料及理由</span>: 授权委托书（本人办理，无需提供）" in history
    assert "补交时间" not in history
    assert "计入人员</span>: 前台小王" in history
    assert "特批理由</span>: 经营场所为租赁，需核实使用权" in history
    assert f"办件</span>: — → {subjects['case'].number}" in history
    assert not NO_VALUE.search(history), history
    assert not RAW_ID.search(history), history


def test_events_written_before_labels_were_stored_read_in_words_too(login, every_event, front_desk):
    """Events that stored a bare id show the row as it reads now; the materials a
    visit brought, once under "brought_at", are not a time."""
    _events, subjects = every_event
    inquiry, case, notice = subjects["inquiry"], subjects["case"], subjects["notice"]
    with transaction.atomic():
        record_event(
            actor=front_desk.user,
            verb="inquiry.case",
            subject=inquiry,
            before={"status": "notice", "outcome": "notice", "first_responder": front_desk.pk, "case": None},
            after={
                "status": "closed",
                "outcome": "notice",
                "first_responder": front_desk.pk,
                "case": case.pk,
            },
        )
        record_event(
            actor=front_desk.user,
            verb="notice.visit",
            subject=notice,
            before={"status": "open", "kind": "missing", "case": None},
            after={"status": "open", "kind": "missing", "case": None, "brought_at": "营业执照"},
        )
    client = login(front_desk)
    history = panel(client, f"/inquiries/{inquiry.pk}/")
    assert history.count(f"办件</span>: — → {case.number}") == 2
    assert not RAW_ID.search(history), history
    history = panel(client, f"/notices/{notice.pk}/")
    assert history.count("本次补交的材料</span>: 营业执照") == 2
    assert "补交时间" not in history


def test_the_history_costs_the_same_queries_with_one_old_event_or_many(
    login, every_event, front_desk, django_assert_max_num_queries
):
    _events, subjects = every_event
    inquiry, case = subjects["inquiry"], subjects["case"]
    client = login(front_desk)
    url = f"/inquiries/{inquiry.pk}/"

    def old_event():
        with transaction.atomic():
            record_event(
                actor=front_desk.user,
                verb="inquiry.outcome",
                subject=inquiry,
                before={"first_responder": front_desk.pk, "refer_department": None, "case": None},
                after={"first_responder": front_desk.pk, "refer_department": 1, "case": case.pk},
            )

    old_event()
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _n in range(5):
        old_event()
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_the_admins_history_page_reads_in_words(login, every_event, administrator, department):
    history = login(administrator).get(f"/admin/org/department/{department.pk}/history/").content.decode()
    assert "在管理后台修改" in history
    assert "名称</strong>: 行政审批科 → 行政审批服务科" in history
    assert "排序</strong>: 0 → 3" in history
    assert "<code>" not in history
