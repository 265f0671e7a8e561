"""What the refusal tests share: a case of the handler's, and filing a refusal of it."""

import pytest
import time_machine

from tests.deadlines.conftest import at, item, make_item, open_case  # noqa: F401  (shared fixtures)
from tests.inquiries.conftest import log_inquiry  # noqa: F401

BASIS = "《中华人民共和国行政许可法》第三十八条第二款"


@pytest.fixture
def case(official_calendar, open_case):  # noqa: F811
    """Received Tue 2026-12-01 10:00, due ten working days later (12-15)."""
    with time_machine.travel(at(2026, 12, 1), tick=False):
        return open_case()


@pytest.fixture
def file_refusal(handler):
    from refusals.services import refusal_file

    def file(matter=None, actor=None, when=None, **fields):
        fields.setdefault("kind", "not_granted")
        fields.setdefault("facts", "申请人经营场所与食品安全要求不符，现场核查未通过")
        fields.setdefault("reason", "经营场所不符合食品安全要求")
        fields.setdefault("legal_basis", BASIS)
        fields.setdefault("cure", "整改经营场所后重新申请")
        with time_machine.travel(when or at(2026, 12, 3), tick=False):
            return refusal_file(actor=(actor or handler).user, **{matter._meta.model_name: matter}, **fields)

    return file
