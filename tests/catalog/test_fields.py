"""A plain field of the records goes everywhere an entry goes, named in one place.

The edition's video standard was added as its model field, its record field and a migration:
nothing else names it, yet imports store it, the edit page edits it, the history and the copy
page show it and exports carry it.
"""

import dataclasses
import io

import pytest

from cinecat.catalog import history
from cinecat.catalog.fields import copy_fields, edition_fields, work_fields
from cinecat.catalog.models import Copy, Edition
from cinecat.catalog.records import CopyRecord, EditionRecord, Record, WorkRecord
from cinecat.interchange.export import export_collection, records_of
from cinecat.interchange.formats import cinecat_json
from cinecat.interchange.writer import apply_records
from tests.catalog.test_editing import edit_data
from tests.factories import CollectionFactory


@pytest.fixture
def pal_disc(alice_collection):
    apply_records(
        [
            Record(
                works=(WorkRecord("Withnail and I", year=1987),),
                edition=EditionRecord(format="DVD", video_standard="PAL"),
                copy=CopyRecord(index=3),
            )
        ],
        alice_collection,
    )
    return Copy.objects.get(index=3)


def test_every_record_field_of_the_model_is_in_its_field_map():
    for fields, record in (
        (work_fields(), WorkRecord),
        (edition_fields(), EditionRecord),
        (copy_fields(), CopyRecord),
    ):
        # The model's own fields (its rows' children, such as credits, are not among them).
        own = {f.name for f in fields.model._meta.get_fields() if not f.auto_created}
        expected = [f.name for f in dataclasses.fields(record) if f.name in own]
        assert list(fields.order) == expected


def test_a_new_plain_field_is_stored_by_an_import_and_read_back(pal_disc):
    assert Edition.objects.get(pk=pal_disc.edition_id).video_standard == "PAL"
    assert next(records_of(Copy.objects.all())).edition.video_standard == "PAL"


def test_a_new_plain_field_round_trips_through_cinecat_json(pal_disc, alice_collection):
    stream = io.BytesIO()
    export_collection(alice_collection, "cinecat-json", stream)
    stream.seek(0)
    bob = CollectionFactory(slug="bob")
    apply_records(cinecat_json.read(stream), bob)
    assert bob.copies.get().edition.video_standard == "PAL"


def test_a_new_plain_field_is_edited_on_the_edit_page_and_kept_in_the_history(client, pal_disc):
    page = client.get("/c/alice/3/edit/").content.decode()
    assert 'name="edition-video_standard"' in page and "Video standard" in page
    data = edit_data(pal_disc, **{"edition-video_standard": "NTSC"})
    assert client.post("/c/alice/3/edit/", data).status_code == 302
    assert Edition.objects.get(pk=pal_disc.edition_id).video_standard == "NTSC"
    assert pal_disc.changes.first().changes["Video standard"] == ["PAL", "NTSC"]
    assert history.snapshot(history.record_of(pal_disc))["Video standard"] == "NTSC"


def test_a_new_plain_field_shows_on_the_copy_page(client, pal_disc):
    page = client.get("/c/alice/3/").content.decode()
    assert "<dt>Video standard</dt><dd>PAL</dd>" in page


def test_a_new_plain_field_round_trips_through_csv(pal_disc, alice_collection):
    from cinecat.interchange.formats import csv_export, csv_import

    stream = io.BytesIO()
    export_collection(alice_collection, "csv", stream, columns=list(csv_export.COLUMNS))
    header = stream.getvalue().decode().splitlines()[0].split(",")
    assert "video_standard" in header
    stream.seek(0)
    bob = CollectionFactory(slug="bob")
    apply_records(csv_import.read(stream), bob)
    assert bob.copies.get().edition.video_standard == "PAL"
