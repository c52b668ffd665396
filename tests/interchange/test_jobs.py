"""Every import is recorded: counts, one row per entry, failures with their reasons."""

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cinecat.interchange.models import ImportJob
from cinecat.interchange.services import CountingReader


def test_a_finished_import_records_its_counts_and_items(alice_collection, reference_path):
    call_command("import", str(reference_path), "--collection", "alice", stdout=None)
    job = ImportJob.objects.get()
    assert (job.status, job.format_key, job.created, job.processed) == ("done", "clz-page", 1, 1)
    assert job.percent == 100
    item = job.items.get()
    assert (item.position, item.where, item.action, item.copy.index) == (
        1,
        "line 8",
        "created",
        1279,
    )


def test_a_failed_import_stays_on_record_with_its_reason(alice_collection, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("")
    with pytest.raises(CommandError):
        call_command("import", str(broken), "--collection", "alice")
    job = ImportJob.objects.get()
    assert job.status == "failed"
    assert job.error == "line 1: the file is empty"
    assert job.source_name == "broken.txt"


def test_skip_is_offered_on_the_command_line(alice_collection, reference_path):
    call_command("import", str(reference_path), "--collection", "alice", stdout=None)
    out = StringIO()
    call_command(
        "import", str(reference_path), "--collection", "alice", "--on-duplicate", "skip", stdout=out
    )
    assert "skipped #1279 The Death Of Stalin [DVD] (line 8)" in out.getvalue()
    assert "0 created, 0 updated, 1 skipped" in out.getvalue()


def test_progress_counts_how_far_reading_went_not_how_often():
    stream = CountingReader(BytesIO(b"x" * 100))
    stream.read(60)
    stream.seek(0)  # a reader's second pass over the file
    stream.read(30)
    assert stream.count == 60
    stream.read(50)
    assert stream.count == 80
    stream.read()
    assert stream.count == 100
