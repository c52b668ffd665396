"""Writing one batch of entries: new ones created in bulk, known ones updated in bulk."""

import datetime as dt

from django.utils import timezone

from cinecat.catalog.bulk import chunks, delete_where_in, insert_rows
from cinecat.catalog.models import (
    Collection,
    Company,
    Copy,
    Country,
    Credit,
    Edition,
    EditionWork,
    Genre,
    Language,
    Person,
    Plot,
    StorageDevice,
    Tag,
    Work,
)
from cinecat.catalog.models.work import sort_key
from cinecat.lending.models import Borrower, Loan

from ..formats.base import CopyRecord, EditionRecord, WorkRecord
from .lookups import Lookups
from .matching import Entry

WORK_FIELDS = [
    "title",
    "sort_title",
    "original_title",
    "year",
    "runtime_minutes",
    "colour",
    "trailer_url",
    "imdb_id",
    "tmdb_id",
]
EDITION_FIELDS = [
    "format",
    "name",
    "distributor",
    "release_date",
    "barcode",
    "rating_country",
    "rating",
    "regions",
    "discs",
    "packaging",
    "aspect_ratio",
    "audio",
    "subtitles",
]
COPY_FIELDS = [
    "status",
    "owner",
    "location",
    "storage_device",
    "storage_slot",
    "purchased_on",
    "purchase_price",
    "purchase_currency",
    "purchase_store",
    "condition",
    "notes",
    "my_rating",
    "viewings",
    "added_at",
    "modified_at",
    "source_key",
    "source_id",
]
WORK_LINKS = [("genres", Genre), ("countries", Country), ("languages", Language)]


class BatchWriter:
    def __init__(self, collection: Collection, source_key: str) -> None:
        self.collection = collection
        self.source_key = source_key
        self.lookups = Lookups(collection)
        self.used_indexes = set(collection.copies.values_list("index", flat=True))
        self.next_index = max(self.used_indexes, default=0) + 1

    # -- shared ---------------------------------------------------------------------------

    def prepare(self, entries: list[Entry]) -> None:
        """Create, in a few statements, every pick-list value the batch names."""
        works = [work for entry in entries for work in entry.record.works]
        for attribute, model in WORK_LINKS:
            self.lookups.ensure(model, (name for w in works for name in getattr(w, attribute)))
        self.lookups.ensure(Person, (credit.name for w in works for credit in w.credits))
        self.lookups.ensure(Company, (e.record.edition.distributor for e in entries))
        self.lookups.ensure(Tag, (tag for e in entries for tag in e.record.copy.tags))
        self.lookups.ensure(StorageDevice, (e.record.copy.storage_device for e in entries))
        self.lookups.ensure(
            Borrower, (loan.borrower for e in entries for loan in e.record.copy.loans)
        )

    def _fill_work(self, work: Work, record: WorkRecord) -> Work:
        for name in WORK_FIELDS:
            setattr(work, name, getattr(record, name))
        work.sort_title = record.sort_title or sort_key(record.title)
        return work

    def _fill_edition(self, edition: Edition, record: EditionRecord, barcode: str) -> Edition:
        edition.format = record.format or "Other"
        edition.name = record.name
        edition.distributor_id = self.lookups.id(Company, record.distributor)
        edition.release_date = record.release_date
        edition.barcode = barcode
        edition.rating_country = record.rating_country
        edition.rating = record.rating
        edition.regions = list(record.regions)
        edition.discs = record.discs
        edition.packaging = record.packaging
        edition.aspect_ratio = record.aspect_ratio
        edition.audio = "\n".join(record.audio)
        edition.subtitles = "\n".join(record.subtitles)
        return edition

    def _fill_copy(self, copy: Copy, record: CopyRecord, source_id: str) -> Copy:
        for name in (
            "status",
            "owner",
            "storage_slot",
            "purchased_on",
            "purchase_price",
            "purchase_currency",
            "purchase_store",
            "condition",
            "notes",
            "my_rating",
            "viewings",
        ):
            setattr(copy, name, getattr(record, name))
        copy.location_id = self.lookups.location(record.location)
        copy.storage_device_id = self.lookups.id(StorageDevice, record.storage_device)
        now = timezone.now()
        copy.added_at = _aware(record.added_at) or copy.added_at or now
        copy.modified_at = _aware(record.modified_at) or now
        copy.source_key, copy.source_id = self.source_key, source_id
        return copy

    def _claim_index(self, wanted: int | None, entry: Entry) -> int:
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

    def _write_work_details(self, pairs: list[tuple[int, WorkRecord]], replace: bool) -> None:
        """Genres, countries, languages, plots and credits of freshly saved works."""
        work_ids = [work_id for work_id, _ in pairs]
        for attribute, model in WORK_LINKS:
            through = getattr(Work, attribute).through
            column = f"{model.__name__.lower()}_id"
            if replace:
                delete_where_in(through, "work_id", work_ids)
            rows = [
                (work_id, value)
                for work_id, record in pairs
                for value in self.lookups.ids(model, getattr(record, attribute))
            ]
            insert_rows(through, ["work_id", column], rows)
        with_plots = [(i, r) for i, r in pairs if r.plots or not replace]
        with_credits = [(i, r) for i, r in pairs if r.credits or not replace]
        if replace:
            delete_where_in(Plot, "work_id", [i for i, r in pairs if r.plots])
            delete_where_in(Credit, "work_id", [i for i, r in pairs if r.credits])
        insert_rows(
            Plot,
            ["work", "kind", "text", "author", "order"],
            [
                (work_id, plot.kind, plot.text, plot.author, order)
                for work_id, record in with_plots
                for order, plot in enumerate(record.plots)
            ],
        )
        person = self.lookups.id
        insert_rows(
            Credit,
            ["work", "person", "role", "character", "job", "order"],
            [
                (work_id, person(Person, c.name), c.role, c.character, c.job, order)
                for work_id, record in with_credits
                for order, c in enumerate(record.credits)
            ],
        )

    def _write_copy_details(self, copies: list[tuple[Copy, CopyRecord]], replace: bool) -> None:
        through = Copy.tags.through
        if replace:
            delete_where_in(through, "copy_id", [copy.pk for copy, _ in copies])
        insert_rows(
            through,
            ["copy_id", "tag_id"],
            [
                (copy.pk, tag_id)
                for copy, record in copies
                for tag_id in self.lookups.ids(Tag, record.tags)
            ],
        )
        if replace:
            delete_where_in(Loan, "copy_id", [copy.pk for copy, record in copies if record.loans])
        Loan.objects.bulk_create(
            Loan(
                copy=copy,
                borrower_id=self.lookups.id(Borrower, loan.borrower),
                lent_on=loan.lent_on or copy.added_at.date(),
                due_on=loan.due_on,
                returned_on=loan.returned_on,
                notes=loan.notes,
            )
            for copy, record in copies
            for loan in record.loans
        )

    # -- new entries ----------------------------------------------------------------------

    def create(self, entries: list[Entry]) -> list[Copy]:
        """New copies, on editions found by barcode or made here, of works matched or made."""
        editions = self._editions_by_barcode(entries)
        new_editions: dict[int, Edition] = {}  # position → edition to create
        shared_by_barcode: dict[str, Edition] = {}
        for entry in entries:
            if entry.barcode in editions:
                continue
            if entry.barcode and entry.barcode in shared_by_barcode:
                continue  # two copies of one new DVD in the same file share its edition
            edition = self._fill_edition(Edition(), entry.record.edition, entry.barcode)
            new_editions[entry.position] = edition
            if entry.barcode:
                shared_by_barcode[entry.barcode] = edition
        self._create_editions(entries, new_editions)
        editions.update((code, ed.pk) for code, ed in shared_by_barcode.items())
        copies = []
        for entry in entries:
            edition_id = (
                new_editions[entry.position].pk
                if entry.position in new_editions
                else editions[entry.barcode]
            )
            copy = Copy(
                collection=self.collection,
                edition_id=edition_id,
                index=self._claim_index(entry.record.copy.index, entry),
            )
            copies.append(self._fill_copy(copy, entry.record.copy, entry.record.source_id))
        Copy.objects.bulk_create(copies, batch_size=500)
        self._write_copy_details(
            [(c, e.record.copy) for c, e in zip(copies, entries, strict=True)], False
        )
        return copies

    def _editions_by_barcode(self, entries: list[Entry]) -> dict[str, int]:
        # Two collections owning the same DVD share its Edition and its facts.
        found: dict[str, int] = {}
        for chunk in chunks({e.barcode for e in entries if e.barcode}, 500):
            rows = Edition.objects.filter(barcode__in=chunk).order_by("-pk")
            found.update(rows.values_list("barcode", "pk"))
        return found

    def _create_editions(self, entries: list[Entry], editions: dict[int, Edition]) -> None:
        Edition.objects.bulk_create(editions.values(), batch_size=500)
        works: list[Work] = []
        records: list[WorkRecord] = []
        links: list[tuple[int, Work, int]] = []
        for entry in entries:
            edition = editions.get(entry.position)
            if edition is None:
                continue
            for order, record in enumerate(entry.record.works):
                work = self._fill_work(Work(), record)
                works.append(work)
                records.append(record)
                links.append((edition.pk, work, order))
        Work.objects.bulk_create(works, batch_size=500)
        insert_rows(
            EditionWork,
            ["edition", "work", "order"],
            [(edition_id, work.pk, order) for edition_id, work, order in links],
        )
        self._write_work_details(
            [(w.pk, r) for w, r in zip(works, records, strict=True)], replace=False
        )

    # -- known entries --------------------------------------------------------------------

    def update(self, entries: list[Entry]) -> list[Copy]:
        """Overwrite the copies, editions and works found for these entries with the file's."""
        copies = [entry.existing for entry in entries]
        editions = [
            self._fill_edition(c.edition, e.record.edition, e.barcode or c.edition.barcode)
            for c, e in zip(copies, entries, strict=True)
        ]
        Edition.objects.bulk_update(
            list({ed.pk: ed for ed in editions}.values()), EDITION_FIELDS, batch_size=200
        )
        self._update_works(entries, copies)
        for copy, entry in zip(copies, entries, strict=True):
            self._fill_copy(copy, entry.record.copy, entry.record.source_id or copy.source_id)
        Copy.objects.bulk_update(copies, COPY_FIELDS, batch_size=200)
        self._write_copy_details(
            [(c, e.record.copy) for c, e in zip(copies, entries, strict=True)], True
        )
        return copies

    def _update_works(self, entries: list[Entry], copies: list[Copy]) -> None:
        linked: dict[int, dict[int, int]] = {}
        rows = EditionWork.objects.filter(edition__in=[c.edition_id for c in copies])
        for edition_id, order, work_id in rows.values_list("edition", "order", "work"):
            linked.setdefault(edition_id, {})[order] = work_id
        existing = Work.objects.in_bulk(
            {work_id for orders in linked.values() for work_id in orders.values()}
        )
        changed: dict[int, tuple[Work, WorkRecord]] = {}
        added: list[tuple[int, int, Work, WorkRecord]] = []
        for copy, entry in zip(copies, entries, strict=True):
            orders = linked.get(copy.edition_id, {})
            for order, record in enumerate(entry.record.works):
                if order in orders:
                    work = self._fill_work(existing[orders[order]], record)
                    changed[work.pk] = (work, record)
                else:
                    added.append((copy.edition_id, order, self._fill_work(Work(), record), record))
        Work.objects.bulk_update([w for w, _ in changed.values()], WORK_FIELDS, batch_size=200)
        Work.objects.bulk_create([work for _, _, work, _ in added])
        insert_rows(
            EditionWork,
            ["edition", "work", "order"],
            [(edition_id, work.pk, order) for edition_id, order, work, _ in added],
        )
        self._write_work_details([(pk, r) for pk, (_, r) in changed.items()], replace=True)
        self._write_work_details([(w.pk, r) for _, _, w, r in added], replace=False)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value)
