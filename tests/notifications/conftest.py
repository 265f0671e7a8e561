import pytest
import time_machine

from commitments.models import MaterialForm
from commitments.services import MaterialSpec, service_item_create
from inquiries.models import InquiryKind
from notifications.services import notice_issue
from tests.deadlines.conftest import at, make_item  # noqa: F401  (a shared fixture)
from tests.factories import catalogue_keeper
from tests.inquiries.conftest import log_inquiry  # noqa: F401  (a shared fixture)

__all__ = ["at"]

NOW = at(2026, 11, 10)  # a Tuesday

MATERIALS = [
    MaterialSpec("食品经营许可申请书", MaterialForm.ORIGINAL, 1, "窗口领取", "须签字盖章"),
    MaterialSpec("营业执照", MaterialForm.COPY, 1, "市场监督管理部门核发"),
    MaterialSpec("法定代表人身份证", MaterialForm.COPY, 1, "公安机关核发", "现场核验原件"),
    MaterialSpec("经营场所平面布局图", MaterialForm.ORIGINAL, 2, "申请人自备"),
]
CONTENT = {
    "name": "食品经营许可（新办）",
    "basis": "《中华人民共和国食品安全法》第三十五条",
    "conditions": "具有与经营的食品品种、数量相适应的经营场所",
    "procedure": "申请、受理、审查、决定",
    "statutory_days": 20,
    "committed_days": 10,
    "fees": "",
    "complaint_channel": "效能投诉电话 0571-8800-1006",
}


@pytest.fixture(autouse=True)
def _tuesday_10_november():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def food_item(department):
    department.public_phone = "0571-8800-1002"
    department.save(update_fields=["public_phone"])
    return service_item_create(
        actor=catalogue_keeper(), code="XK-001", department=department, content=CONTENT, materials=MATERIALS
    )


def material(item, name):
    """The material of that name in the item's version in force."""
    return item.current.materials.get(name=name)


@pytest.fixture
def inquiry(log_inquiry, front_desk, food_item):  # noqa: F811
    return log_inquiry(asked=[front_desk], kind=InquiryKind.APPLICATION, service_item=food_item)


@pytest.fixture
def issue(front_desk, food_item):
    """issue(inquiry=..., brought=["营业执照"], actor=staff) -> Notice listing the rest as missing."""

    def make(actor=None, brought=(), item=None, **kwargs):
        item = item or food_item
        return notice_issue(
            actor=(actor or front_desk).user,
            service_item=item,
            brought_material_ids=[material(item, name).pk for name in brought],
            **kwargs,
        )

    return make


@pytest.fixture
def notice(issue, inquiry):
    """Issued by the front desk: the application form and the ID were brought;
    the business licence and the floor plan are missing."""
    return issue(inquiry=inquiry, brought=["食品经营许可申请书", "法定代表人身份证"])


PROXY = MaterialSpec(
    "授权委托书及受托人身份证",
    MaterialForm.ORIGINAL_AND_COPY,
    1,
    "申请人出具",
    condition="委托他人办理时提供",
)


@pytest.fixture
def proxy_item(department):
    """An item whose last material is conditional: the proxy, needed only when someone else applies."""
    return service_item_create(
        actor=catalogue_keeper(),
        code="XK-009",
        department=department,
        content={**CONTENT, "name": "食品经营许可（变更）"},
        materials=[*MATERIALS[:2], PROXY],
    )


@pytest.fixture
def proxy_inquiry(log_inquiry, front_desk, proxy_item):  # noqa: F811
    return log_inquiry(asked=[front_desk], kind=InquiryKind.APPLICATION, service_item=proxy_item)
