"""Imports through the web: an upload accepted as a job, queued for the worker once its
columns are mapped (a spreadsheet) or at once."""

from django.core.files.uploadedfile import UploadedFile

from cinecat.catalog.models import Collection

from .models import ImportJob
from .tasks import run_import


def accept_upload(
    collection: Collection,
    upload: UploadedFile,
    *,
    format_key: str,
    on_duplicate: str,
    keep_going: bool,
    maps_columns: bool,
    add_unmatched: bool = False,
) -> ImportJob:
    """The uploaded file as an import job: waiting for its columns to be mapped, or queued."""
    job = ImportJob.objects.create(
        collection=collection,
        source_name=upload.name[:255],
        upload=upload,
        total_bytes=upload.size,
        format_key=format_key,
        on_duplicate=on_duplicate,
        keep_going=keep_going,
        add_unmatched=add_unmatched,
        status=ImportJob.Status.MAPPING if maps_columns else ImportJob.Status.QUEUED,
    )
    if not maps_columns:
        run_import.enqueue(job.pk)
    return job


def queue_mapped(
    job: ImportJob,
    format_key: str,
    column_map: dict[str, str],
    separators: dict[str, str],
    *,
    keep_going: bool,
) -> None:
    """A spreadsheet's job, its columns mapped, queued for the worker."""
    job.column_map, job.separators, job.format_key = column_map, separators, format_key
    job.keep_going, job.status = keep_going, ImportJob.Status.QUEUED
    job.save(update_fields=["column_map", "separators", "format_key", "keep_going", "status"])
    run_import.enqueue(job.pk)
