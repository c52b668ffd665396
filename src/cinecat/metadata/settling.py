"""Every fill ends where its user sees it: a fill whose worker was lost goes on, one whose task
failed says so.

Each copy of a fill is its own transaction and the job counts the copies done, so a fill that
lost its worker (killed, restarted) loses nothing: it is queued again and goes on after the
last copy it did. A task that stopped on an error fails its job with the error's last line, so
that it is not run again and again. ``cinecat serve`` sweeps (``core.workers``).
"""

import datetime as dt
import logging

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus, task_backends
from django_tasks_db.models import DBTaskResult

from cinecat.core import workers

from .models import FillJob
from .tasks import fill_films

logger = logging.getLogger(__name__)
WAITING = (FillJob.Status.QUEUED, FillJob.Status.RUNNING)


def settle(dead_workers: set[str]) -> None:
    """Queue again the fills whose worker is gone; fail those whose task failed."""
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(task_backends["default"], DatabaseBackend):
        return
    for job in FillJob.objects.filter(status__in=WAITING):
        task = _task_of(job)
        if task is None:
            continue
        if task.status == TaskResultStatus.FAILED:
            _fail(job, f"The fill stopped on an error in cinecat ({_last_line(task.traceback)}).")
        elif task.status == TaskResultStatus.SUCCESSFUL:
            _fail(job, "The fill ended without saying how; what it did is on each copy.")
        elif _lost(task, dead_workers):
            logger.warning("Fill %s lost its worker; queued again", job.pk)
            DBTaskResult.objects.filter(pk=task.pk).update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path="cinecat.core.workers.WorkerLost",
                traceback="The worker stopped; the fill was queued again.",
            )
            fill_films.enqueue(job.pk)


def _task_of(job: FillJob) -> DBTaskResult | None:
    tasks = DBTaskResult.objects.filter(task_path=fill_films.module_path)
    return tasks.filter(args_kwargs__args__0=job.pk).order_by("-enqueued_at").first()


def _lost(task: DBTaskResult, dead_workers: set[str]) -> bool:
    if task.status != TaskResultStatus.RUNNING:
        return False  # waiting for a worker
    worker = task.worker_ids[-1] if task.worker_ids else ""
    if worker in dead_workers or workers.running(worker) is False:
        return True
    grace = timezone.now() - dt.timedelta(seconds=workers.SILENT_SECONDS)
    said = workers.running(worker)
    return said != str(task.id) and bool(task.started_at and task.started_at < grace)


def _last_line(traceback: str) -> str:
    lines = [line.strip() for line in traceback.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no traceback"


def _fail(job: FillJob, reason: str) -> None:
    FillJob.objects.filter(pk=job.pk, status__in=WAITING).update(
        status=FillJob.Status.FAILED, error=reason, finished_at=timezone.now()
    )
