"""An update never erases, says what it changed, and an import can be taken back whole.

Alice catalogued her Fargo by hand (its place, its tags, when she added it); then she imports
a file that knows the film but not her shelves.
"""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from cinecat.catalog import history, services
from cinecat.catalog.models import Copy, CopyChange, Work
from cinecat.catalog.records import CopyRecord, CreditRecord, EditionRecord, Record, WorkRecord
from cinecat.interchange.models import ImportItem, ImportJob
from cinecat.interchange.services import import_files
from cinecat.interchange.undo import UndoRefused, undo_import
from cinecat.interchange.writer import apply_records

FARGO_UPC = "024543617907"
ADDED = dt.datetime(2019, 3, 4, 20, 15, tzinfo=dt.UTC)


@pytest.fixture
def fargo(alice_collection):
    apply_records(
        [
            Record(
                works=(
                    WorkRecord("Fargo", year=1996, credits=(CreditRecord("Frances McDormand"),)),
                ),
                edition=EditionRecord(barcode=FARGO_UPC),
                copy=CopyRecord(
                    index=7,
                    location=("Study", "Shelf 2"),
                    tags=("Coen",),
                    owner="Alice",
                    added_at=ADDED,
                ),
            )
        ],
        alice_collection,
    )
    return Copy.objects.get(index=7)


def film_file(tmp_path, *, owner="", runtime="98"):
    """A CSV that knows the film, its runtime and maybe an owner, nothing of where it is."""
    path = tmp_path / "films.csv"
    path.write_text(f"Title,Year,Barcode,Runtime,Owner\nFargo,1996,{FARGO_UPC},{runtime},{owner}\n")
    return path


def test_an_update_keeps_what_the_file_does_not_carry(fargo, alice_collection, tmp_path):
    import_files([film_file(tmp_path)], alice_collection)
    copy = Copy.objects.get(pk=fargo.pk)
    assert copy.first_work.runtime_minutes == 98  # what the file carries lands
    assert copy.location.path == "Study › Shelf 2"  # what it does not is kept
    assert list(copy.tags.values_list("name", flat=True)) == ["Coen"]
    assert (copy.owner, copy.added_at) == ("Alice", ADDED)
    assert copy.first_work.credits.get().person.name == "Frances McDormand"


def test_an_update_says_what_it_changed_in_the_report_and_the_history(
    fargo, alice_collection, tmp_path
):
    (job,) = import_files([film_file(tmp_path, owner="Kerry & Dawn")], alice_collection)
    item = job.items.get()
    assert item.action == "updated"
    assert item.changes == {"Runtime": ["", "98"], "Owner": ["Alice", "Kerry & Dawn"]}
    change = CopyChange.objects.get(copy=fargo, action="imported")
    assert change.changes == item.changes


def test_importing_the_same_file_again_changes_nothing_and_writes_nothing(
    fargo, alice_collection, tmp_path
):
    import_files([film_file(tmp_path)], alice_collection)
    stamped = Copy.objects.get(pk=fargo.pk).modified_at
    (job,) = import_files([film_file(tmp_path)], alice_collection)
    assert (job.updated, job.same) == (0, 1)
    assert Copy.objects.get(pk=fargo.pk).modified_at == stamped
    assert CopyChange.objects.filter(copy=fargo, action="imported").count() == 1


def test_an_import_is_undone_whole_from_the_command_line(fargo, alice_collection, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(f"Title,Year,Barcode,Runtime\nFargo,1996,{FARGO_UPC},98\nHeat,1995,,170\n")
    before = history.snapshot(history.record_of(fargo))
    (job,) = import_files([path], alice_collection)
    assert (job.created, job.updated) == (1, 1)

    out = StringIO()
    call_command("import", "--undo", str(job.pk), stdout=out)

    assert "1 copies it made removed, 1 copies it updated given back" in out.getvalue()
    assert not Work.objects.filter(title="Heat").exists()
    assert history.snapshot(history.record_of(Copy.objects.get(pk=fargo.pk))) == before
    assert ImportJob.objects.get(pk=job.pk).status == "undone"


def test_an_import_is_undone_from_its_page(client, fargo, alice_collection, tmp_path):
    (job,) = import_files([film_file(tmp_path, owner="Bob")], alice_collection)
    page = client.get(f"/c/alice/imports/{job.pk}/").content.decode()
    assert "Undo this import" in page and "“Alice” → “Bob”" in page
    response = client.post(f"/c/alice/imports/{job.pk}/undo/", follow=True)
    assert "Import undone" in response.content.decode()
    assert Copy.objects.get(pk=fargo.pk).owner == "Alice"


def test_an_import_whose_copy_was_edited_since_is_not_undone(fargo, alice_collection, tmp_path):
    (job,) = import_files([film_file(tmp_path, owner="Bob")], alice_collection)
    ImportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(1))
    services.trash([Copy.objects.get(pk=fargo.pk)])
    with pytest.raises(UndoRefused, match="copy #7 was changed after the import"):
        undo_import(ImportJob.objects.get(pk=job.pk))
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("import", "--undo", str(job.pk))
    assert Copy.everything.get(pk=fargo.pk).owner == "Bob"


def test_an_update_keeps_what_it_replaced_to_undo_it(fargo, alice_collection, tmp_path):
    import_files([film_file(tmp_path, owner="Bob")], alice_collection)
    before = ImportItem.objects.get(action="updated").before
    assert before["copy"]["owner"] == "Alice"
    assert before["copy"]["location"] == ["Study", "Shelf 2"]
