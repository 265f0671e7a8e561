import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from commitments.services import MaterialSpec, service_item_create
from tests.factories import catalogue_keeper

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(y, m, d, hour=10):
    """A moment at the bureau, in its time zone."""
    return datetime(y, m, d, hour, tzinfo=SHANGHAI)


@pytest.fixture
def make_item(department):
    codes = itertools.count(1)

    def make(code=None, committed_days=10, statutory_days=20, dept=None):
        code = code or f"SP-{next(codes):03d}"
        return service_item_create(
            actor=catalogue_keeper(),
            code=code,
            department=dept or department,
            content={
                "name": f"食品经营许可（{code}）",
                "basis": "《中华人民共和国食品安全法》第三十五条",
                "statutory_days": statutory_days,
                "committed_days": committed_days,
            },
            materials=[MaterialSpec("申请书")],
        )

    return make


@pytest.fixture
def item(make_item):
    return make_item()


@pytest.fixture
def open_case(front_desk, handler, item):
    from deadlines.services import case_open

    def make(received_at=None, applicant_phone="13812345678", **kwargs):
        return case_open(
            actor=front_desk.user,
            service_item=kwargs.pop("service_item", item),
            applicant_name="王先生",
            applicant_phone=applicant_phone,
            handler=kwargs.pop("handler", handler),
            received_at=received_at,
            **kwargs,
        )

    return make
