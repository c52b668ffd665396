"""Keeping the database's query planner informed after large writes.

SQLite keeps no statistics of its own: until ``ANALYZE`` has run, it guesses that a test such as
``trashed_at IS NULL`` is selective and may walk the wrong index (a barcode lookup scanning every
copy). The record writer refreshes them whenever it has stored records (an import, a restore,
the demo). Each index is read whole: about a second at 100,000 copies. A sampled ANALYZE
(``analysis_limit``) is no cheaper in the end: it caps the rows it counts for a value, so a
collection of 100,000 copies looks like one of a thousand and the lookups it should spare walk
every copy again.
PostgreSQL's autovacuum analyses by itself shortly after a bulk load.
"""

from django.db import connection


def refresh_statistics() -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
