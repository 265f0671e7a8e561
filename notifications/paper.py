"""What the notice says on paper, for the printed page and the PDF alike.

The notice is the bureau's document in Chinese, handed to the visitor, so
its words are fixed here rather than following the language of the staff
member's screen.
"""

from dataclasses import dataclass, field

from constance import config
from django.utils import timezone

from core.masking import mask_phone
from notifications.models import Notice, NoticeKind

TITLE = "一次性告知单"
MATERIAL_FORMS = {
    "original": "原件",
    "copy": "复印件",
    "original_and_copy": "原件及复印件",
    "electronic": "电子件",
}
LABELS = {
    "number": "告知单编号",
    "date": "告知日期",
    "visitor": "服务对象",
    "phone": "联系电话",
    "item": "申办事项",
    "item_code": "事项编码",
    "source": "来访登记",
    "guide": "办事指南",
    "missing_intro": "您申请办理的上述事项，经审查，尚需补齐以下材料：",
    "brought": "已收取的材料",
    "order": "序号",
    "material": "材料名称",
    "form": "形式",
    "copies": "份数",
    "material_source": "出具单位或获取方式",
    "notes": "备注",
    "status": "状态",
    "not_acceptable_intro": "您申请办理的上述事项，经审查，不予受理。",
    "reason": "不予受理的理由",
    "rule": "依据",
    "note": "其他告知事项",
    "issuer": "告知人",
    "section": "承办科室",
    "section_phone": "科室电话",
    "receipt": "服务对象签收",
    "receipt_date": "签收日期",
}
GUIDE_LABELS = {
    "basis": "办事依据",
    "conditions": "申请条件",
    "procedure": "办理流程",
    "time_limit": "办理时限",
    "fees": "收费标准",
    "place": "办理地点",
    "hours": "办公时间",
}
PROMISE = (
    "以上为本事项需补齐的全部材料，本单一次性告知。您补齐上述材料后再来办理时，"
    "我们不会要求您提供本告知单未列明的其他材料。"
)
OBJECTION = "如对本告知有异议，可向本局效能监督部门反映。"
STATUS_MISSING = "需补齐"
STATUS_BROUGHT = "已补齐"
STATUS_NOT_APPLICABLE = "不适用：{reason}"


def material_status(row) -> str:
    """A listed material's state in words: to bring, brought since, or not applicable with the reason."""
    if row.not_applicable:
        return STATUS_NOT_APPLICABLE.format(reason=row.not_applicable_reason)
    return STATUS_BROUGHT if row.brought_at else STATUS_MISSING


@dataclass(frozen=True)
class PaperMaterial:
    order: int
    name: str
    form: str
    copies: int
    source: str
    notes: str
    status: str = STATUS_MISSING


@dataclass(frozen=True)
class Paper:
    number: str
    bureau: str
    date: str
    visitor: str
    phone: str
    item: str
    item_code: str
    not_acceptable: bool
    guide: list[tuple[str, str]]
    missing: list[PaperMaterial] = field(default_factory=list)
    brought: list[str] = field(default_factory=list)
    reason: str = ""
    rule: str = ""
    note: str = ""
    issuer: str = ""
    section: str = ""
    section_phone: str = ""
    closing: list[str] = field(default_factory=list)
    title: str = TITLE
    labels: dict = field(default_factory=lambda: LABELS)


def chinese_date(moment) -> str:
    day = timezone.localdate(moment)
    return f"{day.year}年{day.month}月{day.day}日"


def time_limit(version) -> str:
    if version.on_the_spot:
        text = "当场办结"
    else:
        text = f"承诺时限 {version.committed_days} 个工作日，自受理之次日起计算（不含法定节假日）"
    if version.statutory_days is not None:
        text += f"；法定时限 {version.statutory_days} 个工作日"
    return text


def guide_of(version) -> list[tuple[str, str]]:
    fees = version.fees or "不收费"
    if version.fee_basis:
        fees = f"{fees}（收费依据：{version.fee_basis}）"
    rows = [
        ("basis", version.basis),
        ("conditions", version.conditions),
        ("procedure", version.procedure),
        ("time_limit", time_limit(version)),
        ("fees", fees),
        ("place", version.place),
        ("hours", version.hours),
    ]
    return [(GUIDE_LABELS[key], text) for key, text in rows if text]


def paper_of(notice: Notice) -> Paper:
    """The notice as it is printed: the version it was issued from, the
    materials it listed as missing and those not applicable to this
    applicant (each with its status), the visitor's phone masked."""
    version = notice.item_version
    rows = list(notice.materials.all())
    missing = [
        PaperMaterial(
            order=index,
            name=row.name,
            form=MATERIAL_FORMS.get(row.form, row.form),
            copies=row.copies,
            source=row.source,
            notes=row.notes,
            status=material_status(row),
        )
        for index, row in enumerate((row for row in rows if row.missing or row.not_applicable), 1)
    ]
    department = notice.department
    section_phone = department.public_phone
    closing = []
    if notice.kind == NoticeKind.MISSING:
        closing.append(PROMISE)
    if version.complaint_channel:
        closing.append(f"如对本告知有异议，可通过以下渠道反映：{version.complaint_channel}。")
    else:
        closing.append(OBJECTION)
    return Paper(
        number=notice.number,
        bureau=config.BUREAU_NAME,
        date=chinese_date(notice.issued_at),
        visitor=notice.visitor_name,
        phone=mask_phone(notice.visitor_phone),
        item=version.name,
        item_code=notice.service_item.code,
        not_acceptable=notice.kind == NoticeKind.NOT_ACCEPTABLE,
        guide=guide_of(version),
        missing=missing,
        brought=[row.name for row in rows if not row.missing and not row.not_applicable],
        reason=notice.reason,
        rule=notice.rule,
        note=notice.note,
        issuer=notice.issued_by.name,
        section=department.name + (f"（{department.room}）" if department.room else ""),
        section_phone=section_phone,
        closing=closing,
    )
