"""cinecat JSON: every field written, read back identical, one entry at a time, errors by entry."""

import datetime as dt
import io
import json
from dataclasses import replace

import pytest

from cinecat.catalog.records import Record, WorkRecord
from cinecat.interchange.formats import cinecat_json, json_stream
from cinecat.interchange.formats.base import FormatError
from tests.interchange.conftest import alien_box_set, heat_wish


def written(records) -> bytes:
    stream = io.BytesIO()
    cinecat_json.write(records, stream)
    return stream.getvalue()


def read(data: bytes) -> list[Record]:
    return list(cinecat_json.read(io.BytesIO(data)))


def document(*entries, **header) -> bytes:
    return json.dumps({"format": "cinecat", "version": 1, **header, "entries": entries}).encode()


def test_records_read_back_identical_field_for_field():
    records = [replace(alien_box_set(), where="<DVD> #3"), heat_wish()]
    assert read(written(records)) == [
        records[0],
        # An entry without a place in its source gets its place in the file.
        replace(records[1], where="entry #2"),
    ]


def test_prices_stay_decimal_text_and_dates_stay_iso():
    entry = json.loads(written([alien_box_set()]))["entries"][0]
    assert entry["copy"]["purchase_price"] == "39.99"
    assert entry["copy"]["added_at"] == "2024-12-24T20:00:05.123456+00:00"
    assert entry["copy"]["loans"][0]["returned_on"] == "2025-02-01"
    assert entry["edition"]["release_date"] == "2010-10-26"


def test_write_sends_each_entry_as_it_comes():
    stream = io.BytesIO()

    def records():
        yield alien_box_set()
        assert b'"Quadrilogy"' in stream.getvalue()  # the first entry is out already
        yield heat_wish()

    cinecat_json.write(records(), stream)
    assert len(json.loads(stream.getvalue())["entries"]) == 2


def test_read_gives_each_entry_before_reading_the_rest(monkeypatch):
    monkeypatch.setattr(json_stream, "READ_SIZE", 16)  # many refills, values across them
    data = written([alien_box_set(), heat_wish()])
    broken = data[: data.index(b'"Heat"')]  # the second entry is cut short
    entries = cinecat_json.read(io.BytesIO(broken))
    assert next(entries).copy.index == 7
    with pytest.raises(FormatError, match="not valid JSON in entry #2"):
        next(entries)


def test_detect_knows_its_own_files_and_no_other():
    assert cinecat_json.detect(written([heat_wish()])[:100])
    assert cinecat_json.detect(b'\xef\xbb\xbf {\n  "format" : "cinecat", "version": 1')
    assert not cinecat_json.detect(b'{"format": "tellico"}')
    assert not cinecat_json.detect(b"The Death Of Stalin\n\nIFC Films (Sep 08, 2017)\n")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"works": [{"title": "Heat", "year": "1995"}]}, "works[0].year: should be a whole number"),
        ({"works": [{"year": 1995}]}, "works[0].title: is missing"),
        ({"works": [{"title": "Heat", "titel": "x"}]}, "works[0]: unknown field 'titel'"),
        (
            {"works": [{"title": "Heat"}], "copy": {"purchase_price": "12,50"}},
            "copy.purchase_price: '12,50' is not a decimal number",
        ),
        (
            {"works": [{"title": "Heat"}], "copy": {"loans": [{"borrower": "Bob", "lent_on": 5}]}},
            "copy.loans[0].lent_on: should be text",
        ),
        ({"works": [{"title": "Heat"}], "edition": {"regions": "1"}}, "edition.regions: should be"),
        ([], "should be an object"),
    ],
)
def test_a_wrong_field_is_named_with_its_entry(entry, message):
    good = {"works": [{"title": "Alien"}]}
    with pytest.raises(FormatError) as error:
        read(document(good, entry))
    assert error.value.where == "entry #2"
    assert message in str(error.value)


def test_a_file_from_a_newer_cinecat_is_refused():
    newer = cinecat_json.VERSION + 1
    with pytest.raises(FormatError, match=f"version {newer} was written by a newer cinecat"):
        read(json.dumps({"format": "cinecat", "version": newer, "entries": []}).encode())


def test_other_json_is_not_read_as_cinecat():
    with pytest.raises(FormatError, match='not a cinecat file: "format": "cinecat"'):
        read(b'{"format": "other", "version": 1, "entries": []}')


def test_text_after_the_document_is_refused():
    with pytest.raises(FormatError, match="line 5: more text after the end"):
        read(written([heat_wish()]) + b"{}")


def test_a_backup_names_each_entry_collection_and_source():
    stream = io.BytesIO()
    shelves = cinecat_json.CollectionInfo("Alice's shelves", "alice", locations=(("Attic",),))
    record = replace(heat_wish(), where="copy #8")
    entry = cinecat_json.BackupEntry(record, collection="alice", source_key="clz-page")
    cinecat_json.write_document([entry], stream, collections=[shelves])
    stream.seek(0)
    backup = cinecat_json.open_document(stream)
    assert backup.collections == [shelves]
    assert list(backup.entries) == [entry]


def test_a_backup_entry_keeps_its_copy_in_the_trash_and_its_edition_covers():
    stream = io.BytesIO()
    front = cinecat_json.BackupCover(
        "front",
        "covers/12/front-3f2a.jpg",
        600,
        900,
        uploaded_at=dt.datetime(2026, 1, 4, 18, 20, 50, 5, tzinfo=dt.UTC),
    )
    entry = cinecat_json.BackupEntry(
        replace(heat_wish(), where="copy #8"),
        collection="alice",
        trashed_at=dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC),
        covers=(front, cinecat_json.BackupCover("back", "covers/12/back-9c1d.png", 300, 450)),
    )
    shelves = cinecat_json.CollectionInfo("Alice's shelves", "alice")
    cinecat_json.write_document([entry], stream, collections=[shelves])
    stream.seek(0)
    assert list(cinecat_json.open_document(stream).entries) == [entry]


def test_a_version_1_backup_reads_as_before_and_knows_no_covers():
    collections = [{"name": "Alice's shelves", "slug": "alice"}]
    entry = {"collection": "alice", "source_key": "clz-page", "works": [{"title": "Heat"}]}
    data = document(entry, collections=collections)
    (found,) = cinecat_json.open_document(io.BytesIO(data)).entries
    assert (found.collection, found.source_key, found.trashed_at, found.covers) == (
        "alice",
        "clz-page",
        None,
        (),
    )
    covered = {**entry, "covers": [{"side": "front", "image": "a.jpg", "width": 1, "height": 1}]}
    with pytest.raises(FormatError, match="entry #1: unknown field 'covers'"):
        read(document(covered, collections=collections))


def test_a_wrong_cover_is_named_with_its_entry():
    cover = {"side": "front", "image": "covers/1/front.jpg", "width": "600", "height": 900}
    data = document(
        {"collection": "alice", "works": [{"title": "Heat"}], "covers": [cover]},
        collections=[{"name": "Alice's shelves", "slug": "alice"}],
        version=2,
    )
    with pytest.raises(FormatError, match="entry #1: covers\\[0\\].width: should be a whole"):
        read(data)


def test_a_backup_entry_of_an_unlisted_collection_is_refused():
    data = document(
        {"collection": "bob", "works": [{"title": "Heat"}]},
        collections=[{"name": "Alice's shelves", "slug": "alice"}],
    )
    with pytest.raises(FormatError, match="entry #1: collection: 'bob' is not in the collections"):
        read(data)


def test_an_export_is_not_a_backup():
    assert cinecat_json.open_document(io.BytesIO(written([]))).collections is None
    assert read(written([])) == []
    assert read(document({"works": [{"title": "Heat"}]})) == [
        Record(works=(WorkRecord("Heat"),), where="entry #1")
    ]
