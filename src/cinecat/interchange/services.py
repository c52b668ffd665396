"""Importing files into a collection, recorded as ImportJobs."""

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from cinecat.catalog.models import Collection
from cinecat.core.bulk import chunks, insert_rows
from cinecat.search.queries import warm_facets

from . import read_ahead, registry
from .formats import parse
from .formats.base import FileFormat, FormatError
from .models import ImportItem, ImportJob, OnDuplicate
from .writer import ImportFailed, ImportReport, ItemResult, apply_records, checks
from .writer.attach import attach_records

OnProgress = Callable[[ImportJob], None]  # told of a job's counters as they change


class CountingReader:
    """A binary stream that counts how far into it reading has gone, for progress by bytes.

    A reader that goes over the file twice (a first pass for what comes at its end, such as
    Tellico's loans) seeks back: ``count`` is the furthest point reached, never more than the
    file's size."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._position += len(data)
        self.count = max(self.count, self._position)
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        self._position = self._stream.seek(offset, whence)
        return self._position

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def import_files(
    paths: list[Path],
    collection: Collection,
    format_key: str | None = None,
    *,
    on_duplicate: str = OnDuplicate.UPDATE,
    keep_going: bool = False,
    progress: OnProgress | None = None,
    column_map: dict[str, str] | None = None,
    add_unmatched: bool = False,
) -> list[ImportJob]:
    """Import every file into ``collection`` in one transaction: a bad file writes nothing.

    Raises FormatError (or ImportFailed) naming the file and the line or entry of the problem.
    """
    jobs = []
    current = ""
    try:
        with transaction.atomic():
            for path in paths:
                current = path.name
                job = ImportJob.objects.create(
                    collection=collection,
                    source_name=path.name,
                    format_key=format_key or "",
                    on_duplicate=on_duplicate,
                    keep_going=keep_going,
                    column_map=column_map or {},
                    add_unmatched=add_unmatched,
                )
                try:
                    stream = path.open("rb")
                except OSError as exc:
                    raise FormatError(f"cannot be read: {exc.strerror}") from exc
                with stream:
                    job.total_bytes = path.stat().st_size
                    run_job(job, stream, progress=progress)
                jobs.append(job)
    except (FormatError, ImportFailed) as exc:
        fail_job(ImportJob.objects.create(collection=collection, source_name=current), exc)
        if isinstance(exc, FormatError):
            raise FormatError(f"{current}: {exc}") from exc
        raise ImportFailed(exc.report, source=current) from exc
    return jobs


def run_job(
    job: ImportJob, stream: BinaryIO, *, progress: OnProgress | None = None
) -> ImportReport:
    """Read ``stream`` and store its entries as ``job`` says; the job keeps the outcome."""
    counting = CountingReader(stream)
    fmt = registry.get(job.format_key) if job.format_key else _detect(counting)
    job.format_key = fmt.key
    job.status, job.started_at = ImportJob.Status.RUNNING, timezone.now()

    def on_batch(results: list[ItemResult]) -> None:
        job.read_bytes = counting.count
        job.processed += len(results)
        for result in results:
            setattr(job, result.action, getattr(job, result.action) + 1)
        if progress:
            progress(job)

    with transaction.atomic():
        if fmt.attaches:
            report = attach_records(
                fmt.read(counting),
                job.collection,
                keep_going=job.keep_going,
                add_unmatched=job.add_unmatched,
                on_batch=on_batch,
            )
        else:
            report = apply_records(
                _records(fmt, counting, job),
                job.collection,
                source_key=fmt.key,
                on_duplicate=job.on_duplicate,
                keep_going=job.keep_going,
                on_batch=on_batch,
            )
        job.trashed = report.trashed
        job.status, job.finished_at = ImportJob.Status.DONE, timezone.now()
        job.read_bytes = job.total_bytes or counting.count
        job.unmapped = sorted(report.unmapped)
        job.kept = sorted(report.kept)
        job.save()
        _save_items(job, report.items)
    if progress:
        progress(job)
    return report


def _records(fmt: FileFormat, stream: CountingReader, job: ImportJob) -> Iterator:
    """The stream's records (a backup's entries, which say what was in the trash), read in a
    second process when that pays."""
    entries = fmt.reads_entries and not job.column_map
    if job.column_map:
        if fmt.mapping is None:
            raise FormatError(f"a {fmt.label} file has no columns to map")
        read = fmt.mapping.read(stream, job.column_map, job.separators or None)
        read = parse.keeping_odd_values(read)
    elif entries:
        read = fmt.read_entries(stream)
    else:
        read = parse.keeping_odd_values(fmt.read(stream))
    if read_ahead.worth_it(job.total_bytes or 0):
        read = read_ahead.read_ahead(_checked(read, entries), stream)
    return read


def _checked(read: Iterator, entries: bool) -> Iterator:
    """The records (or entries) with their checks' outcome: made in the reading process, which
    has time to spare, not in the writing one."""
    if entries:
        return (dataclasses.replace(entry, record=checks.checked(entry.record)) for entry in read)
    return map(checks.checked, read)


def _detect(stream: CountingReader) -> FileFormat:
    head = stream.read(registry.HEAD_SIZE)
    stream.seek(0)
    stream.count = 0  # the head again, when the reader reads it, is progress
    return registry.detect(head)


def _save_items(job: ImportJob, items: list[ItemResult]) -> None:
    # Plain rows: one model instance per item would cost a tenth of a large import.
    fields = ["job", "position", "where", "title", "action", "copy", "message", "changes"]
    fields.append("before")
    for chunk in chunks(items, 1000):
        rows = [
            (
                job.pk,
                item.position,
                item.where[:100],
                item.title[:300],
                item.action,
                item.copy.pk if item.copy else None,
                item.message,
                item.changes,
                item.before,
            )
            for item in chunk
        ]
        insert_rows(ImportItem, fields, rows)


# A failure's message is read on a page: a file's problem in a sentence, not a dump.
MAX_ERROR_CHARACTERS = 2000


def fail_job(job: ImportJob, exc: Exception) -> None:
    """Keep a failed import on record, after its transaction was rolled back."""
    job.status, job.error = ImportJob.Status.FAILED, shortened(str(exc))
    job.finished_at = timezone.now()
    job.created = job.updated = job.skipped = 0
    job.failed = len(exc.report.failures) if isinstance(exc, ImportFailed) else 0
    job.save()
    if isinstance(exc, ImportFailed):
        _save_items(job, exc.report.failures)
    publish_progress(job)


def shortened(message: str) -> str:
    """The message, its middle left out past MAX_ERROR_CHARACTERS (a value quoted whole): its
    start says where, its end what is wrong."""
    if len(message) <= MAX_ERROR_CHARACTERS:
        return message
    half = MAX_ERROR_CHARACTERS // 2
    return f"{message[:half]} … {message[-half:]}"


# An upload's format is chosen in the upload form, not with the command line's --format.
_UPLOAD_NOT_RECOGNISED = (
    f"{registry.NOT_RECOGNISED}; upload it again and choose its format in the Format menu"
)
WORKER_STOPPED = (
    "The worker stopped while this import ran (it was stopped or killed); nothing of it was "
    "kept. The uploaded file is kept until it is discarded."
)


def run_stored_job(job_id: int) -> None:
    """Run an uploaded import (in the worker): its outcome, good or bad, stays on the job. The
    file goes once it is imported, or found at fault; an import stopped by anything else (a
    fault of cinecat's, the worker stopped) keeps it until it is discarded."""
    job = ImportJob.objects.select_related("collection").get(pk=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return  # already run: a task delivered twice must not import twice
    try:
        with job.upload.open("rb") as stream:
            job.total_bytes = job.upload.size
            run_job(job, stream, progress=publish_progress)
    except registry.UnknownFormat:
        refuse_stored_job(job, FormatError(_UPLOAD_NOT_RECOGNISED))
    except (FormatError, ImportFailed) as exc:
        refuse_stored_job(job, exc)
    except BaseException as exc:
        # A fault of cinecat's own (or the worker told to stop at once) must not leave the page
        # waiting for ever: the job says so, and the worker logs the traceback.
        if not ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.DONE).exists():
            fail_job(job, FormatError(_why_stopped(exc)))
        raise
    else:
        drop_upload(job)
        warm_facets(job.collection)


def _why_stopped(exc: BaseException) -> str:
    if isinstance(exc, Exception):
        return f"the import stopped on an error in cinecat: {exc!r}"
    return WORKER_STOPPED


def refuse_stored_job(job: ImportJob, exc: FormatError | ImportFailed) -> None:
    """Give up an uploaded import before it runs, its file being unreadable: say why on the job."""
    fail_job(job, exc)
    drop_upload(job)


class UploadInUse(Exception):
    """An upload whose import is queued or running cannot be discarded."""


def discard_upload(job: ImportJob) -> None:
    """Remove the file of an import that ended (a failed one keeps it) or waits to be mapped
    (then it is given up)."""
    if job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING):
        raise UploadInUse(f"the import of {job.source_name} is {job.get_status_display().lower()}")
    if job.status == ImportJob.Status.MAPPING:
        fail_job(job, FormatError("Given up before its columns were mapped."))
    drop_upload(job)


def drop_upload(job: ImportJob) -> None:
    if job.upload:
        job.upload.delete(save=False)
    ImportJob.objects.filter(pk=job.pk).update(upload="")


def _progress_key(job: ImportJob) -> str:
    # The creation time keeps a new database's job 1 apart from an old one's.
    return f"cinecat:import-progress:{job.pk}:{job.created_at.timestamp()}"


def publish_progress(job: ImportJob) -> None:
    fields = (
        "status",
        "read_bytes",
        "total_bytes",
        "processed",
        "created",
        "updated",
        "skipped",
        "failed",
    )
    cache.set(_progress_key(job), {name: getattr(job, name) for name in fields}, 3600)


def live_job(job: ImportJob) -> ImportJob:
    """The job with the counters a running import has published (not yet in the database)."""
    if job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING):
        for name, value in (cache.get(_progress_key(job)) or {}).items():
            setattr(job, name, value)
    return job
