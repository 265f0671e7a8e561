import rules

from org.predicates import is_administrator, is_staff_member

rules.add_perm("org.view_directory", is_staff_member | is_administrator)
rules.add_perm("org.manage_org", is_administrator)
