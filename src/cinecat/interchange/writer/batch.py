"""Writing one batch of entries: new ones created in bulk, known ones updated in bulk."""

import datetime as dt
from collections.abc import Callable
from operator import attrgetter
from typing import NamedTuple

from django.utils import timezone

from cinecat.catalog.fields import copy_fields, edition_fields, work_fields
from cinecat.catalog.models import (
    Collection,
    Copy,
    Edition,
    EditionWork,
    Work,
)
from cinecat.catalog.models.work import FOLDED_TITLES, fold_titles, sort_key
from cinecat.catalog.records import CopyRecord, EditionRecord, WorkRecord
from cinecat.core.bulk import (
    NewRow,
    insert_new,
    insert_rows,
    select_where_in,
    update_objects,
    with_ids,
)
from cinecat.lending.models import Borrower
from cinecat.search.index import CopyText, WorkText, document, plot_words

from .children import Children
from .lookups import Lookups
from .matching import Incoming
from .placement import Placements

WORK_MAP, EDITION_MAP, COPY_MAP = work_fields(), edition_fields(), copy_fields()
WORK_FIELDS = list(WORK_MAP.columns)
EDITION_FIELDS = list(EDITION_MAP.columns)
# An update keeps the copy's number; the source is the import's.
COPY_FIELDS = [name for name in COPY_MAP.columns if name != "index"] + ["source_key", "source_id"]
WORK_LINKS = [(name, WORK_MAP.target(name)) for name in WORK_MAP.name_sets]


def _attnames(model: type, fields: list[str]) -> list[str]:
    return [model._meta.get_field(name).attname for name in fields]


WORK_ATTNAMES = _attnames(Work, WORK_FIELDS)
EDITION_ATTNAMES = _attnames(Edition, EDITION_FIELDS)
COPY_ATTNAMES = _attnames(Copy, COPY_FIELDS)


class EditionText(NamedTuple):
    """What the search documents of an edition's copies hold of it."""

    barcode: str
    distributor: str | None
    works: list[WorkText]


_KEPT = ("index", "added_at", "modified_at")  # claimed, or as the source gives them


class BatchWriter:
    def __init__(
        self, collection: Collection, source_key: str, placements: Placements | None = None
    ) -> None:
        self.placements = placements or Placements()
        self.collection = collection
        self.source_key = source_key
        self.lookups = Lookups(collection)
        self.children = Children(self.lookups)
        # When the file gave no time: the import's, one for all (and converted once for the
        # database, not once a copy).
        self.now = timezone.now()
        # Copies in the trash keep their numbers until purged.
        taken = Copy.everything.filter(collection=collection).values_list("index", flat=True)
        self.used_indexes = set(taken)
        self.next_index = max(self.used_indexes, default=0) + 1
        self._documents: list[tuple] = []  # of copies created, not yet indexed
        self._unindexed: list[int] = []  # copies created whose documents are read back

    # -- shared ---------------------------------------------------------------------------

    def prepare(self, entries: list[Incoming]) -> None:
        """Create, in a few statements, every pick-list value the batch names."""
        works = [work for entry in entries for work in entry.record.works]
        parts = [
            (WORK_MAP, works),
            (EDITION_MAP, [e.record.edition for e in entries]),
            (COPY_MAP, [e.record.copy for e in entries]),
        ]
        for fields, records in parts:
            for name in fields.name_sets:
                self.lookups.ensure(
                    fields.target(name), (v for r in records for v in getattr(r, name))
                )
            for name in fields.names:
                self.lookups.ensure(fields.target(name), (getattr(r, name) for r in records))
        self.lookups.ensure_people(credit for work in works for credit in work.credits)
        self.lookups.ensure(
            Borrower, (loan.borrower for e in entries for loan in e.record.copy.loans)
        )

    def _fill_work(self, work: Work, record: WorkRecord) -> Work:
        WORK_MAP.fill(work, record, name_id=self.lookups.id, place_id=self.lookups.location)
        work.sort_title = record.sort_title or sort_key(record.title)
        fold_titles(work)
        return work

    def _fill_edition(self, edition: Edition, record: EditionRecord, barcode: str) -> Edition:
        EDITION_MAP.fill(edition, record, name_id=self.lookups.id, place_id=self.lookups.location)
        edition.format = record.format or "Other"
        edition.barcode = barcode  # normalised, as the entry's checks found it
        return edition

    def _fill_copy(self, copy: Copy, record: CopyRecord, source_id: str) -> Copy:
        added_at = copy.added_at  # a new copy's is self.now
        COPY_MAP.fill(
            copy, record, name_id=self.lookups.id, place_id=self.lookups.location, skip=_KEPT
        )
        copy.added_at = _aware(record.added_at) or added_at
        copy.modified_at = _aware(record.modified_at) or self.now
        copy.source_key, copy.source_id = self.source_key, source_id
        return copy

    def _claim_index(self, wanted: int | None, entry: Incoming) -> int:
        if wanted is not None and wanted not in self.used_indexes:
            index = wanted
        else:
            while self.next_index in self.used_indexes:
                self.next_index += 1
            index = self.next_index
            if wanted is not None:
                entry.messages.append(f"index {wanted} is taken; this copy got {index}")
        self.used_indexes.add(index)
        self.next_index = max(self.next_index, index + 1)
        return index

    # -- new entries ----------------------------------------------------------------------

    def create(self, entries: list[Incoming]) -> list[NewRow]:
        """New copies, on editions found by barcode or made here, of works matched or made.

        Their rows are plain objects (NewRow), not Copy instances: a report keeps a few of
        their fields.
        """
        new_editions, edition_of = self._editions_for(entries)
        made = self._create_editions(entries, new_editions)
        copies = []
        for entry in entries:
            edition_id = edition_of(entry)
            self.placements.made(entry.placement, edition_id)
            trashed_at = entry.placement.trashed_at if entry.placement else None
            copy = NewRow(
                collection_id=self.collection.pk,
                edition_id=edition_id,
                index=self._claim_index(entry.record.copy.index, entry),
                added_at=self.now,
                modified_at=self.now,
                trashed_at=trashed_at,
            )
            copies.append(self._fill_copy(copy, entry.record.copy, entry.record.source_id))
            self.placements.trashed += trashed_at is not None
        insert_new(Copy, copies)
        placed = [(c.edition_id, e.placement) for c, e in zip(copies, entries, strict=True)]
        self.placements.covers([(edition, p) for edition, p in placed if p is not None])
        self.children.of_copies(
            [(c, e.record.copy) for c, e in zip(copies, entries, strict=True)], False
        )
        for copy, entry in zip(copies, entries, strict=True):
            if copy.edition_id in made:
                self._documents.append(_document(copy, entry.record.copy, made[copy.edition_id]))
            else:  # an edition stored before: its works are read back
                self._unindexed.append(copy.pk)
        return copies

    def _editions_for(self, entries: list[Incoming]) -> tuple[dict[int, NewRow], Callable]:
        """The editions to create (by the entry's position) and each entry's edition: the one
        its backup's edition number was made as, else the one of its barcode, else a new one
        (two copies of one new DVD, or of one numbered edition, in the same file share it)."""
        by_barcode = self._editions_by_barcode(entries)
        known: dict[int, int] = {}  # position → an edition stored before
        new: dict[int, NewRow] = {}  # position → the edition to create for it
        shared: dict[object, NewRow] = {}  # a barcode or an edition number → its new edition
        owner: dict[int, NewRow] = {}  # position → the new edition it is on
        for entry in entries:
            found = self.placements.edition_of(entry.placement) or by_barcode.get(entry.barcode)
            if found is not None:
                known[entry.position] = found
                continue
            keys = [key for key in (entry.barcode or None, _key(entry)) if key is not None]
            edition = next((shared[key] for key in keys if key in shared), None)
            if edition is None:
                edition = self._fill_edition(NewRow(), entry.record.edition, entry.barcode)
                new[entry.position] = edition
            for key in keys:
                shared.setdefault(key, edition)
            owner[entry.position] = edition

        def edition_of(entry: Incoming) -> int:
            return known.get(entry.position) or owner[entry.position].pk

        return new, edition_of

    def take_documents(self) -> tuple[list[tuple], list[int]]:
        """The search documents of the copies created since the last call, and the copies
        whose documents are to be read back from the database."""
        taken = self._documents, self._unindexed
        self._documents, self._unindexed = [], []
        return taken

    def _editions_by_barcode(self, entries: list[Incoming]) -> dict[str, int]:
        # Two collections owning the same DVD share its Edition and its facts.
        wanted = {e.barcode for e in entries if e.barcode}
        # Oldest last, so that where two editions share a barcode the first one made wins.
        return dict(
            select_where_in(Edition, ["barcode", "id"], "barcode", wanted, newest_first=True)
        )

    def _create_editions(
        self, entries: list[Incoming], editions: dict[int, NewRow]
    ) -> dict[int, EditionText]:
        """Create these editions and their works; what their copies' documents hold of each."""
        entries_at = {entry.position: entry for entry in entries}
        insert_new(Edition, list(editions.values()))
        self.children.of_editions(
            [
                (edition.pk, entries_at[position].record.edition)
                for position, edition in editions.items()
            ],
            replace=False,
        )
        works: list[NewRow] = []
        records: list[WorkRecord] = []
        links: list[tuple[int, NewRow, int]] = []
        for entry in entries:
            edition = editions.get(entry.position)
            if edition is None:
                continue
            for order, record in enumerate(entry.record.works):
                work = self._fill_work(NewRow(), record)
                works.append(work)
                records.append(record)
                links.append((edition.pk, work, order))
        insert_new(Work, works)
        insert_rows(
            EditionWork,
            ["edition", "work", "order"],
            [(edition_id, work.pk, order) for edition_id, work, order in links],
        )
        self.children.of_works(
            [(w.pk, r) for w, r in zip(works, records, strict=True)], replace=False
        )
        texts = {work.pk: _work_text(work, r) for work, r in zip(works, records, strict=True)}
        made = {}
        for entry in entries:
            if (edition := editions.get(entry.position)) is not None:
                distributor = entry.record.edition.distributor if edition.distributor_id else None
                made[edition.pk] = EditionText(edition.barcode, distributor, [])
        for edition_id, work, _ in links:
            made[edition_id].works.append(texts[work.pk])
        return made

    # -- known entries --------------------------------------------------------------------

    def update(self, entries: list[Incoming]) -> list[Copy]:
        """Overwrite the copies, editions and works found for these entries with the file's."""
        copies = [entry.existing for entry in entries]
        # The last one read of each edition wins.
        editions: dict[int, tuple[Edition, bool, EditionRecord]] = {}
        for copy, entry in zip(copies, entries, strict=True):
            edition = copy.edition
            before = _values(edition, EDITION_ATTNAMES)
            barcode = entry.barcode or edition.barcode
            self._fill_edition(edition, entry.record.edition, barcode)
            differs = _values(edition, EDITION_ATTNAMES) != before
            editions[edition.pk] = (edition, differs, entry.record.edition)
        # Rows whose values are all as stored are not written again.
        changed = [edition for edition, differs, _ in editions.values() if differs]
        update_objects(Edition, changed, EDITION_FIELDS)
        self.children.of_editions([(pk, r) for pk, (_, _, r) in editions.items()], replace=True)
        self._update_works(entries, copies)
        changed_copies = []
        for copy, entry in zip(copies, entries, strict=True):
            before = _values(copy, COPY_ATTNAMES)
            self._fill_copy(copy, entry.record.copy, entry.record.source_id or copy.source_id)
            if _values(copy, COPY_ATTNAMES) != before:
                changed_copies.append(copy)
        update_objects(Copy, changed_copies, COPY_FIELDS)
        self.children.of_copies(
            [(c, e.record.copy) for c, e in zip(copies, entries, strict=True)], True
        )
        return copies

    def _update_works(self, entries: list[Incoming], copies: list[Copy]) -> None:
        linked: dict[int, dict[int, int]] = {}
        rows = with_ids(EditionWork.objects, "edition", [c.edition_id for c in copies])
        for edition_id, order, work_id in rows.values_list("edition", "order", "work"):
            linked.setdefault(edition_id, {})[order] = work_id
        existing = Work.objects.in_bulk(
            {work_id for orders in linked.values() for work_id in orders.values()}
        )
        stored = {pk: _values(work, WORK_ATTNAMES) for pk, work in existing.items()}
        changed: dict[int, tuple[Work, WorkRecord]] = {}
        added: list[tuple[int, int, NewRow, WorkRecord]] = []
        for copy, entry in zip(copies, entries, strict=True):
            orders = linked.get(copy.edition_id, {})
            for order, record in enumerate(entry.record.works):
                if order in orders:
                    work = self._fill_work(existing[orders[order]], record)
                    changed[work.pk] = (work, record)
                else:
                    added.append(
                        (copy.edition_id, order, self._fill_work(NewRow(), record), record)
                    )
        update_objects(
            Work,
            [w for w, _ in changed.values() if _values(w, WORK_ATTNAMES) != stored[w.pk]],
            [*WORK_FIELDS, *FOLDED_TITLES],
        )
        insert_new(Work, [work for _, _, work, _ in added])
        insert_rows(
            EditionWork,
            ["edition", "work", "order"],
            [(edition_id, work.pk, order) for edition_id, order, work, _ in added],
        )
        self.children.of_works([(pk, r) for pk, (_, r) in changed.items()], replace=True)
        self.children.of_works([(w.pk, r) for _, _, w, r in added], replace=False)


_ROLE = attrgetter("role")


def _work_text(work: NewRow, record: WorkRecord) -> WorkText:
    """A work's texts as ``search.index`` reads them back: credits by role, then order."""
    credits = sorted(record.credits, key=_ROLE)  # a stable sort: in order within a role
    people = [value for c in credits for value in (c.name, c.character) if value]
    return WorkText(
        [title for title in (work.title, work.sort_title, work.original_title) if title],
        " ".join(people),
        " ".join(plot_words(plot.text, plot.markup) for plot in record.plots if plot.text),
        " ".join(episode.title for episode in record.episodes if episode.title),
    )


def _document(copy: NewRow, record: CopyRecord, edition: EditionText) -> tuple:
    """The search document of a new copy, from what was just written: not read back."""
    tags = [name for name in dict.fromkeys(record.tags) if name]
    text = CopyText(
        copy.pk,
        copy.collection_id,
        copy.index,
        copy.notes,
        copy.other_details,
        edition.barcode,
        edition.distributor,
        tags,
    )
    return document(text, edition.works)


def _key(entry: Incoming) -> tuple | None:
    key = entry.placement.edition_key if entry.placement else None
    return ("key", key) if key is not None else None


def _values(obj: object, attnames: list[str]) -> list:
    return [getattr(obj, name) for name in attnames]


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value)
