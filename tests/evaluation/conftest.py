"""What the evaluation tests share: a case completed by the handler, and its rating link."""

import pytest
import time_machine

from tests.deadlines.conftest import at, item, make_item, open_case  # noqa: F401  (shared fixtures)


@pytest.fixture
def completed_case(official_calendar, open_case, handler):  # noqa: F811
    """Received Tue 2026-12-01, completed Thu 12-03 10:00."""
    from deadlines.services import case_complete

    with time_machine.travel(at(2026, 12, 1), tick=False):
        case = open_case()
    with time_machine.travel(at(2026, 12, 3), tick=False):
        return case_complete(actor=handler.user, case=case)


@pytest.fixture
def token(completed_case):
    from evaluation.tokens import token_for

    return token_for(completed_case)


@pytest.fixture(autouse=True)
def seeded_evaluation(db):
    """What evaluation's migrations seed (the default score scheme, the bureau's poor-rating
    reasons): a transactional test's flush removes them, so each test puts them back."""
    seed_evaluation()


def seed_evaluation():
    import importlib

    from django.apps import apps

    for name, function in (("0002_scores_and_snapshots", "default_scheme"), ("0003_poor_reasons", "seed")):
        module = importlib.import_module(f"evaluation.migrations.{name}")
        getattr(module, function)(apps, None)
