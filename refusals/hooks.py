"""What rule 6 registers with the apps below it: the matter is refused only
with a refusal in force on file, and a notice saying it cannot be accepted at
all files one."""

from refusals.models import IN_FORCE, Refusal


def _in_force_number(**matter) -> str | None:
    return Refusal.objects.filter(status__in=IN_FORCE, **matter).values_list("number", flat=True).first()


def register() -> None:
    from deadlines.links import register_refusal_check as cases
    from inquiries.links import register_refusal_check as inquiries
    from notifications.links import register_refusal_filer
    from refusals import history, services

    cases(lambda case: _in_force_number(case=case))
    inquiries(lambda inquiry: _in_force_number(inquiry=inquiry))
    register_refusal_filer(services.refusal_file_from_notice)
    history.register()
