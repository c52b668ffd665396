"""Which model field each record field stands for, and how its value is stored: derived once.

A record field stands for the model field of the same name. How a value goes into its column
follows from the two: a text held as it is; a tuple of lines in a text column ("\\n"-joined:
audio tracks); a tuple in a JSON column (regions; other details as [name, value] pairs); a name
in a pick list (a foreign key to a lookup row: the distributor, the storage device); names in a
pick list (a many-to-many of lookup rows: genres, tags); a path of places (the location). A
record field with no model field of its name (credits, plots, episodes, loans, source id …) is its
writer's own business. So a new plain field of an Edition needs its model field, its record
field and a migration: the import writer, the edit page, the exports and the history all take
their lists from here.
"""

import dataclasses
import functools
from dataclasses import dataclass
from typing import get_origin

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from .models import Copy, Credit, Disc, Edition, Episode, Plot, Viewing, Work
from .records import (
    CopyRecord,
    CreditRecord,
    DiscRecord,
    EditionRecord,
    EpisodeRecord,
    PlotRecord,
    ViewingRecord,
    WorkRecord,
)


@dataclass(frozen=True)
class FieldMap:
    """How the fields of one record type are stored on one model, each in the record's order."""

    model: type[models.Model]
    record: type  # the record type
    values: tuple[str, ...]  # stored as they are
    lines: tuple[str, ...]  # a tuple of lines in a text column
    lists: tuple[str, ...]  # a tuple in a JSON column
    names: tuple[str, ...]  # a name of a lookup row (a foreign key)
    name_sets: tuple[str, ...]  # names of lookup rows (many-to-many)
    paths: tuple[str, ...]  # a path of nested places, outermost first
    order: tuple[str, ...]  # all of them

    @property
    def columns(self) -> tuple[str, ...]:
        """Every field stored in a column of the model's own table, in the record's order."""
        own = set(self.values + self.lines + self.lists + self.names + self.paths)
        return tuple(name for name in self.order if name in own)

    def attname(self, name: str) -> str:
        """The column's attribute: ``distributor_id`` for the distributor."""
        return self.model._meta.get_field(name).attname

    def target(self, name: str) -> type[models.Model]:
        """The lookup model a name, names or path field points to."""
        return self.model._meta.get_field(name).related_model

    @functools.cached_property
    def _named(self) -> tuple[tuple[str, str, type[models.Model]], ...]:
        return tuple((name, self.attname(name), self.target(name)) for name in self.names)

    @functools.cached_property
    def _placed(self) -> tuple[tuple[str, str], ...]:
        return tuple((name, self.attname(name)) for name in self.paths)

    def to_column(self, name: str, value):
        """A record's value as its column holds it (names and paths are not columns' values)."""
        if name in self.lines:
            return "\n".join(value)
        if name in self.lists:
            return [list(item) if isinstance(item, tuple) else item for item in value]
        return value

    def from_column(self, name: str, value):
        """A column's value as its record holds it."""
        if name in self.lines:
            return tuple(value.split("\n")) if value else ()
        if name in self.lists:
            return tuple(tuple(item) if isinstance(item, list) else item for item in value or ())
        if name in self.names:
            return value or ""
        return value

    def read_columns(self, prefix: str = "") -> tuple[str, ...]:
        """What ``values_list`` reads for ``columns`` from a queryset of the model (or through
        ``prefix``, e.g. ``"edition__"``): a lookup's name, a place's id."""
        return tuple(
            f"{prefix}{name}__name"
            if name in self.names
            else f"{prefix}{self.attname(name)}"
            if name in self.paths
            else f"{prefix}{name}"
            for name in self.columns
        )

    def from_columns(self, values) -> dict:
        """The values read by ``read_columns`` as record fields (a place still as its id)."""
        return {
            name: convert(value) if convert else value
            for (name, convert), value in zip(self._readers, values, strict=True)
        }

    @functools.cached_property
    def _readers(self) -> tuple:
        plain = set(self.values + self.paths)
        return tuple(
            (name, None if name in plain else functools.partial(self.from_column, name))
            for name in self.columns
        )

    def fill(self, row, record, *, name_id, place_id, skip: tuple[str, ...] = ()) -> None:
        """Set the columns of ``row`` (a model instance or a plain row) from ``record``:
        ``name_id(model, name)`` and ``place_id(path)`` give the ids of lookup rows."""
        for name in self.values:
            if name not in skip:
                setattr(row, name, getattr(record, name))
        for name in self.lines:
            setattr(row, name, "\n".join(getattr(record, name)))
        for name in self.lists:
            setattr(row, name, self.to_column(name, getattr(record, name)))
        for name, attname, target in self._named:
            setattr(row, attname, name_id(target, getattr(record, name)))
        for name, attname in self._placed:
            setattr(row, attname, place_id(getattr(record, name)))


def _kind(record_field: dataclasses.Field, model_field: models.Field) -> str:
    if model_field.many_to_many:
        return "name_sets"
    if model_field.many_to_one:
        target = model_field.related_model
        return "paths" if any(f.name == "parent" for f in target._meta.fields) else "names"
    is_tuple = get_origin(record_field.type) is tuple
    if is_tuple and isinstance(model_field, models.JSONField):
        return "lists"
    if is_tuple:
        return "lines"
    return "values"


@functools.cache
def field_map(record_type: type, model: type[models.Model]) -> FieldMap:
    """The field map of ``record_type`` on ``model``: the record fields the model has."""
    found: dict[str, list[str]] = {
        kind: [] for kind in ("values", "lines", "lists", "names", "name_sets", "paths")
    }
    order = []
    for record_field in dataclasses.fields(record_type):
        try:
            model_field = model._meta.get_field(record_field.name)
        except FieldDoesNotExist:
            continue
        if model_field.is_relation and model_field.auto_created:
            continue  # a reverse relation (a copy's loans): not a field of its own
        found[_kind(record_field, model_field)].append(record_field.name)
        order.append(record_field.name)
    kinds = {kind: tuple(names) for kind, names in found.items()}
    return FieldMap(model, record_type, **kinds, order=tuple(order))


def work_fields() -> FieldMap:
    return field_map(WorkRecord, Work)


def edition_fields() -> FieldMap:
    return field_map(EditionRecord, Edition)


def copy_fields() -> FieldMap:
    return field_map(CopyRecord, Copy)


# The rows that hang off a work, an edition or a copy, and the field naming their owner.
CREDITS = field_map(CreditRecord, Credit)
PLOTS = field_map(PlotRecord, Plot)
EPISODES = field_map(EpisodeRecord, Episode)
DISCS = field_map(DiscRecord, Disc)
VIEWINGS = field_map(ViewingRecord, Viewing)
OWNER = {Credit: "work", Plot: "work", Episode: "work", Disc: "edition", Viewing: "copy"}


def numbered(model: type[models.Model]) -> bool:
    """Whether the rows of ``model`` keep their order in a column of their own (``order``)."""
    return any(field.name == "order" for field in model._meta.fields)
