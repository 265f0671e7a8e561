"""Moving case numbering to core.numbers gives no number twice."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.numbers import next_number

BEFORE = [("deadlines", "0005_case_indexes_cover_the_lists"), ("core", "0002_daily_counter")]
AFTER = [("deadlines", "0006_case_numbers_from_core")]


@pytest.mark.django_db(transaction=True)
def test_the_days_already_counted_continue_where_they_were():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    old_apps.get_model("deadlines", "CaseCounter").objects.create(day=date(2026, 11, 20), last=7)
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        assert next_number("", date(2026, 11, 20)) == "202611200008"
        assert next_number("", date(2026, 11, 21)) == "202611210001"
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
