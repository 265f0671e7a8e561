"""What an applicant refused may still do (Administrative Licensing Law art. 38):
the one remedies block every refusal's paper prints, the refusal notice and the
one-time notice saying a matter cannot be accepted alike.

The bodies, the court and the complaint contact are the bureau's settings; the
time limits are the law's (Administrative Reconsideration Law art. 20: 60 days;
Administrative Litigation Law art. 46: 6 months)."""

from constance import config

from core.paper.sheet import Section

HEADING = "申请人的权利"
RECONSIDERATION = "如不服本决定，可以自收到本决定之日起60日内向{bodies}申请行政复议；"
LITIGATION = "也可以自收到本决定之日起6个月内向{court}提起行政诉讼。"
COMPLAINT = "如对本局的工作效能有意见，可以向{contact}投诉。"


def refusal_remedies() -> Section:
    """The remedies block, with the bodies named in the bureau's settings."""
    lines = (
        RECONSIDERATION.format(bodies=config.RECONSIDERATION_BODIES.strip() or "有关行政复议机关"),
        LITIGATION.format(court=config.LITIGATION_COURT.strip() or "有管辖权的人民法院"),
        COMPLAINT.format(contact=config.EFFICIENCY_COMPLAINT_CONTACT.strip() or "本局效能监督部门"),
    )
    return Section(heading=HEADING, text="\n".join(lines))
