"""Running calls at the same moment, as two people or two workers would: each
in a thread with its own database connection, released together by a barrier.
On PostgreSQL (CI's second pass) the rows are really contended."""

import threading

from django.db import connection


def run_together(*calls):
    """[("ok", result) | ("error", exception)] for each call, in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", call())
        except Exception as exc:
            results[index] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
