"""The catalog read back as records: the reverse of the record writer.

Every field the writer stores comes back, so that exporting, importing the file elsewhere and
exporting again gives the same records. Exports, backups and the history read copies so.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from django.db.models import QuerySet

from cinecat.core.bulk import chunks, grouped, with_ids

from .fields import (
    CREDITS,
    DISCS,
    EPISODES,
    OWNER,
    PLOTS,
    VIEWINGS,
    FieldMap,
    copy_fields,
    edition_fields,
    numbered,
    work_fields,
)
from .models import Copy, Credit, EditionWork, Location
from .records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    Record,
    WorkRecord,
)

CHUNK_SIZE = 1000
WORK_LINKS = work_fields().name_sets
EDITION_LINKS = edition_fields().name_sets
# The parts of a record read by queries of their own; the copy, its edition, its works' own
# fields and its location are always read. Loans are lending's: read by the reader a caller
# passes (``loans_of``), for catalog knows nothing of lending.
PARTS = frozenset(
    {
        *WORK_LINKS,
        *EDITION_LINKS,
        "credits",
        "plots",
        "episodes",
        "tags",
        "disc_list",
        "viewing_log",
    }
)
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
        viewings = _children(VIEWINGS, list(loaded)) if "viewing_log" in parts else {}
        edition_parts = _edition_parts({row[2] for row in loaded.values()}, parts)
        editions: dict[int, EditionRecord] = {}
        for pk in chunk:
            pk, collection, edition_id, source_id, box_set, *values = loaded[pk]
            if edition_id not in editions:
                fields = _EDITION.from_columns(values[_EDITION_AT:])
                for name, found in edition_parts.items():
                    fields[name] = found.get(edition_id, ())
                editions[edition_id] = EditionRecord(**fields)
            copy = _COPY_MAP.from_columns(values[:_EDITION_AT])
            copy["location"] = paths.path(copy["location"])
            copy["tags"], copy["loans"] = tags.get(pk, ()), loans.get(pk, ())
            copy["viewing_log"] = viewings.get(pk, ())
            yield Record(
                works=works_of.get(edition_id, ()),
                edition=editions[edition_id],
                copy=CopyRecord(**copy),
                source_id=source_id,
                where=f"copy #{copy['index']}",
                part_of=box_set or "",
            )


# One query a chunk reads each copy with its edition: the copy's columns, then the edition's.
_COPY_MAP, _EDITION, _WORK = copy_fields(), edition_fields(), work_fields()
# A copy that came in a box set names it by the box set's source id, as the source did.
_COPY = ("pk", "collection_id", "edition_id", "source_id", "box_set__source_id")
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
    links = {name: _names(_WORK, name, work_ids) if name in parts else {} for name in WORK_LINKS}
    plots = _children(PLOTS, work_ids) if "plots" in parts else {}
    credits = _credits(work_ids) if "credits" in parts else {}
    episodes = _children(EPISODES, work_ids) if "episodes" in parts else {}
    works: dict[int, list[WorkRecord]] = defaultdict(list)
    for edition, work, *values in rows:
        fields = _WORK.from_columns(values)
        for name in WORK_LINKS:
            fields[name] = links[name].get(work, ())
        fields["plots"], fields["credits"] = plots.get(work, ()), credits.get(work, ())
        fields["episodes"] = episodes.get(work, ())
        works[edition].append(WorkRecord(**fields))
    return {edition: tuple(found) for edition, found in works.items()}


def _edition_parts(edition_ids: set[int], parts: frozenset[str]) -> dict[str, dict]:
    """The edition's names (co-distributors) and discs, those in ``parts``."""
    found = {name: _names(_EDITION, name, edition_ids) for name in EDITION_LINKS if name in parts}
    if "disc_list" in parts:
        found["disc_list"] = _children(DISCS, edition_ids)
    return found


def _children(fields: FieldMap, owner_ids: Iterable[int]) -> dict[int, tuple]:
    """The child rows of ``fields.model`` (plots, episodes, discs, viewings) of each owner, in
    order."""
    owner = OWNER[fields.model]
    ordering = ("order", "pk") if numbered(fields.model) else ("pk",)
    rows = with_ids(fields.model.objects, owner, owner_ids).order_by(*ordering)
    return grouped(
        (owner_id, fields.record(**fields.from_columns(values)))
        for owner_id, *values in rows.values_list(f"{owner}_id", *fields.read_columns())
    )


_PERSON = ("first_name", "middle_name", "last_name", "birth_year")


def _credits(work_ids: list[int]) -> dict[int, tuple[CreditRecord, ...]]:
    rows = with_ids(Credit.objects, "work", work_ids).order_by("order", "pk")
    person = [f"person__{name}" for name in _PERSON]
    columns = CREDITS.read_columns()
    found = []
    for work, name, *values in rows.values_list("work_id", "person__name", *columns, *person):
        fields = CREDITS.from_columns(values[: len(columns)])
        fields.update(zip(_PERSON, values[len(columns) :], strict=True))
        found.append((work, CreditRecord(name, **fields)))
    return grouped(found)


def _tags(copy_ids: list[int]) -> PlainValues:
    # Link rows in the order they were written: the order the tags were given.
    rows = with_ids(Copy.tags.through.objects, "copy", copy_ids).order_by("pk")
    return grouped(rows.values_list("copy_id", "tag__name"))


def _names(fields: FieldMap, name: str, owner_ids: Iterable[int]) -> PlainValues:
    """The names of a many-to-many pick list (genres, studios …) of each owner, in the order
    they were given (the link rows' order)."""
    m2m = fields.model._meta.get_field(name)
    owner, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    rows = with_ids(m2m.remote_field.through.objects, owner, owner_ids).order_by("pk")
    return grouped(rows.values_list(f"{owner}_id", f"{target}__name"))


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
