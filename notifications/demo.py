"""The demo bureau's one-time notices: one waiting for two materials, one
complete after a return visit, ready to be received as a case.

Runs after inquiries/demo.py. Each notice answers an inquiry of its own,
logged at the approval section's window and answered through the services
as of the days it happened (``core.clock.as_of``). Idempotent: nothing is
made when a demo notice exists (found by its visitor).
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from commitments.models import ServiceItem
from core import clock
from inquiries.models import Channel, InquiryKind
from inquiries.services import inquiry_log
from notifications.models import Notice, NoticeFailure, NoticeStatus
from notifications.services import notice_issue, notice_record_visit
from org.models import Staff
from workdays.days import UnpublishedYearError, add_working_days

DESK = "王晓燕"
HANDLER = "张建国"

# item, visitor, phone, subject, working days back, materials brought when issued,
# and the return visit: (working days back, note) or None.
NOTICES = [
    (
        "XK-001",
        "杭州鲜味坊餐饮管理有限公司",
        "13867129905",
        "申请食品经营许可（新办）",
        2,
        ["食品经营许可申请书", "营业执照", "经营者（法定代表人）身份证", "授权委托书及受托人身份证"],
        None,
    ),
    (
        "XK-002",
        "陈晓东",
        "13706815527",
        "申请食品经营许可（变更经营场所）",
        5,
        ["食品经营许可变更申请书"],
        (1, "申请人补齐全部材料，材料齐全，可以受理。"),
    ),
]
# Materials that did not apply to a demo visitor, with the reason: 陈晓东 came in person.
NOT_APPLICABLE = {"XK-002": {"授权委托书及受托人身份证": "本人办理，无需提供"}}


def _day_back(today, days):
    try:
        return add_working_days(today, -days)
    except UnpublishedYearError:
        return today - timedelta(days=days)


def _moment(day, hour, minute=0):
    moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
    return min(moment, timezone.now() - timedelta(minutes=5))


def _demo_notices():
    return Notice.objects.filter(visitor_name__in=[visitor for _code, visitor, *_rest in NOTICES])


def seed() -> str:
    made = 0
    items = {item.code: item for item in ServiceItem.objects.select_related("current")}
    staff = {member.name: member for member in Staff.objects.select_related("user")}
    ready = all(code in items for code, *_rest in NOTICES) and DESK in staff and HANDLER in staff
    if ready and not _demo_notices().exists():
        today = timezone.localdate()
        desk = staff[DESK]
        for code, visitor, phone, subject, back, brought, visit in NOTICES:
            item = items[code]
            asked_at = _moment(_day_back(today, back), 9, 30 + made * 7)
            with clock.as_of(asked_at):
                inquiry = inquiry_log(
                    actor=desk.user,
                    channel=Channel.VISIT,
                    kind=InquiryKind.APPLICATION,
                    subject=subject,
                    asked_staff=[desk],
                    visitor_name=visitor,
                    visitor_phone=phone,
                    service_item=item,
                )
            materials = item.current.materials.all()
            with clock.as_of(min(asked_at + timedelta(minutes=12), timezone.now())):
                notice = notice_issue(
                    actor=desk.user,
                    service_item=item,
                    inquiry=inquiry,
                    brought_material_ids=[m.pk for m in materials if m.name in brought],
                    not_applicable={
                        m.pk: NOT_APPLICABLE[code][m.name]
                        for m in materials
                        if m.name in NOT_APPLICABLE.get(code, {})
                    },
                )
            if visit is not None:
                came_back, note = visit
                with clock.as_of(_moment(_day_back(today, came_back), 14, 20)):
                    notice_record_visit(
                        actor=staff[HANDLER].user,
                        notice=notice,
                        brought_ids=[row.material_id for row in notice.materials.all() if row.outstanding],
                        note=note,
                    )
            made += 1
    notices = _demo_notices()
    return (
        f"{notices.count()} notices ({made} new), "
        f"{notices.filter(status=NoticeStatus.OPEN).count()} waiting for materials, "
        f"{NoticeFailure.objects.filter(notice__in=notices).count()} failures"
    )
