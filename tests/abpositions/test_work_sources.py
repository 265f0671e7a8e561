"""The open work of A that rule 4 counts, registered by deadlines and inquiries."""

import pytest

from abpositions.work import open_work_counts, work_sources
from inquiries.models import Outcome
from inquiries.services import inquiry_log, inquiry_record_outcome
from tests.deadlines.conftest import item, make_item, open_case  # noqa: F401

pytestmark = pytest.mark.django_db


def test_cases_inquiries_and_transfers_are_registered():
    assert {source.key for source in work_sources()} >= {"cases", "inquiries", "transfers"}


def test_each_source_counts_the_persons_open_work(
    open_case,  # noqa: F811
    handler,
    front_desk,
    official_calendar,
    django_assert_max_num_queries,
):
    open_case()
    open_case()
    inquiry = inquiry_log(
        actor=front_desk.user,
        asked_staff=[front_desk],
        channel="visit",
        kind="consultation",
        subject="咨询",
        visitor_name="王先生",
        visitor_phone="13812345678",
    )
    inquiry_record_outcome(
        actor=front_desk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=handler
    )
    with django_assert_max_num_queries(len(work_sources())):
        counts = {source.key: count for source, count in open_work_counts(handler)}
    assert (counts["cases"], counts["inquiries"], counts["transfers"]) == (2, 0, 1)
    assert {source.key: count for source, count in open_work_counts(front_desk)}["cases"] == 0
