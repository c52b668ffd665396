"""Backups: the whole catalog and its media files in one ZIP, and back into an empty catalog.

A backup holds ``cinecat.json`` (a cinecat-json document listing every collection, with each
entry naming its collection and source, and when its copy went to the trash if it is there) and
``media/<path>`` for every file in the default storage (covers, uploads). Restore streams both
back: the records through the one record writer, in one transaction; the media files last,
inside it, so a failure there undoes the catalog too.
"""

import datetime as dt
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import PurePosixPath
from typing import BinaryIO

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from cinecat.catalog.models import Collection, Copy, Location, StorageDevice, Tag
from cinecat.lending.models import Borrower

from .export import records_of
from .formats import cinecat_json
from .formats.base import FormatError, Record
from .formats.cinecat_json import BorrowerInfo, CollectionInfo, Entry
from .models import OnDuplicate
from .writer import ImportFailed, apply_records

CATALOG_MEMBER = "cinecat.json"
MEDIA_PREFIX = "media/"
MAX_CATALOG_BYTES = 8 * 1024**3
MAX_MEDIA_BYTES = 512 * 1024**2  # far beyond any cover; a larger member is not one of ours


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why."""


@dataclass
class Summary:
    collections: int = 0
    copies: int = 0  # the trash included
    trashed: int = 0
    media_files: int = 0

    @property
    def counted(self) -> str:
        """What a command reports: "2 collections, 5 copies (1 in the trash) and 3 media files"."""
        trash = f" ({self.trashed} in the trash)" if self.trashed else ""
        return (
            f"{self.collections} collections, {self.copies} copies{trash} and "
            f"{self.media_files} media files"
        )


# -- backup -------------------------------------------------------------------------------


def write_backup(target: BinaryIO) -> Summary:
    """Write every collection, every copy (the trash too) and every media file as a ZIP to
    ``target``."""
    collections = list(Collection.objects.order_by("slug"))
    trashed = Copy.everything.filter(trashed_at__isnull=False).count()
    summary = Summary(len(collections), Copy.everything.count(), trashed)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(CATALOG_MEMBER, "w", force_zip64=True) as member:
            cinecat_json.write_document(
                _entries(collections), member, collections=map(_collection_info, collections)
            )
        for name in _media_names():
            with (
                default_storage.open(name, "rb") as source,
                archive.open(MEDIA_PREFIX + name, "w", force_zip64=True) as member,
            ):
                shutil.copyfileobj(source, member)
            summary.media_files += 1
    return summary


def _entries(collections: list[Collection]) -> Iterator[Entry]:
    # By source, so that restore hands the writer one long run per source.
    for collection in collections:
        held = Copy.everything.filter(collection=collection)  # the trash too: a backup is whole
        keys = held.order_by("source_key").values_list("source_key", flat=True)
        for key in keys.distinct():
            copies = held.filter(source_key=key).order_by("index")
            trashed = dict(
                copies.filter(trashed_at__isnull=False).values_list("index", "trashed_at")
            )
            for record in records_of(copies):
                yield Entry(record, collection.slug, key, trashed.get(record.copy.index))


def _collection_info(collection: Collection) -> CollectionInfo:
    def names(model) -> tuple[str, ...]:
        rows = model.objects.filter(collection=collection).order_by("name")
        return tuple(rows.values_list("name", flat=True))

    locations = {pk: (name, parent) for pk, name, parent in _locations(collection)}

    def path(pk: int | None) -> tuple[str, ...]:
        return () if pk is None else (*path(locations[pk][1]), locations[pk][0])

    borrowers = Borrower.objects.filter(collection=collection).order_by("name")
    return CollectionInfo(
        name=collection.name,
        slug=collection.slug,
        tags=names(Tag),
        storage_devices=names(StorageDevice),
        locations=tuple(sorted(path(pk) for pk in locations)),
        borrowers=tuple(BorrowerInfo(b.name, b.email, b.phone) for b in borrowers),
    )


def _locations(collection: Collection):
    rows = Location.objects.filter(collection=collection).order_by("pk")
    return rows.values_list("pk", "name", "parent_id")


def _media_names(folder: str = "") -> Iterator[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for name in sorted(folders):
        yield from _media_names(f"{folder}{name}/")


# -- restore ------------------------------------------------------------------------------


def restore_backup(source: BinaryIO) -> Summary:
    """Restore a backup into a catalog that holds no copies, all or nothing."""
    held = Copy.everything.count()  # a copy in the trash keeps its index: it is still there
    if held:
        trashed = Copy.everything.filter(trashed_at__isnull=False).count()
        also = f" ({trashed} in the trash)" if trashed else ""
        raise BackupError(
            f"the catalog already holds {held} copies{also}: restore only into an empty catalog"
        )
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise BackupError("this is not a ZIP file, so not a cinecat backup") from None
    with archive:
        media = _checked_media(archive)
        try:
            return _restore(archive, media)
        except FormatError as exc:
            raise BackupError(f"{CATALOG_MEMBER}: {exc}") from exc
        except ImportFailed as exc:
            raise BackupError(str(exc)) from exc


def _checked_media(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The media members, once every member is known to be safe and expected."""
    if CATALOG_MEMBER not in archive.namelist():
        raise BackupError(f"this ZIP is not a cinecat backup: it holds no {CATALOG_MEMBER}")
    media = []
    for info in archive.infolist():
        name = info.filename
        path = PurePosixPath(name)
        if path.is_absolute() or "\\" in name or ":" in name or ".." in path.parts:
            raise BackupError(f"refusing {name!r}: a backup's paths stay inside the backup")
        limit = MAX_CATALOG_BYTES if name == CATALOG_MEMBER else MAX_MEDIA_BYTES
        if info.file_size > limit:
            raise BackupError(
                f"refusing {name!r}: {info.file_size:,} bytes is more than the {limit:,} "
                "a backup member may hold"
            )
        if name.startswith(MEDIA_PREFIX) and not info.is_dir():
            media.append(info)
        elif name != CATALOG_MEMBER and not info.is_dir():
            raise BackupError(f"{name!r} has no place in a cinecat backup")
    return media


@transaction.atomic
def _restore(archive: zipfile.ZipFile, media: list[zipfile.ZipInfo]) -> Summary:
    summary = Summary()
    with archive.open(CATALOG_MEMBER) as member:
        document = cinecat_json.open_document(member)
        if document.collections is None:
            raise BackupError(
                f"{CATALOG_MEMBER} lists no collections: it is an export, not a backup "
                "(bring it in with cinecat import)"
            )
        collections = {info.slug: _make_collection(info) for info in document.collections}
        summary.collections = len(collections)
        runs = groupby(document.entries, key=lambda entry: (entry.collection, entry.source_key))
        for (slug, source_key), entries in runs:
            _restore_run(entries, collections[slug], source_key, summary)
    for info in media:
        _restore_media(archive, info)
        summary.media_files += 1
    return summary


def _restore_run(
    entries: Iterator[Entry], collection: Collection, source_key: str, summary: Summary
) -> None:
    """One collection's entries from one source, through the record writer; then back into
    the trash what was there."""
    trashed: dict[int, dt.datetime] = {}  # by the entry's position in the run

    def records() -> Iterator[Record]:
        for position, entry in enumerate(entries, 1):
            if entry.trashed_at is not None:
                trashed[position] = entry.trashed_at
            yield entry.record

    report = apply_records(
        records(),
        collection,
        source_key=source_key,
        on_duplicate=OnDuplicate.ADD,  # two copies of one DVD stay two copies
    )
    summary.copies += report.count("created")
    for item in report.items:
        if item.position in trashed:
            Copy.everything.filter(pk=item.copy.pk).update(trashed_at=trashed[item.position])
            summary.trashed += 1


def _make_collection(info: CollectionInfo) -> Collection:
    collection, _ = Collection.objects.update_or_create(
        slug=info.slug, defaults={"name": info.name}
    )
    for model, names in ((Tag, info.tags), (StorageDevice, info.storage_devices)):
        model.objects.bulk_create(
            (model(collection=collection, name=name) for name in names), ignore_conflicts=True
        )
    for path in info.locations:
        parent = None
        for name in path:
            parent, _ = Location.objects.get_or_create(
                collection=collection, parent=parent, name=name
            )
    Borrower.objects.bulk_create(
        (
            Borrower(collection=collection, name=b.name, email=b.email, phone=b.phone)
            for b in info.borrowers
        ),
        ignore_conflicts=True,
    )
    return collection


def _restore_media(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    name = info.filename.removeprefix(MEDIA_PREFIX)
    if default_storage.exists(name):
        default_storage.delete(name)  # the backup's file replaces a leftover of the same name
    with archive.open(info) as member:
        default_storage.save(name, File(member, name=name))
