"""The catalog read back as records: the reverse of the record writer.

Every field the writer stores comes back, so that exporting, importing the file elsewhere and
exporting again gives the same records. Exports, backups and the history read copies so.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator

from django.db.models import QuerySet

from cinecat.core.bulk import chunks, grouped, with_ids

from .fields import copy_fields, edition_fields, work_fields
from .models import Copy, Credit, EditionWork, Location, Plot, Work
from .records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    PlotRecord,
    Record,
    WorkRecord,
)

CHUNK_SIZE = 1000
WORK_LINKS = work_fields().name_sets
# The parts of a record read by queries of their own; the copy, its edition, its works' own
# fields and its location are always read. Loans are lending's: read by the reader a caller
# passes (``loans_of``), for catalog knows nothing of lending.
PARTS = frozenset({*WORK_LINKS, "credits", "plots", "tags"})
PlainValues = dict[int, tuple[str, ...]]
LoanReader = Callable[[list[int]], dict[int, tuple[LoanRecord, ...]]]


def records_of(
    copies: QuerySet[Copy], *, parts: frozenset[str] = PARTS, loans_of: LoanReader | None = None
) -> Iterator[Record]:
    """The copies as records, in the queryset's order, read CHUNK_SIZE copies at a time.

    Each chunk costs the same dozen queries however many copies, works and people it holds;
    rows come back as plain tuples (a model instance per credit would cost more than the rest).
    Only the ``parts`` named are read (all by default), and loans only with ``loans_of``; the
    others are empty in the records.
    """
    unknown = parts - PARTS
    if unknown:
        raise ValueError(f"unknown record parts: {', '.join(sorted(unknown))}")
    if not copies.ordered:
        copies = copies.order_by("pk")  # an export is always in a stated order
    pks = list(copies.values_list("pk", flat=True))
    paths = _LocationPaths()
    for chunk in chunks(pks, CHUNK_SIZE):
        # Copy.everything: the caller's queryset chose the copies, the trash too if it asked.
        rows = with_ids(Copy.everything, "id", chunk).values_list(*_COPY)
        loaded = {row[0]: row for row in rows}
        paths.load({row[1] for row in loaded.values()})
        works_of = _works_of({row[2] for row in loaded.values()}, parts)
        tags = _tags(list(loaded)) if "tags" in parts else {}
        loans = loans_of(list(loaded)) if loans_of else {}
        editions: dict[int, EditionRecord] = {}
        for pk in chunk:
            pk, collection, edition_id, source_id, *values = loaded[pk]
            if edition_id not in editions:
                editions[edition_id] = EditionRecord(**_EDITION.from_columns(values[_EDITION_AT:]))
            copy = _COPY_MAP.from_columns(values[:_EDITION_AT])
            copy["location"] = paths.path(copy["location"])
            copy["tags"], copy["loans"] = tags.get(pk, ()), loans.get(pk, ())
            yield Record(
                works=works_of.get(edition_id, ()),
                edition=editions[edition_id],
                copy=CopyRecord(**copy),
                source_id=source_id,
                where=f"copy #{copy['index']}",
            )


# One query a chunk reads each copy with its edition: the copy's columns, then the edition's.
_COPY_MAP, _EDITION, _WORK = copy_fields(), edition_fields(), work_fields()
_COPY = ("pk", "collection_id", "edition_id", "source_id")
_COPY += _COPY_MAP.read_columns() + _EDITION.read_columns("edition__")
_EDITION_AT = len(_COPY_MAP.columns)


def _works_of(edition_ids: set[int], parts: frozenset[str]) -> dict[int, tuple[WorkRecord, ...]]:
    """Each edition's works, in order, with the plots, credits and pick-list values in ``parts``."""
    rows = (
        with_ids(EditionWork.objects, "edition", edition_ids)
        .order_by("order", "pk")
        .values_list("edition_id", "work_id", *_WORK.read_columns("work__"))
    )
    rows = list(rows)
    work_ids = list({row[1] for row in rows})
    links = {name: _work_values(name, work_ids) if name in parts else {} for name in WORK_LINKS}
    plots = _plots(work_ids) if "plots" in parts else {}
    credits = _credits(work_ids) if "credits" in parts else {}
    works: dict[int, list[WorkRecord]] = defaultdict(list)
    for edition, work, *values in rows:
        fields = _WORK.from_columns(values)
        for name in WORK_LINKS:
            fields[name] = links[name].get(work, ())
        fields["plots"], fields["credits"] = plots.get(work, ()), credits.get(work, ())
        works[edition].append(WorkRecord(**fields))
    return {edition: tuple(found) for edition, found in works.items()}


def _plots(work_ids: list[int]) -> dict[int, tuple[PlotRecord, ...]]:
    rows = with_ids(Plot.objects, "work", work_ids).order_by("order", "pk")
    return grouped(
        (work, PlotRecord(text, author, kind))
        for work, text, author, kind in rows.values_list("work_id", "text", "author", "kind")
    )


def _credits(work_ids: list[int]) -> dict[int, tuple[CreditRecord, ...]]:
    rows = with_ids(Credit.objects, "work", work_ids).order_by("order", "pk")
    fields = ("work_id", "person__name", "character", "job", "role")
    return grouped(
        (work, CreditRecord(name, character, job, role))
        for work, name, character, job, role in rows.values_list(*fields)
    )


def _tags(copy_ids: list[int]) -> PlainValues:
    # Link rows in the order they were written: the order the tags were given.
    rows = with_ids(Copy.tags.through.objects, "copy", copy_ids).order_by("pk")
    return grouped(rows.values_list("copy_id", "tag__name"))


def _work_values(attribute: str, work_ids: list[int]) -> PlainValues:
    through = getattr(Work, attribute).through
    target = getattr(Work, attribute).field.related_model.__name__.lower()
    rows = with_ids(through.objects, "work", work_ids).order_by("pk")
    return grouped(rows.values_list("work_id", f"{target}__name"))


class _LocationPaths:
    """Every location of the collections met so far, to name a copy's place without a query."""

    def __init__(self) -> None:
        self.loaded: set[int] = set()
        self.nodes: dict[int, tuple[str, int | None]] = {}

    def load(self, collection_ids: set[int]) -> None:
        missing = collection_ids - self.loaded
        if missing:
            rows = Location.objects.filter(collection_id__in=missing)
            self.nodes.update(
                (pk, (name, parent))
                for pk, name, parent in rows.values_list("pk", "name", "parent_id")
            )
            self.loaded |= missing

    def path(self, location_id: int | None) -> tuple[str, ...]:
        names: list[str] = []
        while location_id is not None:
            name, location_id = self.nodes[location_id]
            names.append(name)
        return tuple(reversed(names))
