"""Importing files into a collection, recorded as ImportJobs."""

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone

from cinecat.catalog.models import Collection

from . import registry
from .formats.base import FormatError
from .models import ImportItem, ImportJob, OnDuplicate
from .writer import ImportFailed, ImportReport, ItemResult, apply_records

Progress = Callable[[ImportJob], None]


class CountingReader:
    """A binary stream that counts what has been read, for progress by bytes."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def import_files(
    paths: list[Path],
    collection: Collection,
    format_key: str | None = None,
    *,
    on_duplicate: str = OnDuplicate.UPDATE,
    keep_going: bool = False,
    progress: Progress | None = None,
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
        _record_failure(collection, current, exc)
        if isinstance(exc, FormatError):
            raise FormatError(f"{current}: {exc}") from exc
        raise
    return jobs


def run_job(job: ImportJob, stream: BinaryIO, *, progress: Progress | None = None) -> ImportReport:
    """Read ``stream`` and store its entries as ``job`` says; the job keeps the outcome."""
    counting = CountingReader(stream)
    module = registry.get(job.format_key) if job.format_key else _detect(counting)
    job.format_key = module.KEY
    job.status, job.started_at = ImportJob.Status.RUNNING, timezone.now()

    def on_batch(results: list[ItemResult]) -> None:
        job.read_bytes = counting.count
        job.processed += len(results)
        for result in results:
            setattr(job, result.action, getattr(job, result.action) + 1)
        if progress:
            progress(job)

    with transaction.atomic():
        report = apply_records(
            module.read(counting),
            job.collection,
            source_key=module.KEY,
            on_duplicate=job.on_duplicate,
            keep_going=job.keep_going,
            on_batch=on_batch,
        )
        job.status, job.finished_at = ImportJob.Status.DONE, timezone.now()
        job.read_bytes = job.total_bytes or counting.count
        job.unmapped = sorted(report.unmapped)
        job.save()
        _save_items(job, report.items)
    if progress:
        progress(job)
    return report


def _detect(stream: CountingReader):
    head = stream.read(registry.HEAD_SIZE)
    stream.seek(0)
    stream.count = 0
    return registry.detect(head)


def _save_items(job: ImportJob, items: list[ItemResult]) -> None:
    ImportItem.objects.bulk_create(
        (
            ImportItem(
                job=job,
                position=item.position,
                where=item.where[:100],
                title=item.title[:300],
                action=item.action,
                copy=item.copy,
                message=item.message,
            )
            for item in items
        ),
        batch_size=1000,
    )


def _record_failure(collection: Collection, source_name: str, exc: Exception) -> None:
    """Keep a failed import on record after its transaction was rolled back."""
    job = ImportJob.objects.create(
        collection=collection,
        source_name=source_name,
        status=ImportJob.Status.FAILED,
        error=str(exc),
        finished_at=timezone.now(),
    )
    if isinstance(exc, ImportFailed):
        job.failed = len(exc.report.failures)
        job.save(update_fields=["failed"])
        _save_items(job, exc.report.failures)
