import rules

from org.predicates import chiefs_of, is_chief_of, is_supervisor


@rules.predicate
def is_chief_of_post(user, post):
    return post is not None and is_chief_of(user, post)


@rules.predicate
def post_section_has_no_chief(user, post):
    # A section with no chief is never silent: the supervisors were alerted, and may name.
    return post is not None and not chiefs_of(post.department_id).exists()


# Item 5: naming who covers an uncovered post ("由科室负责人…指派其他人").
rules.add_perm("abpositions.name_cover", is_chief_of_post | (is_supervisor & post_section_has_no_chief))
