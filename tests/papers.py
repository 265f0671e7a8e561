"""A one-time notice like the demo's: item XK-001 with its long service
guide, the demo's visitor, and as many materials as a test asks for."""

from commitments.demo import COMPLAINT_CHANNEL, HOURS, ITEMS, PLACES
from commitments.models import MaterialForm
from commitments.services import MaterialSpec, service_item_create
from inquiries.models import Channel, InquiryKind
from inquiries.services import inquiry_log
from notifications.services import notice_issue
from tests.factories import catalogue_keeper

VISITOR = "杭州鲜味坊餐饮管理有限公司"
MORE_MATERIALS = [
    MaterialSpec("食品从业人员健康证明", MaterialForm.COPY, 1, "医疗卫生机构出具", "每名从业人员一份"),
    MaterialSpec("食品安全管理人员培训考核合格证明", MaterialForm.COPY, 1, "市场监管部门组织考核", ""),
    MaterialSpec(
        "经营场所产权证明或租赁合同", MaterialForm.ORIGINAL_AND_COPY, 1, "申请人自备", "租期不少于一年"
    ),
    MaterialSpec("主要设备设施清单", MaterialForm.ORIGINAL, 1, "申请人自备", "注明名称、数量和存放位置"),
    MaterialSpec("食品原料进货查验记录制度", MaterialForm.ORIGINAL, 1, "申请人自备", ""),
    MaterialSpec("餐厨废弃物处置协议", MaterialForm.COPY, 1, "与有资质的单位签订", "含收运频次"),
]


def _spec(index: int) -> MaterialSpec:
    demo = ITEMS[0][-1]
    known = demo + MORE_MATERIALS
    if index < len(known):
        return known[index]
    return MaterialSpec(
        f"补充说明材料（第 {index + 1} 项）", MaterialForm.ORIGINAL, 1, "申请人自备", "按审查人员要求提供"
    )


def demo_like_item(department, materials: int):
    """XK-001 as the demo has it, with `materials` materials (the demo's six first)."""
    (
        code,
        _section,
        name,
        basis,
        conditions,
        procedure,
        statutory,
        committed,
        fees,
        fee_basis,
        standard,
        _m,
    ) = ITEMS[0]
    assert code == "XK-001"
    return service_item_create(
        actor=catalogue_keeper(),
        code=code,
        department=department,
        content={
            "name": name,
            "basis": basis,
            "conditions": conditions,
            "procedure": procedure,
            "statutory_days": statutory,
            "committed_days": committed,
            "fees": fees,
            "fee_basis": fee_basis,
            "service_standard": standard,
            "place": PLACES["approval"],
            "hours": HOURS,
            "complaint_channel": COMPLAINT_CHANNEL,
        },
        materials=[_spec(index) for index in range(materials)],
    )


def demo_like_notice(desk, *, missing: int, brought: int = 2):
    """A notice issued at the desk for an item of `brought + missing`
    materials: the first `brought` brought, the rest missing."""
    department = desk.department
    department.public_phone = department.public_phone or "0571-8800-1002"
    department.room = department.room or "一楼大厅 1-6 号窗口"
    department.save(update_fields=["public_phone", "room"])
    item = demo_like_item(department, brought + missing)
    inquiry = inquiry_log(
        actor=desk.user,
        channel=Channel.VISIT,
        kind=InquiryKind.APPLICATION,
        subject="申请食品经营许可（新办）",
        asked_staff=[desk],
        visitor_name=VISITOR,
        visitor_phone="13867129905",
        service_item=item,
    )
    materials = list(item.current.materials.all())
    return notice_issue(
        actor=desk.user,
        service_item=item,
        inquiry=inquiry,
        brought_material_ids=[material.pk for material in materials[:brought]],
    )
