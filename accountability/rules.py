"""Who may see and act on accountability records and complaints (rule 7).

A staff member sees their own records, a section chief their section's,
supervisors everything. The person responsible (the chief, for a record about
a section) explains, appeals and acknowledges; supervisors decide.
"""

import rules

from org.predicates import in_same_department, is_section_chief, is_staff_member, is_supervisor, staff_of


@rules.predicate
def is_the_person(user, record):
    me = staff_of(user)
    return record is not None and me is not None and record.staff_id == me.pk


@rules.predicate
def chief_of_its_section(user, record):
    return record is not None and is_section_chief(user) and in_same_department(user, record)


@rules.predicate
def about_a_section(user, record):
    return record is not None and record.staff_id is None


answerable = is_the_person | (about_a_section & chief_of_its_section)

rules.add_perm("accountability.view_record", is_the_person | chief_of_its_section | is_supervisor)
rules.add_perm("accountability.explain_record", answerable)
rules.add_perm("accountability.appeal_record", answerable)
rules.add_perm("accountability.acknowledge_decision", answerable)
rules.add_perm("accountability.decide_record", is_supervisor)
rules.add_perm("accountability.decide_appeal", is_supervisor & ~is_the_person)
# The supervisor's desk and the bureau report; a chief's report is their section's.
rules.add_perm("accountability.view_desk", is_supervisor)
rules.add_perm("accountability.view_report", is_section_chief | is_supervisor)
# Complaints: any staff member logs one received by phone or at the desk; supervisors handle them.
rules.add_perm("accountability.log_complaint", is_staff_member)
rules.add_perm("accountability.handle_complaint", is_supervisor)
rules.add_perm("accountability.view_complaint", is_supervisor)
# The complainant's full phone, on the complaint's page, on a click that is logged.
rules.add_perm("accountability.see_complainant_contact", is_supervisor)
