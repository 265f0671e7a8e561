"""Claiming a batch of job steps with one insert.

A periodic job makes each step a row with a unique constraint. Inserting a
batch of them with ``ON CONFLICT DO NOTHING RETURNING`` (PostgreSQL, and
SQLite from 3.35) claims the batch in one statement and tells which rows
this call inserted: a step another run or worker took already is skipped,
and on PostgreSQL the insert waits for that worker's transaction to end.
"""

from django.db import connection, models


def claim_rows(model: type[models.Model], rows: list[dict], *, returning: str) -> set:
    """Insert ``rows`` (field name → value) into ``model``'s table, skipping
    those that break a unique constraint; the ``returning`` column of each
    row inserted."""
    if not rows:
        return set()
    fields = [model._meta.get_field(name) for name in rows[0]]
    params = []
    for row in rows:
        params += [field.get_db_prep_save(row[field.name], connection) for field in fields]
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES {', '.join([placeholders] * len(rows))} "
        f"ON CONFLICT DO NOTHING RETURNING {quote(model._meta.get_field(returning).column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}
