"""Who works a poor rating's follow-up and who decides its appeal (rule 8)."""

import rules

from org.predicates import in_same_department, is_section_chief, is_supervisor

chief_of_its_section = is_section_chief & in_same_department

# 谁办理谁负责: the handler's section chief calls back, fixes and appeals; supervisors see all.
rules.add_perm("evaluation.work_follow_up", chief_of_its_section)
rules.add_perm("evaluation.view_follow_up", chief_of_its_section | is_supervisor)
rules.add_perm("evaluation.decide_rating_appeal", is_supervisor)
rules.add_perm("evaluation.view_follow_ups", is_section_chief | is_supervisor)
# A frozen period is revised by a supervisor, with the reason, as a new revision.
rules.add_perm("evaluation.revise_snapshot", is_supervisor)
# The evaluation tables: supervisors all, chiefs their section, staff their own row.
rules.add_perm("evaluation.view_dashboard", is_section_chief | is_supervisor)
