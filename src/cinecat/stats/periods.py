"""The year or month of a date or a time, as text ('2019', '2019-03'), counted in the database.

Django's own ExtractYear runs a Python function per row on SQLite; this is SQLite's strftime
(and PostgreSQL's to_char), so that grouping 100,000 copies by month stays in C. A time is read
in the catalog's time zone: Django sets the process's TZ to TIME_ZONE, which SQLite's
'localtime' follows; PostgreSQL is told the zone.
"""

from django.db.models import CharField, Func
from django.utils import timezone

FORMATS = {"year": ("%Y", "YYYY"), "month": ("%Y-%m", "YYYY-MM")}


class Period(Func):
    """``Period("added_at", "month", time=True)`` → '2019-03', the month it was in here."""

    output_field = CharField()

    def __init__(self, expression, unit: str = "year", *, time: bool = False) -> None:
        super().__init__(expression)
        self.unit, self.time = unit, time

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        modifier = ", 'localtime'" if self.time else ""
        return f"strftime(%s, {sql}{modifier})", [FORMATS[self.unit][0], *params]

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if self.time:
            sql, params = (
                f"({sql} AT TIME ZONE %s)",
                [*params, timezone.get_current_timezone_name()],
            )
        return f"to_char({sql}, %s)", [*params, FORMATS[self.unit][1]]
