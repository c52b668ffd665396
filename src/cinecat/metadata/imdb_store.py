"""Writing the reference store's rows: plain executemany, each batch with how far its file got.

The ORM is left out of the hot path: a load writes tens of millions of rows, and building a
model instance per row would cost more than the database's own work.
"""

from collections import Counter

from django.db import connection, transaction
from django.db.models import F

from cinecat.core.bulk import chunks

from .imdb_files import FILES, DatasetFile
from .models import ImdbLoad

COUNT_ROWS = 300  # keys of an upsert statement: 900 values, under any SQLite's limit


def write(spec: DatasetFile, state: ImdbLoad, rows: list[tuple], line: int, bad: int) -> int:
    """Store a batch and, in the same transaction, that the file was read up to ``line``."""
    with transaction.atomic():
        if spec.counted:
            written = count(spec, rows)
        else:
            insert(spec, rows)
            written = len(rows)
        ImdbLoad.objects.filter(pk=state.pk).update(
            lines_done=line, rows=F("rows") + written, malformed=F("malformed") + bad
        )
    return written


def insert(spec: DatasetFile, rows: list[tuple]) -> None:
    """Insert plain rows: COPY on PostgreSQL (executemany there is a round trip a row, ten
    times slower), executemany on SQLite (in process: no round trips to save)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(spec.model._meta.db_table)
    columns = ", ".join(quote(spec.model._meta.get_field(name).column) for name in spec.fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(spec.fields))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def count(spec: DatasetFile, keys: list[tuple]) -> int:
    """Add the batch's counts of each key to the table's (``ON CONFLICT``: SQLite and
    PostgreSQL alike), COUNT_ROWS keys a statement: a season's episodes are spread all over
    the file."""
    counts = [(*key, number) for key, number in Counter(keys).items()]
    quote = connection.ops.quote_name
    table = quote(spec.model._meta.db_table)
    *key_columns, total = (quote(name) for name in spec.fields)
    columns = ", ".join([*key_columns, total])
    row = f"({', '.join(['%s'] * len(spec.fields))})"
    with connection.cursor() as cursor:
        for chunk in chunks(counts, COUNT_ROWS):
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(chunk))} "
                f"ON CONFLICT ({', '.join(key_columns)}) "
                f"DO UPDATE SET {total} = {table}.{total} + excluded.{total}",
                [value for values in chunk for value in values],
            )
    return len(counts)


def empty(spec: DatasetFile) -> None:
    table = connection.ops.quote_name(spec.model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {table}")
        else:
            cursor.execute(f"DELETE FROM {table}")


def analyze() -> None:
    """Planner statistics for the reference tables alone (the catalog's are left as they are)."""
    tables = [spec.model._meta.db_table for spec in FILES]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
