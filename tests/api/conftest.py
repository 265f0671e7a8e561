import pytest
from django.core.management import call_command

from commitments.models import Breach
from commitments.services import breach_record
from deadlines.models import Case, Extension, ExtensionStatus
from inquiries.models import Inquiry, InquiryStatus, Transfer
from notifications.models import Notice, NoticeStatus
from org.models import Staff


@pytest.fixture
def bureau(db, settings):
    """The demo bureau, with a breach recorded against the handler login: one of
    every object the API writes to."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    staff = {member.user.username: member for member in Staff.objects.select_related("user")}
    if not Breach.objects.filter(staff=staff["handler"]).exists():
        breach_record(
            actor=staff["supervisor"].user,
            staff=staff["handler"],
            item=None,
            occurred_on=Case.objects.order_by("id").first().received_at.date(),
            promised="承诺时限内办结",
            happened="超期未办结",
        )
    return staff


@pytest.fixture
def objects(bureau):
    """An id under each path of the API: the one its ``{id}`` stands for."""
    return {
        "cases": Case.objects.order_by("id").first().pk,
        "extensions": Extension.objects.filter(status=ExtensionStatus.PENDING).order_by("id").first().pk,
        "notices": Notice.objects.filter(status=NoticeStatus.OPEN).order_by("id").first().pk,
        "inquiries": Inquiry.objects.filter(status=InquiryStatus.OPEN).order_by("id").first().pk,
        "transfers": Transfer.objects.order_by("id").first().pk,
        "breaches": Breach.objects.filter(staff__user__username="handler").order_by("id").first().pk,
        "holder-changes": _pending_holder_change(bureau["chief"]).pk,
        "refusals": _filed_refusal(bureau["handler"]).pk,
        # The record first: when the demo has none, it is opened from a complaint it answers.
        "accountability-records": _open_record(bureau).pk,
        "complaints": _received_complaint(bureau["handler"]).pk,
        "follow-ups": _open_follow_up(bureau["handler"]).pk,
    }


def _open_follow_up(handler):
    """A follow-up waiting for its call-back: the handler's completed case rated
    非常不满意 from its link, when the demo has none."""
    from deadlines.models import CaseStatus
    from deadlines.services import case_complete
    from evaluation.models import FollowUp, FollowUpStatus
    from evaluation.services import rating_submit
    from evaluation.tokens import token_for

    waiting = FollowUp.objects.filter(status=FollowUpStatus.OPEN).order_by("id").first()
    if waiting is not None:
        return waiting
    case = (
        Case.objects.filter(handler=handler, status=CaseStatus.COMPLETED, rating__isnull=True)
        .order_by("id")
        .first()
    )
    if case is None:
        case = case_complete(
            actor=handler.user,
            case=Case.objects.filter(handler=handler, status=CaseStatus.RECEIVED).order_by("id").first(),
        )
    return rating_submit(actor=None, token=token_for(case), level=1, reason="办事拖拉").follow_up


def _received_complaint(about):
    from accountability.models import Complaint, ComplaintStatus
    from accountability.services_complaints import complaint_file

    waiting = Complaint.objects.filter(status=ComplaintStatus.RECEIVED).order_by("id").first()
    if waiting is not None:
        return waiting
    return complaint_file(
        actor=None,
        subject="窗口推诿",
        description="工作人员以系统故障为由让我改日再来。",
        complainant_name="王先生",
        complainant_phone="13812345678",
        about_staff=about,
    )


def _open_record(bureau):
    """An open record, from a complaint upheld against the handler when the demo has none."""
    from accountability.models import Record, RecordStatus
    from accountability.services_complaints import complaint_accept, complaint_answer

    waiting = Record.objects.filter(status=RecordStatus.OPEN).order_by("id").first()
    if waiting is not None:
        return waiting
    supervisor = bureau["supervisor"].user
    complaint = complaint_accept(actor=supervisor, complaint=_received_complaint(bureau["handler"]))
    complaint_answer(actor=supervisor, complaint=complaint, answer="经查属实", upheld=True)
    return Record.objects.get(source="complaint", source_id=complaint.pk)


def _filed_refusal(handler):
    from deadlines.models import CaseStatus
    from refusals.models import Refusal, RefusalStatus
    from refusals.services import refusal_file

    waiting = Refusal.objects.filter(status=RefusalStatus.FILED).order_by("id").first()
    if waiting is not None:
        return waiting
    case = Case.objects.filter(handler=handler, status=CaseStatus.RECEIVED).order_by("id").first()
    return refusal_file(
        actor=handler.user,
        case=case,
        kind="not_granted",
        facts="现场核查不符合条件",
        reason="经营场所不符合要求",
        legal_basis="《中华人民共和国行政许可法》第三十八条第二款",
    )


def _pending_holder_change(chief):
    from abpositions.models import ChangeStatus, HolderChange, HolderRole
    from abpositions.services_holders import holder_change_request
    from org.models import Post

    waiting = HolderChange.objects.filter(status=ChangeStatus.PENDING).order_by("id").first()
    if waiting is not None:
        return waiting
    post = Post.objects.filter(department=chief.department_id).order_by("id").first()
    return holder_change_request(
        actor=chief.user, post=post, role=HolderRole.A, proposed=post.b_holder, reason="岗位轮换"
    )


@pytest.fixture
def anyone_may(bureau):
    """The demo supervisor, made a superuser: sees every object and passes every
    permission, so that a request reaches the reading of its body."""
    supervisor = bureau["supervisor"]
    supervisor.user.is_superuser = True
    supervisor.user.save(update_fields=["is_superuser"])
    return supervisor


def schema():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def write_operations():
    """(path, method, operation) of every write the schema declares."""
    return [
        (path, method, operation)
        for path, operations in schema()["paths"].items()
        for method, operation in operations.items()
        if method in ("post", "put", "patch", "delete")
    ]


def url_of(path: str, objects: dict) -> str:
    resource = path.removeprefix("/api/v1/").split("/")[0]
    return path.replace("{id}", str(objects.get(resource, 0)))
