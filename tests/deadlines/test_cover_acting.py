"""Rule 4: while A is away, B sees A's open cases in B's own list, marked
代岗, and acts on them with A's authority; every such action's audit event
carries acting_for = A. A's urgent case waits for the section chief's consent."""

import pytest
import time_machine
from django.utils import translation

from abpositions.models import ConsentStatus, CoverConsent
from abpositions.services_consent import cover_consent_decide
from audit.models import AuditEvent
from deadlines.models import CaseStatus
from deadlines.services import case_complete, case_open, case_open_instruction
from tests.abpositions.conftest import at, away  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_case(front_desk, make_item, a_holder):
    item = make_item()  # 10 working days: received Mon 12-07, due Mon 12-21
    with time_machine.travel(at("2026-12-07 10:00"), tick=False):
        return case_open(actor=front_desk.user, service_item=item, applicant_name="王先生", handler=a_holder)


@pytest.fixture
def trip(post, a_holder, away):  # noqa: F811
    return away(a_holder, "2026-12-08 09:00", "2026-12-22 18:00")


def on(moment):
    return time_machine.travel(at(moment), tick=False)


def test_b_sees_as_case_in_bs_list_marked_covering_only_while_a_is_away(login, a_case, b_holder, trip):
    with on("2026-12-08 08:59"):
        client = login(b_holder)
        assert a_case.number not in client.get("/cases/").content.decode()
        assert client.get(f"/cases/{a_case.pk}/").status_code == 404
    with on("2026-12-08 09:00"), translation.override("zh-hans"):
        client = login(b_holder)
        page = client.get("/cases/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert a_case.number in page
        assert "代岗（代A岗张三）" in page
        assert client.get(f"/cases/{a_case.pk}/").status_code == 200
    with on("2026-12-22 18:00"):
        client = login(b_holder)
        assert a_case.number not in client.get("/cases/").content.decode()


def test_bs_actions_carry_acting_for_a(login, a_case, a_holder, b_holder, trip):
    with on("2026-12-09 10:00"):
        client = login(b_holder)
        assert client.post(f"/cases/{a_case.pk}/start/").status_code == 302
        assert client.post(f"/cases/{a_case.pk}/complete/").status_code == 302
    a_case.refresh_from_db()
    assert a_case.status == CaseStatus.COMPLETED
    assert a_case.handler == a_holder  # still A's case: B acted for A
    events = AuditEvent.objects.filter(verb__in=["case.start", "case.complete"]).order_by("at", "pk")
    assert [(event.verb, event.actor, event.acting_for) for event in events] == [
        ("case.start", b_holder.user, a_holder.user),
        ("case.complete", b_holder.user, a_holder.user),
    ]


def test_a_acting_on_their_own_case_carries_no_acting_for(a_case, a_holder):
    with on("2026-12-09 10:00"):
        case_complete(actor=a_holder.user, case=a_case)
    assert AuditEvent.objects.get(verb="case.complete").acting_for is None


def test_b_may_not_act_before_a_leaves_or_after_a_is_back(login, a_case, b_holder, trip):
    with on("2026-12-08 08:59"):
        assert login(b_holder).post(f"/cases/{a_case.pk}/complete/").status_code == 404
    with on("2026-12-22 18:00"):
        assert login(b_holder).post(f"/cases/{a_case.pk}/complete/").status_code == 404
    a_case.refresh_from_db()
    assert a_case.status == CaseStatus.RECEIVED


def test_a_colleague_who_is_not_b_may_not_act(login, a_case, handler, trip):
    with on("2026-12-09 10:00"):
        assert login(handler).post(f"/cases/{a_case.pk}/complete/").status_code == 404


# --- urgent: the chief's consent first ---------------------------------------------


def test_b_cannot_complete_as_urgent_case_before_the_chief_consents(
    login,
    a_case,
    a_holder,
    b_holder,
    chief,
    trip,
):
    with on("2026-12-18 10:00"):  # Fri: due Mon 12-21, within one working day
        client = login(b_holder)
        page = client.get(f"/cases/{a_case.pk}/").content.decode()
        assert 'data-testid="ask-consent"' in page
        response = client.post(f"/cases/{a_case.pk}/complete/", follow=True)
        assert "须先请示科长同意" in " ".join(str(m) for m in response.context["messages"])
        a_case.refresh_from_db()
        assert a_case.status == CaseStatus.RECEIVED

        assert client.post(f"/cases/{a_case.pk}/ask-consent/").status_code == 302
        consent = CoverConsent.objects.get()
        assert (consent.cover, consent.absence, consent.status) == (b_holder, trip, ConsentStatus.ASKED)
        assert consent.subject_label.startswith(a_case.number)
        # Asked, not yet consented: still refused, and the button is gone.
        assert 'data-testid="ask-consent"' not in client.get(f"/cases/{a_case.pk}/").content.decode()
        client.post(f"/cases/{a_case.pk}/complete/")
        a_case.refresh_from_db()
        assert a_case.status == CaseStatus.RECEIVED

        cover_consent_decide(actor=chief.user, consent=consent, granted=True, note="")
        client.post(f"/cases/{a_case.pk}/complete/")
    a_case.refresh_from_db()
    assert a_case.status == CaseStatus.COMPLETED
    event = AuditEvent.objects.get(verb="case.complete")
    assert (event.actor, event.acting_for) == (b_holder.user, a_holder.user)
    assert [e.verb for e in AuditEvent.objects.filter(verb__startswith="cover_consent").order_by("pk")] == [
        "cover_consent.ask",
        "cover_consent.decide",
    ]


def test_a_declined_consent_keeps_b_refused(a_case, b_holder, chief, trip, api):
    from abpositions.services_consent import cover_consent_ask

    with on("2026-12-18 10:00"):
        consent = cover_consent_ask(actor=b_holder.user, absence=trip, subject=a_case, label=a_case.number)
        cover_consent_decide(actor=chief.user, consent=consent, granted=False, note="等张三回来办")
        response = api(b_holder).post(f"/api/v1/cases/{a_case.pk}/complete/")
    assert response.status_code == 409
    assert "科长未同意" in response.json()["detail"]


def test_a_leaders_instruction_is_urgent_whatever_its_date(
    a_holder,
    b_holder,
    chief,
    trip,
    api,
):
    with on("2026-12-07 10:00"):
        case = case_open_instruction(
            actor=chief.user,
            title="调研报告",
            instruction="",
            leader="王局长",
            due_date=at("2026-12-31 10:00").date(),
            handler=a_holder,
        )
    with on("2026-12-09 10:00"):
        assert api(b_holder).post(f"/api/v1/cases/{case.pk}/complete/").status_code == 409


def test_b_needs_no_consent_for_a_case_not_due_soon(api, a_case, b_holder, trip):
    with on("2026-12-09 10:00"):
        assert api(b_holder).post(f"/api/v1/cases/{a_case.pk}/complete/").status_code == 200


def test_the_chief_acting_on_the_case_needs_no_consent(login, a_case, chief, trip):
    with on("2026-12-18 10:00"):
        login(chief).post(f"/cases/{a_case.pk}/complete/")
    a_case.refresh_from_db()
    assert a_case.status == CaseStatus.COMPLETED


def test_ask_consent_refuses_the_wrong_method_anonymous_and_who_does_not_cover(
    client, login, a_case, handler, other_chief, trip
):
    url = f"/cases/{a_case.pk}/ask-consent/"
    with on("2026-12-18 10:00"):
        assert client.post(url)["Location"].startswith("/accounts/login/")
        assert login(handler).post(url).status_code == 404
        assert login(other_chief).post(url).status_code == 404
    assert not CoverConsent.objects.exists()


def test_ask_consent_twice_is_refused_with_a_message(login, a_case, b_holder, trip):
    with on("2026-12-18 10:00"):
        client = login(b_holder)
        assert client.get(f"/cases/{a_case.pk}/ask-consent/").status_code == 405
        client.post(f"/cases/{a_case.pk}/ask-consent/")
        response = client.post(f"/cases/{a_case.pk}/ask-consent/", follow=True)
    assert "已就此事项请示过科长" in " ".join(str(m) for m in response.context["messages"])
    assert CoverConsent.objects.count() == 1


def test_the_case_page_for_b_takes_a_bounded_number_of_queries(
    login,
    a_case,
    b_holder,
    trip,
    django_assert_max_num_queries,
):
    with on("2026-12-18 10:00"):
        client = login(b_holder)
        # The handler's page (21, rule 6's refusals card included), and for B: whom B
        # covers (2), A's absence and the consent asked (2), whether the case is urgent
        # (calendar, setting: 3), B's notes (1).
        with django_assert_max_num_queries(35):
            assert client.get(f"/cases/{a_case.pk}/").status_code == 200


# --- cover notes, kept for the handover ---------------------------------------------


def test_b_keeps_a_note_on_as_case_for_the_handover(login, a_case, a_holder, b_holder, trip):
    from abpositions.models import CoverNote

    url = f"/cases/{a_case.pk}/cover-note/"
    with on("2026-12-18 10:00"):
        client = login(b_holder)
        assert client.get(url).status_code == 405
        response = client.post(url, {"text": " "}, follow=True)
        assert "交接" in " ".join(str(m) for m in response.context["messages"])
        assert not CoverNote.objects.exists()
        client.post(url, {"text": "申请人未接电话，材料待补正"})
        page = client.get(f"/cases/{a_case.pk}/").content.decode()
    note = CoverNote.objects.get()
    assert (note.absence, note.author, note.text) == (trip, b_holder, "申请人未接电话，材料待补正")
    assert note.subject_label.startswith(a_case.number)
    assert "申请人未接电话" in page
    event = AuditEvent.objects.get(verb="cover_note.add")
    assert (event.actor, event.acting_for) == (b_holder.user, a_holder.user)


def test_only_who_covers_may_keep_a_note(client, login, a_case, a_holder, handler, trip):
    from abpositions.models import CoverNote

    url = f"/cases/{a_case.pk}/cover-note/"
    with on("2026-12-18 10:00"):
        assert client.post(url, {"text": "x"})["Location"].startswith("/accounts/login/")
        assert login(handler).post(url, {"text": "x"}).status_code == 404
        login(a_holder).post(url, {"text": "x"})
    assert not CoverNote.objects.exists()


def test_a_note_or_a_consent_request_for_a_who_is_back_is_refused(a_case, chief, trip):
    from abpositions.models import CoverNote
    from deadlines.services import ConflictError, case_consent_ask, case_cover_note_add

    # The chief may still open A's case once A is back; nothing is kept for a handover already due.
    with on("2026-12-23 10:00"):
        with pytest.raises(ConflictError, match="已返岗"):
            case_cover_note_add(actor=chief.user, case=a_case, text="待补正")
        with pytest.raises(ConflictError):
            case_consent_ask(actor=chief.user, case=a_case)
    assert not CoverNote.objects.exists() and not CoverConsent.objects.exists()


def test_while_b_covers_the_counts_count_what_the_lists_list(login, a_case, b_holder, trip):
    from deadlines.selectors import home_handler_context

    with on("2026-12-18 10:00"):
        page = login(b_holder).get("/cases/?show=open")
        home = home_handler_context(b_holder.user)
    assert page.context["counts"]["open"] == page.context["page"].paginator.count == 1
    assert home["counts"]["open"] == len(home["next_due"]) == 1
    assert home["counts"]["due_today"] == 0


def test_the_chief_covering_an_uncovered_post_acts_on_an_urgent_case_without_consent(
    a_case,
    a_holder,
    b_holder,
    chief,
    trip,
    away,  # noqa: F811
):
    away(b_holder, "2026-12-08 09:00", "2026-12-22 18:00")  # nobody named: the chief answers
    with on("2026-12-18 10:00"):  # due 12-21: urgent
        case_complete(actor=chief.user, case=a_case)
    a_case.refresh_from_db()
    assert a_case.status == CaseStatus.COMPLETED
    completed = AuditEvent.objects.get(verb="case.complete")
    assert (completed.actor, completed.acting_for) == (chief.user, a_holder.user)
    assert not CoverConsent.objects.exists()


def test_who_may_see_as_case_but_not_work_on_it_may_not_ask_or_note(login, a_case, supervisor, trip):
    from abpositions.models import CoverNote

    with on("2026-12-18 10:00"):
        client = login(supervisor)
        assert client.get(f"/cases/{a_case.pk}/").status_code == 200
        assert client.post(f"/cases/{a_case.pk}/ask-consent/").status_code == 403
        assert client.post(f"/cases/{a_case.pk}/cover-note/", {"text": "备注"}).status_code == 403
    assert not CoverConsent.objects.exists() and not CoverNote.objects.exists()
