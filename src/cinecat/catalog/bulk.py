"""Rows written many at a time."""

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, models


def chunks(values: Iterable, size: int) -> Iterator[list]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert_rows(model: type[models.Model], fields: list[str], rows: list[tuple]) -> None:
    """INSERT plain tuples with executemany: for link rows (credits, genres, tags) building a
    model instance per row would cost more than the insert itself."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def delete_where_in(model: type[models.Model], field: str, ids: Iterable[int]) -> None:
    for chunk in chunks(ids, 500):
        model._base_manager.filter(**{f"{field}__in": chunk})._raw_delete(model._base_manager.db)
