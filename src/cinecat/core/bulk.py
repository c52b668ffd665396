"""Rows written many at a time.

Django's ``bulk_create`` and ``bulk_update`` compile every value of every row through the ORM
(and ``bulk_update`` builds a ``CASE WHEN`` per field per row); for an import of many thousand
rows that costs several times the database's own work. These helpers hand plain tuples to the
cursor's ``executemany`` instead, converting only the values the database cannot take as they
are (dates, decimals, JSON), with Django's own field code, so SQLite and PostgreSQL get what the
ORM would have sent.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from operator import attrgetter
from types import SimpleNamespace

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

# Values of these field types go to the database as Python holds them.
_PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


def chunks(values: Iterable, size: int) -> Iterator[list]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert_rows(model: type[models.Model], fields: list[str], rows: list[tuple]) -> None:
    """INSERT plain tuples with executemany: for link rows (credits, genres, tags) building a
    model instance per row would cost more than the insert itself.

    Columns left out get the field's default (auto_now fields: now), as a new instance would.
    """
    if not rows:
        return
    given = [model._meta.get_field(name) for name in fields]
    left_out = [
        field
        for field in model._meta.concrete_fields
        if field not in given and not field.primary_key
    ]
    tail = tuple(_prepared(field, _default(field)) for field in left_out)
    rows = _prepare_rows(given, rows)
    if tail:
        rows = [row + tail for row in rows]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in given + left_out)
    marks = ", ".join(["%s"] * (len(given) + len(left_out)))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})", rows
        )


class NewRow(SimpleNamespace):
    """A row to insert, its fields' values as attributes named as the model's (``edition_id``).

    Django's ``Model.__init__`` walks every field of the model (defaults, descriptors, signals):
    for the thousands of new rows of an import it costs more than their insert.
    """

    @property
    def pk(self) -> int:
        return self.id  # set by insert_new: every table of the catalog keys on ``id``


def insert_new(model: type[models.Model], rows: Sequence[NewRow]) -> None:
    """Insert new rows, each with the fields set on the first, and give each its ``id``.

    Fields set on none get their default (auto_now fields: now), as a new instance would.
    """
    if not rows:
        return
    names = list(vars(rows[0]))
    for row, pk in zip(rows, reserve_ids(model, len(rows)), strict=True):
        row.id = pk
    values = attrgetter(*names) if len(names) > 1 else lambda row: (getattr(row, names[0]),)
    fields = [model._meta.get_field(name).name for name in names]
    insert_rows(model, ["id", *fields], [(row.id, *values(row)) for row in rows])


def update_objects(
    model: type[models.Model], objs: Sequence[models.Model], fields: list[str]
) -> None:
    """UPDATE these fields of these instances, one executemany: no CASE WHEN per row."""
    if not objs:
        return
    given = [model._meta.get_field(name) for name in fields]
    names = [field.attname for field in given]
    rows = [(*[getattr(obj, name) for name in names], obj.pk) for obj in objs]
    rows = _prepare_rows([*given, model._meta.pk], rows)
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in given)
    pk = quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {pk} = %s", rows
        )


def reserve_ids(model: type[models.Model], count: int) -> Iterator[int]:
    """``count`` primary keys that no other row has or will get, for rows inserted with them.

    PostgreSQL hands them out from the table's sequence. SQLite numbers rows past the highest
    id ever used (AUTOINCREMENT's sqlite_sequence); that is safe because a write transaction
    holds the database's only write lock until it ends.
    """
    if not count:
        return iter(())
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), column, count],
            )
            return iter(sorted(row[0] for row in cursor.fetchall()))
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"reserve_ids does not know {connection.vendor}")
        quote = connection.ops.quote_name
        cursor.execute(
            f"SELECT max(coalesce((SELECT max({quote(column)}) FROM {quote(table)}), 0),"
            " coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        first = cursor.fetchone()[0] + 1
    return iter(range(first, first + count))


def select_where_in(
    model: type[models.Model],
    columns: list[str],
    field: str,
    values: Iterable,
    *,
    where: dict[str, object] | None = None,
    newest_first: bool = False,
) -> Iterator[tuple]:
    """The ``columns`` of the rows whose ``field`` is one of ``values`` (and whose fields equal
    ``where``), 500 values a statement: plain SQL, as the ORM compiles each value of an ``IN``.
    """
    quote = connection.ops.quote_name
    column = lambda name: quote(model._meta.get_field(name).column)  # noqa: E731
    selected = ", ".join(column(name) for name in columns)
    conditions = [f"{column(name)} = %s" for name in where or {}]
    order = f" ORDER BY {quote(model._meta.pk.column)} DESC" if newest_first else ""
    with connection.cursor() as cursor:
        for chunk in chunks(values, 500):
            marks = ", ".join(["%s"] * len(chunk))
            tests = " AND ".join([f"{column(field)} IN ({marks})", *conditions])
            cursor.execute(
                f"SELECT {selected} FROM {quote(model._meta.db_table)} WHERE {tests}{order}",
                [*chunk, *(where or {}).values()],
            )
            yield from cursor.fetchall()


def grouped(pairs: Iterable[tuple]) -> dict:
    """(key, value) pairs as key → the tuple of its values, in the order met."""
    found: dict = defaultdict(list)
    for key, value in pairs:
        found[key].append(value)
    return {key: tuple(values) for key, values in found.items()}


def with_ids(queryset: models.QuerySet, field: str, ids: Iterable[int]) -> models.QuerySet:
    """``queryset.filter(<field>__in=ids)`` for integer ids, without the ORM's preparation of
    each value (a tenth of an export's time at a thousand ids a query): the ids, made ints,
    are written into the SQL as numbers."""
    numbers = ",".join(str(int(value)) for value in ids)
    if not numbers:
        return queryset.none()
    quote = connection.ops.quote_name
    meta = queryset.model._meta
    column = f"{quote(meta.db_table)}.{quote(meta.get_field(field).column)}"
    return queryset.extra(where=[f"{column} IN ({numbers})"])


def delete_where_in(model: type[models.Model], field: str, ids: Iterable[int]) -> None:
    for chunk in chunks(ids, 500):
        with_ids(model._base_manager.all(), field, chunk)._raw_delete(model._base_manager.db)


def _prepare_rows(fields: list[models.Field], rows: list[tuple]) -> list[tuple]:
    """The rows with every value the database cannot take as it is converted by its field."""
    converters = [_converter(field) for field in fields]
    if not any(converters):
        return rows
    steps = [(i, convert) for i, convert in enumerate(converters) if convert]
    prepared = []
    for row in rows:
        row = list(row)
        for i, convert in steps:
            row[i] = convert(row[i])
        prepared.append(tuple(row))
    return prepared


def _converter(field: models.Field) -> Callable | None:
    if field.get_internal_type() in _PLAIN_TYPES:
        return None
    # The connection itself, not the proxy ``connection``, whose every attribute is looked up
    # in this thread's connections: a value's conversion reads several.
    database = connections[DEFAULT_DB_ALIAS]
    if field.get_internal_type() == "JSONField":
        return lambda value: field.get_db_prep_save(value, database)
    # Dates and times repeat (every row of a batch is stamped with the same "now"): convert
    # each value once.
    converted: dict = {}

    def convert(value):
        if value not in converted:
            converted[value] = field.get_db_prep_save(value, database)
        return converted[value]

    return convert


def _prepared(field: models.Field, value):
    convert = _converter(field)
    return convert(value) if convert else value


def _default(field: models.Field):
    if _stamped(field):
        return timezone.now()
    return field.get_default()


def _stamped(field: models.Field) -> bool:
    """auto_now and auto_now_add fields: set to now when a row is created."""
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
