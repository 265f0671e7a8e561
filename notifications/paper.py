"""What the notice says on paper, for the printed page and the PDF alike:
a core.paper Sheet.

The notice is the bureau's document in Chinese, handed to the visitor, so
its words are fixed here rather than following the language of the staff
member's screen.
"""

from constance import config
from django.utils import timezone

from core.masking import mask_phone
from core.paper import Column, Section, Sheet, Table
from core.paper.remedies import refusal_remedies
from notifications.models import Notice, NoticeKind, NoticeMaterial

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
    "missing_intro": "您申请办理的上述事项，经审查，尚需补齐以下材料（下表中状态为“缺”的各项）：",
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
STATUS = {"missing": "缺", "brought": "已交", "not_applicable": "不适用：{reason}"}
# Shares of the sheet's width, in per cent: order, name, form, copies, source, notes, status.
MATERIAL_COLUMNS = [
    ("order", 5),
    ("material", 25),
    ("form", 12),
    ("copies", 5),
    ("material_source", 17),
    ("notes", 24),
    ("status", 12),
]


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


def material_status(row: NoticeMaterial) -> str:
    """The material's state as the notice was issued, in the table's status column;
    one not applicable to this applicant says so, with the reason."""
    if row.not_applicable and row.not_applicable_on_visit_id is None:
        return STATUS["not_applicable"].format(reason=row.not_applicable_reason)
    return STATUS["missing"] if row.missing else STATUS["brought"]


def _materials(rows: list[NoticeMaterial]) -> Table:
    columns = tuple(Column(LABELS[key], width) for key, width in MATERIAL_COLUMNS)
    lines = tuple(
        (
            str(index),
            row.name,
            MATERIAL_FORMS.get(row.form, row.form),
            str(row.copies),
            row.source,
            row.notes,
            material_status(row),
        )
        for index, row in enumerate(rows, 1)
    )
    return Table(heading=LABELS["missing_intro"], columns=columns, rows=lines)


def _remarks(notice: Notice) -> tuple[Section, ...]:
    """The other matters noted, and, for a matter that cannot be accepted at
    all (a refusal, rule 6), the applicant's remedies."""
    remarks = [Section(heading=LABELS["note"], text=notice.note)] if notice.note else []
    if notice.kind == NoticeKind.NOT_ACCEPTABLE:
        remarks.append(refusal_remedies())
    return tuple(remarks)


def _closing(notice: Notice) -> tuple[str, ...]:
    if notice.kind != NoticeKind.MISSING:
        return ()  # a refusal: the remedies block names where to complain already
    closing = [PROMISE]
    channel = notice.item_version.complaint_channel
    closing.append(f"如对本告知有异议，可通过以下渠道反映：{channel}。" if channel else OBJECTION)
    return tuple(closing)


def paper_of(notice: Notice) -> Sheet:
    """The notice as it is printed: the version it was issued from, each of
    its materials with its state, the visitor's phone masked. The signature
    block follows the materials' last row."""
    version = notice.item_version
    department = notice.department
    date = chinese_date(notice.issued_at)
    not_acceptable = notice.kind == NoticeKind.NOT_ACCEPTABLE
    guide = Section(heading=LABELS["guide"], pairs=tuple(guide_of(version)))
    refusal = Section(
        heading=LABELS["not_acceptable_intro"],
        pairs=((LABELS["reason"], notice.reason), (LABELS["rule"], notice.rule)),
    )
    return Sheet(
        title=TITLE,
        number=notice.number,
        bureau=config.BUREAU_NAME,
        fields=(
            (LABELS["number"], notice.number),
            (LABELS["date"], date),
            (LABELS["visitor"], notice.visitor_name),
            (LABELS["phone"], mask_phone(notice.visitor_phone)),
            (LABELS["item"], version.name),
            (LABELS["item_code"], notice.service_item.code),
        ),
        sections=(refusal, guide) if not_acceptable else (guide,),
        table=None if not_acceptable else _materials(list(notice.materials.all())),
        remarks=_remarks(notice),
        closing=_closing(notice),
        signature=(
            (LABELS["issuer"], notice.issued_by.name),
            (LABELS["section"], department.name + (f"（{department.room}）" if department.room else "")),
            (LABELS["section_phone"], department.public_phone or "—"),
            (LABELS["date"], date),
            (LABELS["receipt"], ""),
            (LABELS["receipt_date"], ""),
        ),
    )
