"""Writing DVD Profiler's collection.xml: what is written reads back as the same records."""

import dataclasses
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    PlotRecord,
    Record,
    WorkRecord,
)
from cinecat.core import barcodes
from cinecat.interchange.export import export_collection
from cinecat.interchange.formats import dvdprofiler
from cinecat.interchange.formats.dvdprofiler_codes import CREW_TYPE_OF
from cinecat.interchange.formats.dvdprofiler_people_write import name_parts
from cinecat.interchange.services import import_files

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports" / "dvdprofiler"

# What a DVD Profiler profile has no place for (see dvdprofiler_write's docstring).
LOST_WORK = {"languages": (), "tmdb_id": None}
LOST_COPY = {"owner": "", "storage_device": "", "condition": "", "added_at": None}


def write(records) -> bytes:
    stream = io.BytesIO()
    dvdprofiler.write(records, stream)
    return stream.getvalue()


def round_trip(records) -> list[Record]:
    return list(dvdprofiler.read(io.BytesIO(write(records))))


def comparable(record: Record) -> Record:
    """The record without what the reader adds: its place and its unmapped fields."""
    return dataclasses.replace(record, where="", unmapped=())


def as_dvd_profiler_keeps(credit: CreditRecord) -> CreditRecord:
    """A credit as a profile gives it back: with a person's name in parts and a crew type."""
    first, middle, last = name_parts(credit.name)
    department = credit.department or (
        CREW_TYPE_OF.get(credit.job, "Other") * (credit.role == "crew")
    )
    return dataclasses.replace(
        credit, first_name=first, middle_name=middle, last_name=last, department=department
    )


def without_losses(record: Record) -> Record:
    works = tuple(
        dataclasses.replace(
            work, **LOST_WORK, credits=tuple(map(as_dvd_profiler_keeps, work.credits))
        )
        for work in record.works
    )
    copy = dataclasses.replace(record.copy, **LOST_COPY)
    return comparable(dataclasses.replace(record, works=works, copy=copy))


def test_a_kept_profile_timestamp_goes_back_in_its_place_beside_the_last_edit():
    with (SAMPLES / "royw_collection.xml").open("rb") as stream:
        mummy = next(r for r in dvdprofiler.read(stream) if r.source_id == "025192063626")
    dvd = etree.fromstring(write([mummy]))[0]
    assert (
        dvd[0].text
        == "2008-12-07T15:35:56.000Z"
        == dict(mummy.copy.source_extras)["ProfileTimestamp"]
    )
    assert dvd.findtext("LastEdited") == "2009-04-10T06:51:59Z"
    assert dvd.find("OtherDetails") is None
    assert (dvd.findtext("SRP"), dvd.find("SRP").get("DenominationType")) == ("24.98", "USD")


def test_a_modified_time_without_a_kept_profile_timestamp_is_the_profile_timestamp():
    dvd = etree.fromstring(write([ALICE_DVD]))[0]
    assert dvd[0].text == "2012-05-01T10:00:30Z"
    assert dvd.find("LastEdited") is None
    assert dvd.find("OtherDetails") is None


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
            trailer_url="https://www.youtube.com/watch?v=HUECWi5pX7o",
        ),
    ),
    edition=EditionRecord(
        format="Blu-ray",
        name="Special Edition",
        distributor="Momentum Pictures",
        release_date=dt.date(2009, 4, 27),
        barcode="5060116723306",
        rating_country="GB",
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
        modified_at=dt.datetime(2012, 5, 1, 10, 0, 30, tzinfo=dt.UTC),
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
    # A UK disc's: the barcode and the locality of its rating's country.
    assert [r.source_id for r in back] == ["M7", "5060116723306.4"]
    assert back[1].edition.barcode == "5060116723306"


# As the CLZ, Tellico or CSV readers keep what has no field: their own names, any text.
OTHER_CATALOGUER = dataclasses.replace(
    ALICE_DVD,
    edition=dataclasses.replace(ALICE_DVD.edition, format="Other"),
    copy=dataclasses.replace(
        ALICE_DVD.copy,
        other_details=(
            ("format", "Betamax"),
            ("imdbrating", "7.3"),
            ("series", "Am\u00e9lie & friends <uncut>"),
            ("plot outline", "First line\n  indented second line\r\nthird: \"quoted\" 'too'"),
            ('Tom & Jerry <"1">', "\u6771\u4eac \u2014 caf\u00e9 & <b>bold</b> > 3"),
            ("ProfileTimestamp", "not a time"),
            ("series", "listed twice"),
            ("empty", ""),
            ("padded", "  spaces and a tab\t "),
        ),
    ),
)


def test_another_cataloguers_other_details_read_back_exactly_in_order():
    (back,) = round_trip([OTHER_CATALOGUER])
    assert back.copy.other_details == OTHER_CATALOGUER.copy.other_details
    assert comparable(back) == without_losses(OTHER_CATALOGUER)


def test_other_details_are_written_as_detail_elements_in_cinecats_own_element():
    dvd = etree.fromstring(write([OTHER_CATALOGUER]))[0]
    kept = dvd[-1]
    assert (kept.tag, len(kept)) == ("OtherDetails", 9)
    assert (kept[1].tag, kept[1].get("Name"), kept[1].text) == ("Detail", "imdbrating", "7.3")
    assert dvd[0].text == "2012-05-01T10:00:30Z"  # "not a time" is not a ProfileTimestamp


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
    listed = ("BoxSet/Contents", "025192829925-1, 025192829925-2")  # the one extra it gains
    assert parent.edition == box.edition
    assert parent.copy == dataclasses.replace(box.copy, source_extras=(listed,))
    assert parent.unmapped == ()
    assert [child.works for child in children] == [
        (dataclasses.replace(work, credits=tuple(map(as_dvd_profiler_keeps, work.credits))),)
        for work in box.works
    ]
    assert [(child.source_id, child.part_of) for child in children] == [
        ("025192829925-1", "025192829925"),
        ("025192829925-2", "025192829925"),
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


def test_a_copy_first_imported_from_another_cataloguer_keeps_its_barcode():
    edition = dataclasses.replace(ALICE_DVD.edition, barcode="0024543617907")
    other = dataclasses.replace(ALICE_DVD, source_id="clz-1234", edition=edition)
    (back,) = round_trip([other])
    assert back.source_id == "clz-1234"
    assert back.edition.barcode == "0024543617907"


def test_a_disc_or_manual_id_shown_in_upc_is_no_barcode():
    with (SAMPLES / "sixdegrees_test3.xml").open("rb") as stream:
        records = list(dvdprofiler.read(stream))
    by_id = {record.source_id: record for record in records}
    assert by_id["M318.3"].edition.barcode == ""  # <UPC>Manual DVD #318</UPC>
    assert by_id["I82DD32BCE889E780.3"].edition.barcode == ""  # <UPC>Disc ID: 82DD-…</UPC>


def test_an_imported_collection_exported_and_read_back_keeps_every_barcode(alice_collection):
    import_files([SAMPLES / "royw_collection.xml"], alice_collection)
    stored = sorted(
        alice_collection.copies.exclude(edition__barcode="").values_list(
            "edition__barcode", flat=True
        )
    )
    assert len(stored) > 20
    stream = io.BytesIO()
    export_collection(alice_collection, "dvdprofiler", stream)
    back = dvdprofiler.read(io.BytesIO(stream.getvalue()))
    read = sorted(barcodes.normalize(r.edition.barcode) for r in back if r.edition.barcode)
    assert read == stored
