"""The post's status badge others include: an uncovered post is red wherever it appears."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from abpositions.cover import who_answers
from tests.abpositions.conftest import at

pytestmark = pytest.mark.django_db

WHEN = at("2026-12-08 14:00")


def badge(post):
    with translation.override("zh-hans"):
        return render_to_string("abpositions/includes/post_status.html", {"answer": who_answers(post, WHEN)})


def test_a_on_duty(post):
    html = badge(post)
    assert "A在岗" in html and "text-bg-success" in html and "text-bg-danger" not in html


def test_b_covering_names_b(post, a_holder, away):
    away(a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    html = badge(post)
    assert "B代岗" in html and "B岗李四" in html


def test_a_named_cover_names_them(post, a_holder, b_holder, make_staff, away):
    colleague = make_staff(name="同事王五")
    away(a_holder, "2026-12-08 09:00", "2026-12-08 18:00", cover=colleague)
    away(b_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    html = badge(post)
    assert "指定代岗" in html and "同事王五" in html


def test_uncovered_is_red_and_names_the_chief_answering(post, a_holder, b_holder, chief, away):
    away(a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    away(b_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    html = badge(post)
    assert "空岗" in html and "text-bg-danger" in html and "科长李红" in html


def test_uncovered_with_the_chief_away_too_is_red_and_names_nobody(post, a_holder, b_holder, chief, away):
    for person in (a_holder, b_holder, chief):
        away(person, "2026-12-08 09:00", "2026-12-08 18:00")
    html = badge(post)
    assert "空岗" in html and "text-bg-danger" in html and "科长李红" not in html
