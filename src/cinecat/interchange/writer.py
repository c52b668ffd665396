"""The one writer that turns records from any format into Works, Editions and Copies."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from cinecat.catalog import barcodes
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
    Location,
    Person,
    Plot,
    StorageDevice,
    Tag,
    Work,
)

from .formats.base import CopyRecord, EditionRecord, FormatError, Record, WorkRecord


@dataclass
class ImportedItem:
    where: str
    action: str  # "created" or "updated"
    copy: Copy
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    items: list[ImportedItem] = field(default_factory=list)
    unmapped: set[str] = field(default_factory=set)

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)


def apply_records(records: Iterable[Record], collection: Collection) -> ImportReport:
    """Store every record in ``collection`` in one transaction: all of them or none.

    A record whose copy is already in the collection (same barcode and index) updates it.
    """
    report = ImportReport()
    with transaction.atomic():
        writer = _Writer(collection)
        for record in records:
            report.items.append(writer.write(record))
            report.unmapped.update(record.unmapped)
    return report


class _Writer:
    def __init__(self, collection: Collection) -> None:
        self.collection = collection
        self._lookups: dict[tuple[type, str], object] = {}

    def write(self, record: Record) -> ImportedItem:
        barcode = self._barcode(record)
        copy = self._find_copy(record.copy, barcode)
        edition = copy.edition if copy else self._find_edition(barcode)
        edition = self._save_edition(edition, record.edition, barcode)
        for order, work_record in enumerate(record.works):
            work = self._find_work(edition, order, work_record)
            self._save_work(work, work_record)
            EditionWork.objects.get_or_create(edition=edition, work=work, defaults={"order": order})
        notes: list[str] = []
        action = "updated" if copy else "created"
        copy = self._save_copy(copy, edition, record.copy, notes)
        return ImportedItem(where=record.where, action=action, copy=copy, notes=notes)

    # -- matching -------------------------------------------------------------------------

    def _barcode(self, record: Record) -> str:
        if not record.edition.barcode:
            return ""
        try:
            return barcodes.normalize(record.edition.barcode)
        except barcodes.BarcodeError as exc:
            raise FormatError(str(exc), where=record.where) from exc

    def _find_copy(self, record: CopyRecord, barcode: str) -> Copy | None:
        if record.index is None or not barcode:
            return None
        return (
            self.collection.copies.select_related("edition")
            .filter(index=record.index, edition__barcode=barcode)
            .first()
        )

    def _find_edition(self, barcode: str) -> Edition | None:
        # Two collections owning the same DVD share its Edition.
        return Edition.objects.filter(barcode=barcode).first() if barcode else None

    def _find_work(self, edition: Edition, order: int, record: WorkRecord) -> Work:
        linked = edition.edition_works.select_related("work").filter(order=order).first()
        if linked:
            return linked.work
        if record.imdb_id:
            found = Work.objects.filter(imdb_id=record.imdb_id).first()
            if found:
                return found
        return Work(title=record.title)

    # -- saving ---------------------------------------------------------------------------

    def _save_edition(
        self, edition: Edition | None, record: EditionRecord, barcode: str
    ) -> Edition:
        edition = edition or Edition()
        edition.format = record.format or edition.format
        edition.name = record.name
        edition.distributor = self._named(Company, record.distributor)
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
        edition.save()
        return edition

    def _save_work(self, work: Work, record: WorkRecord) -> None:
        for name in (
            "title",
            "original_title",
            "year",
            "runtime_minutes",
            "colour",
            "trailer_url",
            "imdb_id",
            "tmdb_id",
        ):
            setattr(work, name, getattr(record, name))
        work.sort_title = record.sort_title
        work.save()
        work.genres.set([self._named(Genre, name) for name in record.genres])
        work.countries.set([self._named(Country, name) for name in record.countries])
        work.languages.set([self._named(Language, name) for name in record.languages])
        if record.plots:
            work.plots.all().delete()
            Plot.objects.bulk_create(
                Plot(work=work, kind=plot.kind, text=plot.text, author=plot.author, order=order)
                for order, plot in enumerate(record.plots)
            )
        if record.credits:
            work.credits.all().delete()
            Credit.objects.bulk_create(
                Credit(
                    work=work,
                    person=self._person(credit.name),
                    role=credit.role,
                    character=credit.character,
                    job=credit.job,
                    order=order,
                )
                for order, credit in enumerate(record.credits)
            )

    def _save_copy(
        self, copy: Copy | None, edition: Edition, record: CopyRecord, notes: list[str]
    ) -> Copy:
        copy = copy or Copy(collection=self.collection, edition=edition, index=record.index)
        if copy.pk is None and record.index is not None and self._index_taken(record.index):
            copy.index = self.collection.next_free_index()
            notes.append(f"index {record.index} is taken; this copy got {copy.index}")
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
        copy.location = self._location(record.location)
        copy.storage_device = self._collection_named(StorageDevice, record.storage_device)
        now = timezone.now()
        copy.added_at = _aware(record.added_at) or copy.added_at or now
        copy.modified_at = _aware(record.modified_at) or now
        copy.save(touch=False)
        copy.tags.set([self._collection_named(Tag, name) for name in record.tags])
        return copy

    def _index_taken(self, index: int) -> bool:
        return self.collection.copies.filter(index=index).exists()

    # -- lookups ----------------------------------------------------------------------------

    def _named(self, model: type, name: str):
        if not name:
            return None
        key = (model, name)
        if key not in self._lookups:
            self._lookups[key], _ = model.objects.get_or_create(name=name)
        return self._lookups[key]

    def _collection_named(self, model: type, name: str):
        if not name:
            return None
        key = (model, name)
        if key not in self._lookups:
            self._lookups[key], _ = model.objects.get_or_create(
                collection=self.collection, name=name
            )
        return self._lookups[key]

    def _person(self, name: str) -> Person:
        key = (Person, name)
        if key not in self._lookups:
            self._lookups[key] = Person.objects.filter(name=name).first() or Person.objects.create(
                name=name
            )
        return self._lookups[key]

    def _location(self, path: tuple[str, ...]) -> Location | None:
        parent = None
        for name in path:
            parent, _ = Location.objects.get_or_create(
                collection=self.collection, parent=parent, name=name
            )
        return parent


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value)
