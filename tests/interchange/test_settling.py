"""Alice's web imports always end where she sees it: one whose task failed, or whose worker
is gone, fails saying why; a spreadsheet left at the mapping step goes after a while; a file
kept for her goes when she discards it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cinecat.core import workers
from cinecat.interchange import services, settling
from cinecat.interchange.models import ImportJob
from cinecat.interchange.uploads import accept_upload


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DATA_DIR = tmp_path / "data"  # the workers' heartbeats
    return tmp_path


def queued(collection, name="films.xml", *, maps_columns=False) -> ImportJob:
    upload = SimpleUploadedFile(name, b"<collection/>")
    return accept_upload(
        collection,
        upload,
        format_key="",
        on_duplicate="update",
        keep_going=False,
        maps_columns=maps_columns,
    )


def task_of(job: ImportJob) -> DBTaskResult:
    return DBTaskResult.objects.get(args_kwargs__args__0=job.pk)


def claimed(job: ImportJob, worker: str, *, minutes_ago: int = 0) -> DBTaskResult:
    task = task_of(job)
    task.claim(worker)
    started = timezone.now() - dt.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=started)
    return task


@pytest.fixture
def jobs_db(transactional_db):
    """Tasks are queued when their transaction commits."""


def test_an_import_whose_task_failed_fails_with_the_tasks_error(jobs_db, alice_collection, media):
    job = queued(alice_collection)
    task = claimed(job, "w1")
    task.set_failed(RuntimeError("database is locked"))

    workers.sweep()

    job.refresh_from_db()
    assert job.status == "failed"
    assert "RuntimeError: database is locked" in job.error
    assert job.upload  # kept until discarded


def test_an_import_running_in_a_worker_that_went_silent_fails_saying_the_worker_stopped(
    jobs_db, alice_collection, media
):
    job = queued(alice_collection)
    task = claimed(job, "silent-worker")

    workers.sweep()

    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error.startswith("The worker stopped while this import ran")
    task.refresh_from_db()
    assert task.status == "FAILED"


def test_an_import_its_worker_still_runs_is_left_running(jobs_db, alice_collection, media):
    job = queued(alice_collection)
    task = claimed(job, "busy-worker", minutes_ago=10)
    workers.beat("busy-worker", str(task.id))

    workers.sweep()

    job.refresh_from_db()
    assert job.status == "queued"


def test_a_worker_that_took_a_task_a_moment_ago_is_given_time_to_say_so(
    jobs_db, alice_collection, media
):
    job = queued(alice_collection)
    claimed(job, "new-worker")
    workers.beat("new-worker", None)

    workers.sweep()

    job.refresh_from_db()
    assert job.status == "queued"


def test_an_import_its_supervised_worker_ran_when_it_stopped_fails_at_once(
    jobs_db, alice_collection, media
):
    job = queued(alice_collection)
    claimed(job, "w1")
    workers.beat("w1", str(task_of(job).id))

    workers.lost({"w1"})

    job.refresh_from_db()
    assert job.status == "failed" and "worker stopped" in job.error


def test_an_import_waiting_for_a_worker_stays_queued(jobs_db, alice_collection, media):
    job = queued(alice_collection)
    workers.sweep()
    job.refresh_from_db()
    assert job.status == "queued"


def test_a_spreadsheet_left_at_the_mapping_step_is_removed_after_the_hours_set(
    jobs_db, alice_collection, media, settings
):
    settings.CINECAT_UPLOAD_HOURS = 2
    fresh = queued(alice_collection, "fresh.csv", maps_columns=True)
    old = queued(alice_collection, "old.csv", maps_columns=True)
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=3))
    old_file = media / old.upload.name

    workers.sweep()

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == "failed" and "not mapped within 2 hours" in old.error
    assert not old.upload and not old_file.exists()
    assert fresh.status == "mapping" and (media / fresh.upload.name).exists()


def test_an_upload_no_import_names_is_removed_once_old(jobs_db, media, settings):
    stray = media / settling.UPLOADS / "stray.csv"
    stray.parent.mkdir(parents=True)
    stray.write_text("Title\n")
    settling.clean_abandoned_uploads()
    assert stray.exists()  # new: perhaps being saved
    settings.CINECAT_UPLOAD_HOURS = -1
    settling.clean_abandoned_uploads()
    assert not stray.exists()


def test_discarding_a_failed_imports_file_removes_it(jobs_db, alice_collection, media):
    job = queued(alice_collection)
    services.fail_job(job, RuntimeError("stopped"))
    path = media / job.upload.name

    services.discard_upload(job)

    job.refresh_from_db()
    assert not job.upload and not path.exists()
    assert job.status == "failed"


def test_discarding_a_spreadsheet_waiting_to_be_mapped_gives_its_import_up(
    jobs_db, alice_collection, media
):
    job = queued(alice_collection, "films.csv", maps_columns=True)
    services.discard_upload(job)
    job.refresh_from_db()
    assert (job.status, job.upload.name) == ("failed", "")
    assert "Given up" in job.error


def test_a_queued_imports_file_cannot_be_discarded(jobs_db, alice_collection, media):
    job = queued(alice_collection)
    with pytest.raises(services.UploadInUse, match="films.xml is queued"):
        services.discard_upload(job)
    assert (media / job.upload.name).exists()


def test_a_failure_message_is_kept_to_a_sane_length(jobs_db, alice_collection, media):
    job = queued(alice_collection)
    services.fail_job(job, RuntimeError("line 3: " + "x" * 100_000 + " is no title"))
    job.refresh_from_db()
    assert len(job.error) <= services.MAX_ERROR_CHARACTERS + 3
    assert job.error.startswith("line 3: ") and job.error.endswith(" is no title")


def test_the_uploads_command_lists_kept_files_and_discards_one(jobs_db, alice_collection, media):
    from io import StringIO

    from django.core.management import call_command

    job = queued(alice_collection)
    services.fail_job(job, RuntimeError("stopped"))
    out = StringIO()
    call_command("uploads", stdout=out)
    assert f"{job.pk}\tFailed\talice\tfilms.xml" in out.getvalue()
    call_command("uploads", "--discard", str(job.pk), stdout=out)
    assert f"Discarded the file of import {job.pk} (films.xml)." in out.getvalue()
    job.refresh_from_db()
    assert not job.upload


def test_a_worker_silent_past_the_limit_is_taken_for_gone(media):
    import os
    import time

    workers.beat("w9", "task-1")
    assert workers.running("w9") == "task-1"
    path = media / "data" / "workers" / "w9"
    old = time.time() - workers.SILENT_SECONDS - 1
    os.utime(path, (old, old))
    assert workers.running("w9") is False
    workers.gone("w9")
    assert not path.exists()
