"""A big file is read in a second process: same records, progress and errors, no leftovers."""

import io
import multiprocessing
import os
from pathlib import Path

import pytest
from django.db import transaction

from cinecat.catalog.models import Copy
from cinecat.interchange import read_ahead
from cinecat.interchange.formats import dvdprofiler, tellico
from cinecat.interchange.formats.base import FormatError
from cinecat.interchange.models import ImportJob
from cinecat.interchange.services import CountingReader, import_files
from cinecat.interchange.writer import ImportFailed, checks

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"
ROYW = EXPORTS / "dvdprofiler" / "royw_collection.xml"
TELLICO = EXPORTS / "tellico" / "movies-many.tc"


def read_in_process(module, data: bytes) -> tuple[list, list | None]:
    """The records read before the reader stopped, and what it raised (or None)."""
    records: list = []
    try:
        records.extend(module.read(CountingReader(io.BytesIO(data))))
    except FormatError as exc:
        return records, [str(exc), exc.line, exc.where]
    return records, None


def read_in_child(module, data: bytes) -> tuple[list, list | None]:
    counting = CountingReader(io.BytesIO(data))
    records: list = []
    try:
        records.extend(read_ahead.read_ahead(module.read(counting), counting))
    except FormatError as exc:
        return records, [str(exc), exc.line, exc.where]
    return records, None


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    """Records cross in batches of 7, so that the samples take many messages."""
    monkeypatch.setattr(read_ahead, "BATCH", 7)


@pytest.mark.parametrize("module, path", [(dvdprofiler, ROYW), (tellico, TELLICO)])
def test_records_read_in_a_second_process_are_the_records_read_here(module, path):
    data = path.read_bytes()
    here, error = read_in_process(module, data)
    assert error is None and len(here) > 3 * read_ahead.BATCH
    assert read_in_child(module, data) == (here, None)
    assert multiprocessing.active_children() == []


def test_progress_follows_the_reading_process():
    data = ROYW.read_bytes()
    counting = CountingReader(io.BytesIO(data))
    seen = []
    for _ in read_ahead.read_ahead(dvdprofiler.read(counting), counting):
        seen.append(counting.count)
    assert 0 < seen[0] < len(data)  # the first batch arrives before the whole file is read
    assert seen == sorted(seen)
    assert seen[-1] == len(data)


def test_a_broken_file_fails_after_the_same_records_with_the_same_line():
    data = ROYW.read_bytes()
    cut = data[: data.index(b"<DVD>", len(data) // 2) + 200]  # truncated inside a profile
    here, error = read_in_process(dvdprofiler, cut)
    assert error is not None and error[1] > 1000 and len(here) > read_ahead.BATCH
    assert read_in_child(dvdprofiler, cut) == (here, error)


def test_a_reader_that_breaks_unexpectedly_says_so_with_its_traceback():
    def records():
        yield from dvdprofiler.read(io.BytesIO(ROYW.read_bytes()))
        raise LookupError(lambda: None)  # an error that cannot be pickled as it is

    counting = CountingReader(io.BytesIO(b""))
    with pytest.raises(RuntimeError, match="the file's reader failed: LookupError") as caught:
        list(read_ahead.read_ahead(records(), counting))
    assert "in records" in str(caught.value)  # where, in the reading process


def test_stopping_early_ends_the_reading_process():
    counting = CountingReader(ROYW.open("rb"))
    records = read_ahead.read_ahead(dvdprofiler.read(counting), counting)
    first = next(records)
    assert first.works[0].title
    records.close()
    assert multiprocessing.active_children() == []


def test_an_import_read_ahead_stores_what_an_import_read_here_stores(alice_collection, monkeypatch):
    def stored() -> list[tuple]:
        return list(
            Copy.objects.order_by("index").values_list(
                "index", "source_id", "edition__barcode", "edition__edition_works__work__title"
            )
        )

    with transaction.atomic():
        import_files([ROYW], alice_collection, "dvdprofiler")
        here = stored()
        transaction.set_rollback(True)
    assert here and not stored()
    calls = []
    monkeypatch.setattr(read_ahead, "worth_it", lambda size: calls.append(size) or True)
    job = import_files([ROYW], alice_collection, "dvdprofiler")[0]
    assert calls == [ROYW.stat().st_size]
    assert stored() == here
    assert (job.status, job.created, job.read_bytes, job.total_bytes) == (
        ImportJob.Status.DONE,
        len(here),
        ROYW.stat().st_size,
        ROYW.stat().st_size,
    )


def test_small_files_single_cores_and_other_systems_read_in_process(monkeypatch):
    monkeypatch.setattr(read_ahead.os, "sched_getaffinity", lambda pid: {0, 1})
    assert read_ahead.worth_it(read_ahead.MIN_BYTES)
    assert not read_ahead.worth_it(read_ahead.MIN_BYTES - 1)
    monkeypatch.setattr(read_ahead.os, "sched_getaffinity", lambda pid: {0})
    assert not read_ahead.worth_it(read_ahead.MIN_BYTES)
    monkeypatch.delattr(read_ahead.os, "sched_getaffinity")  # not Linux
    assert not read_ahead.worth_it(read_ahead.MIN_BYTES)


def test_entries_read_ahead_are_checked_where_they_are_read_and_not_again(
    alice_collection, monkeypatch, tmp_path
):
    checked_in = tmp_path / "pids"
    check = checks.fits.checked

    def noted(record, more_names=None):
        with checked_in.open("a") as pids:
            pids.write(f"{os.getpid()}\n")
        return check(record, more_names)

    monkeypatch.setattr(checks.fits, "checked", noted)
    monkeypatch.setattr(read_ahead, "worth_it", lambda size: True)
    job = import_files([ROYW], alice_collection, "dvdprofiler")[0]
    pids = checked_in.read_text().split()
    assert job.created > 3 * read_ahead.BATCH and len(pids) == job.created
    assert str(os.getpid()) not in pids


def test_an_entry_read_ahead_that_cannot_be_stored_fails_with_its_message(
    alice_collection, monkeypatch, tmp_path
):
    path = tmp_path / "collection.xml"
    long_title = b"<Title>" + b"Dr. Horrible " * 30 + b"</Title>"
    title = b"<Title>Jet Pilot</Title>"
    path.write_bytes(ROYW.read_bytes().replace(title, long_title, 1))

    def refusal() -> str:
        with pytest.raises(ImportFailed) as caught:
            import_files([path], alice_collection, "dvdprofiler")
        return str(caught.value)

    here = refusal()
    assert "1 entry could not be imported" in here and "at most 300 fit" in here
    monkeypatch.setattr(read_ahead, "worth_it", lambda size: True)
    assert refusal() == here
    assert not Copy.objects.exists()
    failed = ImportJob.objects.filter(status=ImportJob.Status.FAILED).latest("pk")
    # The job names its file already; the command line's message names it too.
    assert here == f"collection.xml: {failed.error}" and failed.failed == 1
