"""Alice's fills always end where she sees it: one that lost its worker goes on in another,
one whose task failed says why."""

import pytest
from django_tasks_db.models import DBTaskResult

from cinecat.catalog import services as catalog_services
from cinecat.catalog.records import Record, WorkRecord
from cinecat.core import workers
from cinecat.metadata.filling import queue_fill
from cinecat.metadata.models import FillJob


@pytest.fixture
def queued(transactional_db, alice_collection, settings, tmp_path) -> FillJob:
    """Alice queued a fill of two films; tasks are queued when their transaction commits."""
    settings.DATA_DIR = tmp_path / "data"  # the workers' heartbeats
    for title in ("Heat", "Alien"):
        catalog_services.add_entry(alice_collection, Record(works=(WorkRecord(title),)))
    return queue_fill(alice_collection, alice_collection.copies.all())


def tasks_of(job: FillJob):
    return DBTaskResult.objects.filter(args_kwargs__args__0=job.pk).order_by("enqueued_at")


def test_a_fill_whose_worker_went_silent_is_queued_again_to_go_on(queued):
    task = tasks_of(queued).get()
    task.claim("silent-worker")
    FillJob.objects.filter(pk=queued.pk).update(status="running", processed=1)

    workers.sweep()

    first, again = tasks_of(queued)
    assert (first.status, again.status) == ("FAILED", "READY")
    queued.refresh_from_db()
    assert (queued.status, queued.processed) == ("running", 1)  # goes on after Heat


def test_a_fill_whose_task_failed_fails_saying_why(queued):
    task = tasks_of(queued).get()
    task.claim("w1")
    task.set_failed(RuntimeError("database is locked"))

    workers.sweep()

    queued.refresh_from_db()
    assert queued.status == "failed"
    assert "RuntimeError: database is locked" in queued.error


def test_a_fill_its_worker_still_runs_is_left_alone(queued):
    task = tasks_of(queued).get()
    task.claim("busy-worker")
    workers.beat("busy-worker", str(task.id))

    workers.sweep()

    assert tasks_of(queued).count() == 1
    queued.refresh_from_db()
    assert queued.status == "queued"


def test_a_fill_waiting_for_a_worker_stays_queued(queued):
    workers.sweep()
    assert tasks_of(queued).get().status == "READY"
