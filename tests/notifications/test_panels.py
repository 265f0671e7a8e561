"""The notices card on an inquiry's and a case's page (a related panel from rule 5)."""

from inquiries.services import inquiry_open_case
from org.roles import Role


def test_the_inquiry_page_lists_its_notice(login, front_desk, notice, inquiry):
    page = login(front_desk).get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert 'data-testid="notices-panel"' in page
    assert f'data-notice="{notice.number}"' in page
    # A notice is issued on it already: its status is no longer "open", so no second one is offered.
    assert 'data-testid="panel-issue-notice"' not in page


def test_an_open_inquiry_offers_a_notice_to_who_may_record_its_outcome(
    login, front_desk, inquiry, make_staff
):
    page = login(front_desk).get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert f'href="/notices/new/?inquiry={inquiry.pk}"' in page
    chief = make_staff(Role.SECTION_CHIEF, name="科长")
    # The section chief may record the outcome too; a supervisor sees the inquiry but issues nothing.
    assert f"?inquiry={inquiry.pk}" in login(chief).get(f"/inquiries/{inquiry.pk}/").content.decode()


def test_the_case_page_offers_a_notice_to_its_handler_only(login, front_desk, handler, supervisor, inquiry):
    case = inquiry_open_case(actor=front_desk.user, inquiry=inquiry, handler=handler)
    assert f"/notices/new/?case={case.pk}" in login(handler).get(f"/cases/{case.pk}/").content.decode()
    supervisor_page = login(supervisor).get(f"/cases/{case.pk}/").content.decode()
    assert "?case=" not in supervisor_page
    assert 'data-testid="notices-panel"' not in supervisor_page  # nothing to list, nothing to offer
