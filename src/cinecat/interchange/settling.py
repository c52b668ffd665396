"""Every web import ends where its user sees it: done, or failed with the reason.

An import runs in a worker. When the worker is killed (out of memory, a restart, SIGKILL) its
transaction rolls back, but nothing is left to say so: the job would read "Queued" and its task
"running" for ever. What ``cinecat serve`` sweeps (``core.workers``) settles such jobs: a job
whose task failed, or ran in a worker that is gone, fails, saying why, and keeps its file until
it is discarded. A file left at the column-mapping step is removed after CINECAT_UPLOAD_HOURS.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus, task_backends
from django_tasks_db.models import DBTaskResult

from cinecat.core import workers

from .formats.base import FormatError
from .models import ImportJob
from .services import WORKER_STOPPED, drop_upload, fail_job
from .tasks import run_import

logger = logging.getLogger(__name__)

UPLOADS = ImportJob._meta.get_field("upload").upload_to
WAITING = (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)


def settle(dead_workers: set[str]) -> None:
    """Fail the imports whose task failed or was lost with its worker; on a sweep (no worker
    named), also clean up the uploads left at the mapping step."""
    if not _queued_in_the_database():
        return
    for job in ImportJob.objects.filter(status__in=WAITING).select_related("collection"):
        task = _task_of(job)
        reason = _why_stalled(task, dead_workers) if task else ""
        if reason:
            _fail(job, task, reason)
    if not dead_workers:
        clean_abandoned_uploads()


def _queued_in_the_database() -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def _task_of(job: ImportJob) -> DBTaskResult | None:
    tasks = DBTaskResult.objects.filter(task_path=run_import.module_path)
    return tasks.filter(args_kwargs__args__0=job.pk).order_by("-enqueued_at").first()


def _why_stalled(task: DBTaskResult, dead_workers: set[str]) -> str:
    """Why the task's job can never finish, or "" while it still may."""
    if task.status == TaskResultStatus.FAILED:
        return f"The import stopped on an error in cinecat ({_last_line(task.traceback)})."
    if task.status == TaskResultStatus.SUCCESSFUL:
        return "The import ended without saying how; nothing of it was kept."
    if task.status != TaskResultStatus.RUNNING:
        return ""  # waiting for a worker
    worker = task.worker_ids[-1] if task.worker_ids else ""
    if worker in dead_workers:
        return WORKER_STOPPED
    said = workers.running(worker)
    if said is False:
        return WORKER_STOPPED
    # Between taking a task and saying so a worker is quiet a moment: not long.
    grace = timezone.now() - dt.timedelta(seconds=workers.SILENT_SECONDS)
    if said != str(task.id) and task.started_at and task.started_at < grace:
        return WORKER_STOPPED
    return ""


def _last_line(traceback: str) -> str:
    lines = [line.strip() for line in traceback.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no traceback"


def _fail(job: ImportJob, task: DBTaskResult, reason: str) -> None:
    logger.warning("Import %s (%s) failed: %s", job.pk, job.source_name, reason)
    with transaction.atomic():
        DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path="cinecat.core.workers.WorkerLost",
            traceback=reason,
        )
        job.refresh_from_db()
        if job.status in WAITING:  # it may have ended meanwhile
            fail_job(job, FormatError(reason))


def clean_abandoned_uploads() -> None:
    """Remove the files of imports left at the mapping step for CINECAT_UPLOAD_HOURS (the job
    says so), and upload files no job names any more."""
    hours = settings.CINECAT_UPLOAD_HOURS
    before = timezone.now() - dt.timedelta(hours=hours)
    left = ImportJob.objects.filter(status=ImportJob.Status.MAPPING, created_at__lt=before)
    for job in left:
        fail_job(
            job,
            FormatError(
                f"Its columns were not mapped within {hours} hours: the uploaded file was "
                "removed. Upload it again to import it."
            ),
        )
        drop_upload(job)
    _remove_orphans(before)


def _remove_orphans(before: dt.datetime) -> None:
    named = set(ImportJob.objects.exclude(upload="").values_list("upload", flat=True))
    try:
        _, files = default_storage.listdir(UPLOADS)
    except FileNotFoundError:
        return
    for name in files:
        path = f"{UPLOADS}{name}"
        if path not in named and default_storage.get_modified_time(path) < before:
            default_storage.delete(path)
