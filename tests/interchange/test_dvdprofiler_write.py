"""Writing DVD Profiler's collection.xml: what is written reads back as the same records."""

import dataclasses
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from cinecat.interchange.formats import dvdprofiler
from cinecat.interchange.formats.base import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    PlotRecord,
    Record,
    WorkRecord,
)

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports" / "dvdprofiler"

# What a DVD Profiler profile has no place for (see dvdprofiler_write's docstring).
LOST_WORK = {"languages": (), "trailer_url": "", "imdb_id": "", "tmdb_id": None}
LOST_COPY = {
    "owner": "",
    "storage_device": "",
    "condition": "",
    "added_at": None,
    "other_details": (),
}


def write(records) -> bytes:
    stream = io.BytesIO()
    dvdprofiler.write(records, stream)
    return stream.getvalue()


def round_trip(records) -> list[Record]:
    return list(dvdprofiler.read(io.BytesIO(write(records))))


def comparable(record: Record) -> Record:
    """The record without what the reader adds (its place, its unmapped fields) and without
    the other details, which a profile does not hold."""
    copy = dataclasses.replace(record.copy, other_details=())
    return dataclasses.replace(record, copy=copy, where="", unmapped=())


def without_losses(record: Record) -> Record:
    works = tuple(dataclasses.replace(work, **LOST_WORK) for work in record.works)
    copy = dataclasses.replace(record.copy, **LOST_COPY)
    return comparable(dataclasses.replace(record, works=works, copy=copy))


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.glob("*.xml")))
def test_each_sample_reads_back_identical_after_writing(name):
    with (SAMPLES / name).open("rb") as stream:
        records = list(dvdprofiler.read(stream))
    assert [comparable(r) for r in round_trip(records)] == [comparable(r) for r in records]


def test_writes_utf8_with_a_declaration_and_one_dvd_a_record_that_detect_recognises():
    with (SAMPLES / "royw_collection.xml").open("rb") as stream:
        records = list(dvdprofiler.read(stream))
    data = write(records)
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<Collection>')
    root = etree.fromstring(data)
    assert (root.tag, len(root)) == ("Collection", 32)
    assert root[2].findtext("ID") == "018713811837.4"
    assert dvdprofiler.detect(data[:65536])


ALICE_DVD = Record(
    works=(
        WorkRecord(
            title="Le Fabuleux Destin d'Am\u00e9lie Poulain",
            sort_title="Fabuleux Destin d'Am\u00e9lie Poulain",
            original_title="Am\u00e9lie",
            year=2001,
            runtime_minutes=122,
            colour="Color",
            genres=("Comedy", "Romance"),
            countries=("France", "Germany"),
            languages=("French",),
            plots=(PlotRecord("A shy waitress decides to change the lives of those around her."),),
            credits=(
                CreditRecord("Audrey Tautou", character="Am\u00e9lie Poulain"),
                CreditRecord("Mathieu Kassovitz", character="Nino Quincampoix"),
                CreditRecord("Jean-Pierre Jeunet", job="Director", role="crew"),
                CreditRecord("Guillaume Laurant", job="Screenwriter", role="crew"),
                CreditRecord("Yann Tiersen", job="Original Music", role="crew"),
            ),
            imdb_id="tt0211915",
        ),
    ),
    edition=EditionRecord(
        format="Blu-ray",
        name="Special Edition",
        distributor="Momentum Pictures",
        release_date=dt.date(2009, 4, 27),
        barcode="5060116723306",
        rating="15",
        regions=("B",),
        discs=2,
        packaging="Keep Case",
        aspect_ratio="2.35:1",
        audio=("DTS-HD Master Audio 5.1 [French]", "Dolby Digital Stereo [English]"),
        subtitles=("English",),
    ),
    copy=CopyRecord(
        index=42,
        status="owned",
        owner="Alice",
        location=("Living room",),
        storage_slot="7",
        purchased_on=dt.date(2010, 3, 1),
        purchase_price=Decimal("12.99"),
        purchase_currency="GBP",
        purchase_store="HMV",
        notes="Signed by the director",
        tags=("Favourites", "Genre/Romance"),
        my_rating=9,
        viewings=2,
        modified_at=dt.datetime(2012, 5, 1, 10, 0, 30),
        loans=(
            LoanRecord("Bob Stone", dt.date(2011, 2, 1), returned_on=dt.date(2011, 2, 20)),
            LoanRecord("Carol", dt.date(2012, 4, 1), due_on=dt.date(2012, 5, 1), notes="Gift?"),
        ),
    ),
    source_id="5060116723306.4",
)


def test_a_record_with_loans_a_price_and_a_currency_reads_back_but_for_what_dvd_profiler_lacks():
    (back,) = round_trip([ALICE_DVD])
    assert comparable(back) == without_losses(ALICE_DVD)
    assert back.copy.loans == ALICE_DVD.copy.loans
    assert (back.copy.purchase_price, back.copy.purchase_currency) == (Decimal("12.99"), "GBP")


def test_a_record_without_a_source_id_is_written_under_its_barcode_or_its_index():
    bare = Record(works=(WorkRecord(title="Heat", year=1995),), copy=CopyRecord(index=7))
    coded = dataclasses.replace(ALICE_DVD, source_id="")
    back = round_trip([bare, coded])
    assert [r.source_id for r in back] == ["M7", "5060116723306"]
    assert back[1].edition.barcode == "5060116723306"


def test_a_current_loan_without_a_lending_day_reads_back_as_the_current_loan():
    copy = CopyRecord(loans=(LoanRecord("Dan", due_on=dt.date(2030, 1, 1)),))
    (back,) = round_trip([Record(works=(WorkRecord(title="Heat"),), copy=copy, source_id="M1")])
    assert back.copy.loans == copy.loans


def test_a_box_set_is_a_parent_profile_with_one_child_profile_a_work():
    box = Record(
        works=(
            WorkRecord(title="The Mummy", year=1999, credits=(CreditRecord("Brendan Fraser"),)),
            WorkRecord(title="The Mummy Returns", year=2001),
        ),
        edition=EditionRecord(format="DVD", barcode="025192829925", discs=2),
        copy=CopyRecord(index=1164, purchase_price=Decimal("29.99"), purchase_currency="USD"),
        source_id="025192829925",
    )
    data = write([box])
    parent, *children = round_trip([box])
    assert parent.works[0].title == "The Mummy / The Mummy Returns"
    assert (parent.edition, comparable(parent).copy) == (box.edition, box.copy)
    assert parent.copy.other_details == (("BoxSet/Contents", "025192829925-1, 025192829925-2"),)
    assert parent.unmapped == ()
    assert [child.works for child in children] == [(work,) for work in box.works]
    assert [child.source_id for child in children] == [
        "025192829925/025192829925-1",
        "025192829925/025192829925-2",
    ]
    assert [(c.edition.barcode, c.copy.index) for c in children] == [("", None), ("", None)]
    contents = etree.fromstring(data)[0].findall("BoxSet/Contents/Content")
    assert [node.text for node in contents] == ["025192829925-1", "025192829925-2"]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Frank T. Thompson", ("Frank", "T.", "Thompson")),
        ("Karol Cristina da Silva", ("Karol", "Cristina", "da Silva")),
        ("Alan Dinehart III", ("Alan", "", "Dinehart III")),
        ("Cher", ("", "", "Cher")),
    ],
)
def test_splits_a_name_into_dvd_profilers_first_middle_and_last_name(name, parts):
    record = Record(works=(WorkRecord(title="T", credits=(CreditRecord(name),)),), source_id="M1")
    actor = etree.fromstring(write([record]))[0].find("Actors/Actor")
    assert (actor.get("FirstName"), actor.get("MiddleName"), actor.get("LastName")) == parts


def test_a_ratio_that_is_not_to_one_is_written_as_a_width_to_one():
    edition = EditionRecord(aspect_ratio="16:9")
    (back,) = round_trip([Record(works=(WorkRecord(title="T"),), edition=edition)])
    assert back.edition.aspect_ratio == "1.78:1"


def test_writes_records_from_a_generator_without_holding_them():
    def records():
        for n in range(1, 2001):
            yield Record(works=(WorkRecord(title=f"Film {n}"),), copy=CopyRecord(index=n))

    back = round_trip(records())
    assert [r.copy.index for r in back] == list(range(1, 2001))
