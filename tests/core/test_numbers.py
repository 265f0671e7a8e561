"""Numbers printed on paper: one serial per prefix and day, starting at 1."""

from datetime import date

import pytest
from django.db import transaction

from core.numbers import next_number


def test_each_prefix_and_day_counts_on_its_own(db):
    day, next_day = date(2026, 11, 26), date(2026, 11, 27)
    assert [next_number("Q", day) for _ in range(3)] == ["Q202611260001", "Q202611260002", "Q202611260003"]
    assert next_number("GZ", day) == "GZ202611260001"
    assert next_number("Q", next_day) == "Q202611270001"


def test_a_rolled_back_paper_gives_its_number_back(db):
    day = date(2026, 11, 26)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number("Q", day) == "Q202611260001"
        raise RuntimeError("the paper was not saved")
    assert next_number("Q", day) == "Q202611260001"
