"""The demo absences: an A holder away now with B answering, one long over; a second run adds none."""

import pytest
import time_machine

from abpositions import cover
from abpositions import demo as abpositions_demo
from abpositions.models import Absence
from org import demo as org_demo
from org.models import Post
from tests.abpositions.conftest import at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("moment", ["2026-12-03 10:00", "2026-12-03 07:00"])
def test_the_a_holder_of_the_review_post_is_away_and_b_answers(moment):
    with time_machine.travel(at(moment), tick=False):
        org_demo.seed()
        abpositions_demo.seed()
        abpositions_demo.seed()
        assert Absence.objects.count() == 2
        post = Post.objects.get(name="许可审查岗")
        answer = cover.who_answers(post)
        assert (answer.staff.name, answer.basis) == ("钱伟", cover.Basis.B)
        assert answer.a_absence.contact
        past = Absence.objects.get(staff__name="刘志强")
        assert past.end < at(moment)
