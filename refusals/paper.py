"""The refusal notice (不予受理决定书 / 不予许可决定书) on paper, for the printed
page and the PDF alike: a core.paper Sheet.

It is the bureau's decision in Chinese, handed to the applicant, so its words
are fixed here rather than following the language of the staff member's
screen. It names no phone or ID number: the applicant's name is enough."""

from constance import config

from core import clock
from core.paper import Section, Sheet
from core.paper.remedies import refusal_remedies
from notifications.paper import chinese_date
from refusals.models import Refusal, RefusalKind

TITLES = {
    RefusalKind.NOT_ACCEPTED: "不予受理决定书",
    RefusalKind.NOT_GRANTED: "不予许可决定书",
}
DECISIONS = {
    RefusalKind.NOT_ACCEPTED: "不予受理",
    RefusalKind.NOT_GRANTED: "不予许可",
}
LABELS = {
    "number": "决定书编号",
    "date": "决定日期",
    "applicant": "申请人",
    "item": "申请事项",
    "case": "办件编号",
    "inquiry": "登记编号",
    "item_code": "事项编码",
    "facts": "查明的事实",
    "reason": "理由",
    "legal_basis": "法律依据",
    "cure": "可以补正或者另行申请的事项",
    "officer": "承办人",
    "chief": "科室负责人",
    "section": "承办科室",
    "seal": "（盖章）",
    "receipt": "申请人签收",
    "receipt_date": "签收日期",
}
INTRO = (
    "{applicant}：\n"
    "你（单位）申请的“{item}”（{matter_label} {matter}），经审查，本局决定{decision}。理由和依据如下："
)


def notice_of(refusal: Refusal) -> Sheet:
    """The refusal notice as it is given: dated the day it was (or is now)
    given, signed by the officer and, once confirmed, the section chief."""
    date = chinese_date(refusal.notice_given_at or clock.now())
    item = refusal.matter
    matter_label = LABELS["case"] if refusal.case_id else LABELS["inquiry"]
    department = refusal.department
    bureau = config.BUREAU_NAME
    grounds = [
        (LABELS["facts"], refusal.facts),
        (LABELS["reason"], refusal.reason),
        (LABELS["legal_basis"], refusal.legal_basis),
    ]
    if refusal.cure:
        grounds.append((LABELS["cure"], refusal.cure))
    intro = INTRO.format(
        applicant=refusal.applicant_name or "申请人",
        item=item,
        matter_label=matter_label,
        matter=refusal.matter_number,
        decision=DECISIONS[refusal.kind],
    )
    return Sheet(
        title=TITLES[refusal.kind],
        number=refusal.number,
        bureau=bureau,
        fields=(
            (LABELS["number"], refusal.number),
            (LABELS["date"], date),
            (LABELS["applicant"], refusal.applicant_name),
            (matter_label, refusal.matter_number),
            (LABELS["item"], item),
            (LABELS["item_code"], refusal.service_item.code if refusal.service_item_id else ""),
        ),
        sections=(Section(text=intro), Section(pairs=tuple(grounds))),
        remarks=(refusal_remedies(),),
        signature=(
            (LABELS["officer"], refusal.officer.name),
            (LABELS["chief"], refusal.decided_by.name if refusal.decided_by_id else ""),
            (LABELS["section"], department.name + (f"（{department.room}）" if department.room else "")),
            (bureau or "本局", LABELS["seal"]),
            (LABELS["date"], date),
            (LABELS["receipt"], ""),
            (LABELS["receipt_date"], ""),
        ),
    )
