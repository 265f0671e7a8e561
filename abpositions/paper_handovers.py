"""The handover on paper (交接单), for the printed page and the PDF alike: a
core.paper Sheet. A bureau's own record, in Chinese like its other papers,
signed by who hands over (移交人) and who receives (接收人)."""

from constance import config
from django.utils import timezone

from abpositions.models import Handover
from abpositions.selectors_handovers import Matter
from core.paper import Column, Section, Sheet, Table

TITLE = "AB岗工作交接单"
KINDS = {"trip": "出差", "meeting": "开会", "leave": "休假", "other": "其他"}
STATUS = {"draft": "待移交", "handed": "已移交，待接收确认", "acknowledged": "已确认接收"}


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _matters(matters: list[Matter]) -> Table:
    columns = (
        Column("序号", 6),
        Column("事项", 14),
        Column("编号", 20),
        Column("名称", 24),
        Column("代岗期间办理情况", 36),
    )
    rows = tuple(
        (
            str(index),
            matter.kind_label,
            matter.number,
            matter.label,
            "；".join(f"{_moment(event.at)} {event.actor} {event.label}" for event in matter.events),
        )
        for index, matter in enumerate(matters, 1)
    )
    return Table(heading="A岗离岗期间B岗代为办理的事项", columns=columns, rows=rows)


def paper_of(handover: Handover, matters: list[Matter]) -> Sheet:
    absence = handover.absence
    notes = tuple(
        (f"{note.subject_label}（{note.author.name}，{_moment(note.at)}）", note.text)
        for note in absence.notes.all()
    )
    remarks = []
    if notes:
        remarks.append(Section(heading="未能处理事项记录", pairs=notes))
    remarks.append(Section(heading="移交说明", text=handover.remarks or "无"))
    return Sheet(
        title=TITLE,
        number=f"JJ{handover.pk:06d}",
        bureau=config.BUREAU_NAME,
        fields=(
            ("A岗（责任人）", handover.holder.name),
            ("B岗（备岗人）", handover.cover.name),
            ("科室", handover.holder.department.name),
            ("离岗事由", KINDS.get(absence.kind, absence.kind)),
            ("离岗时间", f"{_moment(absence.start)} 至 {_moment(absence.end)}"),
            ("状态", STATUS.get(handover.status, handover.status)),
        ),
        table=_matters(matters),
        remarks=tuple(remarks),
        signature=(
            ("移交人", ""),
            ("移交日期", _moment(handover.handed_at)[:10]),
            ("接收人", ""),
            ("接收日期", _moment(handover.acknowledged_at)[:10]),
        ),
    )
