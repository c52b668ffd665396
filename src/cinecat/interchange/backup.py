"""Backups: the whole catalog and its media files in one ZIP, and back into an empty catalog.

A backup holds ``cinecat.json`` (a cinecat-json document listing every collection, with each
entry naming its collection and source, when its copy went to the trash if it is there, and on
the first entry of each edition that edition's covers) and ``media/<path>`` for every file in
the default storage (covers with their thumbnails, uploads). Restore streams both back: the
records through the one record writer, in one transaction; the media files last, inside it, so
a failure there undoes the catalog too, and a failure anywhere removes the files written so far.
"""

import logging
import shutil
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import PurePosixPath
from typing import BinaryIO

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from cinecat.catalog.models import (
    Collection,
    Copy,
    Cover,
    CoverSide,
    Location,
    StorageDevice,
    Tag,
)
from cinecat.core.cycles import fewer_collections
from cinecat.lending.models import Borrower

from .backup_history import HISTORY_MEMBER, HistoryError, restore_history, write_history
from .export import records_of
from .formats import cinecat_json
from .formats.base import FormatError
from .formats.cinecat_json import BackupCover, BackupEntry, BorrowerInfo, CollectionInfo
from .models import ImportJob, OnDuplicate
from .writer import ImportFailed, apply_records, checks

logger = logging.getLogger(__name__)

CATALOG_MEMBER = "cinecat.json"
MEDIA_PREFIX = "media/"
# Uploaded import files are the user's to discard, not the catalog's: never backed up.
UPLOADS = ImportJob._meta.get_field("upload").upload_to
MAX_CATALOG_BYTES = 8 * 1024**3
MAX_MEDIA_BYTES = 512 * 1024**2  # far beyond any cover; a larger member is not one of ours
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")  # a first member, or an empty ZIP's end
# What reading a damaged member raises: a wrong checksum, a broken or cut deflate stream.
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError)


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why."""


@dataclass
class Summary:
    collections: int = 0
    copies: int = 0  # the trash included
    trashed: int = 0
    covers: int = 0
    media_files: int = 0
    changes: int = 0  # on the copies' history
    imports: int = 0

    @property
    def counted(self) -> str:
        """What a command reports: "2 collections, 5 copies (1 in the trash), 2 covers and 6
        media files"."""
        trash = f" ({self.trashed} in the trash)" if self.trashed else ""
        covers = f", {self.covers} covers" if self.covers else ""
        return (
            f"{self.collections} collections, {self.copies} copies{trash}{covers} and "
            f"{self.media_files} media files"
        )


# -- backup -------------------------------------------------------------------------------


def write_backup(target: BinaryIO) -> Summary:
    """Write every collection, every copy (the trash too) and every media file as a ZIP to
    ``target``."""
    collections = list(Collection.objects.order_by("slug"))
    trashed = Copy.everything.filter(trashed_at__isnull=False).count()
    summary = Summary(len(collections), Copy.everything.count(), trashed)
    names = list(_media_names())
    covers = _covers(set(names))
    summary.covers = sum(map(len, covers.values()))
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(CATALOG_MEMBER, "w", force_zip64=True) as member, fewer_collections():
            cinecat_json.write_document(
                _entries(collections, covers),
                member,
                collections=map(_collection_info, collections),
            )
        summary.covers -= sum(map(len, covers.values()))  # those of editions no copy is of
        with archive.open(HISTORY_MEMBER, "w", force_zip64=True) as member:
            summary.changes, summary.imports = write_history(member)
        for name in names:
            with (
                default_storage.open(name, "rb") as source,
                archive.open(MEDIA_PREFIX + name, "w", force_zip64=True) as member,
            ):
                shutil.copyfileobj(source, member)
            summary.media_files += 1
    return summary


def _entries(
    collections: list[Collection], covers: dict[int, tuple[BackupCover, ...]]
) -> Iterator[BackupEntry]:
    """Every copy's entry; the first entry of an edition takes (pops) its ``covers``. Editions
    are numbered in the order they come, not by id: a restored catalog backs up the same."""
    numbers: dict[int, int] = {}
    # By source, so that restore hands the writer one long run per source.
    for collection in collections:
        held = Copy.everything.filter(collection=collection)  # the trash too: a backup is whole
        keys = held.order_by("source_key").values_list("source_key", flat=True)
        for key in keys.distinct():
            copies = held.filter(source_key=key).order_by("index")
            rows = copies.values_list("index", "edition_id", "trashed_at")
            extras = {index: (edition, trashed_at) for index, edition, trashed_at in rows}
            for record in records_of(copies):
                edition, trashed_at = extras.get(record.copy.index, (None, None))
                number = numbers.setdefault(edition, len(numbers) + 1)
                yield BackupEntry(
                    record, collection.slug, key, trashed_at, covers.pop(edition, ()), number
                )


def _covers(stored: set[str]) -> dict[int, tuple[BackupCover, ...]]:
    """Each edition's covers, front first, but those whose file the storage no longer holds."""
    fields = ("edition_id", "side", "image", "width", "height", "uploaded_at")
    found: dict[int, list[BackupCover]] = defaultdict(list)
    for edition, *cover in Cover.objects.order_by("edition_id", "-side").values_list(*fields):
        if cover[1] in stored:
            found[edition].append(BackupCover(*cover))
    return {edition: tuple(covers) for edition, covers in found.items()}


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
        if f"{folder}{name}/" != UPLOADS:
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
        raise BackupError(_not_a_zip(source)) from None
    with archive:
        media = _checked_media(archive)
        try:
            return _restore(archive, media)
        except FormatError as exc:
            raise BackupError(f"{CATALOG_MEMBER}: {exc}") from exc
        except (ImportFailed, HistoryError) as exc:
            raise BackupError(str(exc)) from exc
        except DAMAGED as exc:
            raise BackupError(f"the backup is damaged and cannot be read ({exc})") from exc


def _not_a_zip(source: BinaryIO) -> str:
    """Why a file that ZipFile refuses is no backup: a ZIP cut short, or no ZIP at all."""
    source.seek(0)
    if source.read(4) in ZIP_SIGNATURES:
        return (
            "the file starts as a ZIP but its end is missing or damaged: the backup looks "
            "truncated (was it copied or downloaded completely?)"
        )
    return "this is not a ZIP file, so not a cinecat backup"


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
        limit = MAX_CATALOG_BYTES if name in (CATALOG_MEMBER, HISTORY_MEMBER) else MAX_MEDIA_BYTES
        if info.file_size > limit:
            raise BackupError(
                f"refusing {name!r}: {info.file_size:,} bytes is more than the {limit:,} "
                "a backup member may hold"
            )
        if name.startswith(MEDIA_PREFIX + UPLOADS):
            continue  # an older backup's uploads: not restored
        if name.startswith(MEDIA_PREFIX) and not info.is_dir():
            media.append(info)
        elif name not in (CATALOG_MEMBER, HISTORY_MEMBER) and not info.is_dir():
            raise BackupError(f"{name!r} has no place in a cinecat backup")
    return media


def _restore(archive: zipfile.ZipFile, media: list[zipfile.ZipInfo]) -> Summary:
    summary = Summary()
    written: list[str] = []
    try:
        with transaction.atomic():
            _restore_catalog(archive, media, summary)
            if HISTORY_MEMBER in archive.namelist():  # older backups have none
                with archive.open(HISTORY_MEMBER) as member:
                    summary.changes, summary.imports = restore_history(member)
            for info in media:
                name = info.filename.removeprefix(MEDIA_PREFIX)
                written.append(name)  # before it is saved: a file cut short goes too
                _restore_media(archive, info)
                summary.media_files += 1
    except BaseException:
        # The catalog rolls back; so do the files, or they would stay as orphans.
        _delete_files(written)
        raise
    return summary


def _restore_catalog(
    archive: zipfile.ZipFile, media: list[zipfile.ZipInfo], summary: Summary
) -> None:
    stored = {info.filename.removeprefix(MEDIA_PREFIX) for info in media}
    with archive.open(CATALOG_MEMBER) as member:
        document = cinecat_json.open_document(member)
        if document.collections is None:
            raise BackupError(
                f"{CATALOG_MEMBER} lists no collections: it is an export, not a backup "
                "(bring it in with cinecat import)"
            )
        for info in document.collections:  # all of them, before anything is written
            _check_collection(info)
        collections = {info.slug: _make_collection(info) for info in document.collections}
        summary.collections = len(collections)
        runs = groupby(document.entries, key=lambda entry: (entry.collection, entry.source_key))
        editions: dict[int, int] = {}  # the backup's edition numbers → the editions restored
        for (slug, source_key), entries in runs:
            _check_source_key(source_key)
            _restore_run(entries, collections[slug], source_key, summary, stored, editions)


def _check_source_key(source_key: str) -> None:
    limit = Copy._meta.get_field("source_key").max_length
    if len(source_key) > limit:
        raise BackupError(
            f"{CATALOG_MEMBER}: the source_key {source_key[:40]!r}… is {len(source_key)} "
            f"characters; at most {limit} fit"
        )


def _restore_run(
    entries: Iterator[BackupEntry],
    collection: Collection,
    source_key: str,
    summary: Summary,
    stored: set[str],
    editions: dict[int, int],
) -> None:
    """One collection's entries from one source, through the record writer, each written where
    the backup had it: in the trash or not, on its edition, with that edition's covers."""

    def checked() -> Iterator[BackupEntry]:
        for entry in entries:
            for cover in entry.covers:
                _check_cover(cover, entry.record.where, stored)
            yield entry

    report = apply_records(
        checked(),
        collection,
        source_key=source_key,
        on_duplicate=OnDuplicate.ADD,  # two copies of one DVD stay two copies
        editions=editions,
    )
    summary.copies += report.count("created")
    summary.trashed += report.trashed
    summary.covers += report.covers


def _check_cover(cover: BackupCover, where: str, stored: set[str]) -> None:
    if cover.side not in CoverSide.values:
        raise BackupError(f"{where}: a cover is the front or the back, not {cover.side!r}")
    if cover.image not in stored:
        raise BackupError(
            f"{where}: its {cover.side} cover {cover.image!r} is not among the backup's files"
        )
    if cover.width < 1 or cover.height < 1:
        raise BackupError(f"{where}: its {cover.side} cover has no size in pixels")
    if problem := checks.misfit(cover, Cover):
        raise BackupError(f"{where}: its {cover.side} cover: {problem}")


def _check_collection(info: CollectionInfo) -> None:
    """Refuse a name too long for its column, or text holding a NUL character: SQLite keeps
    both, so a backup made there may hold them, and PostgreSQL would refuse them with a
    database error. Entries get the same checks from the record writer."""
    named = [
        ("tag", Tag, info.tags),
        ("storage device", StorageDevice, info.storage_devices),
        ("location", Location, [name for path in info.locations for name in path]),
        ("borrower", Borrower, [borrower.name for borrower in info.borrowers]),
    ]
    problem = checks.misfit(info, Collection) or checks.long_name(named)
    for borrower in info.borrowers:
        if not problem and (found := checks.misfit(borrower, Borrower)):
            problem = f"the borrower {borrower.name[:40]!r}: {found}"
    if not problem and checks.holds_nul(info):
        problem = "a name holds a NUL character (\\x00), which no text may hold"
    if problem:
        raise BackupError(
            f"{CATALOG_MEMBER}, the collections list, collection {info.slug[:40]!r}: {problem}"
        )


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


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # an orphan file is no reason to hide why the restore failed
            logger.warning("Could not delete the restored file %s", name, exc_info=True)
