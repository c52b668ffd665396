"""Keeping the database's query planner informed after large writes.

SQLite keeps no statistics of its own: until ``ANALYZE`` has run, it guesses that a test such as
``trashed_at IS NULL`` is selective and may walk the wrong index (a barcode lookup scanning every
copy). The record writer refreshes them whenever it has stored records (an import, a restore,
the demo); ``analysis_limit`` samples each index instead of reading it whole, so this takes a
fraction of a second even at 100,000 copies.

The sample counts at most about a thousand rows for a value: a collection of 100,000 copies
looks like one of a thousand. A full ANALYZE (a second at 100,000 copies) would say the truth,
but the planner then chose worse plans for the browse filters (a decade or year range with a
genre and a format: 0.6 s → 1.2 s in the search benchmark), so the sample stays, and lookups of
many values at once keep their lists short enough to be planned on their index whatever the
collection's size (``writer.matching``).

PostgreSQL's autovacuum analyses by itself, but only a while after a bulk load: until then the
planner goes by what the tables held before, and a facet count over a collection just loaded was
seen planned as nested loops over every row (minutes for 120 copies). So an import ends with an
ANALYZE there too (not during one: its own lookups are planned well enough).
"""

from django.db import connection


def refresh_statistics(*, during_import: bool = False) -> bool:
    """Refresh the planner's statistics; whether it did (PostgreSQL's wait for the import's end)."""
    if connection.vendor == "postgresql" and not during_import:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return True
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
    return True
