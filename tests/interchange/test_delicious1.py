"""Delicious Library 1's XML read into records: four films, every value an attribute."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from cinecat.catalog.records import CreditRecord
from cinecat.interchange.formats import delicious1
from cinecat.interchange.formats.base import FormatError
from tests.interchange.conftest import OneWayStream

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"
SAMPLE = EXPORTS / "delicious" / "delicious1_movies.xml"


@pytest.fixture(scope="module")
def records():
    with SAMPLE.open("rb") as stream:
        return list(delicious1.read(stream))


def test_reads_the_four_films(records):
    assert [record.works[0].title for record in records] == [
        "Romper Stomper",
        "Driving Miss Daisy",
        "Ancient Civilizations",
        "South Park - The Complete Sixth Season",
    ]


def test_reads_romper_stomper_field_by_field(records):
    record = records[0]
    work, edition, copy = record.works[0], record.edition, record.copy
    assert (work.year, work.runtime_minutes, work.colour) == (1993, 93, "Color")
    assert work.credits[0] == CreditRecord("Geoffrey Wright", job="Director", role="crew")
    assert [c.name for c in work.credits[1:]] == [
        "Russell Crowe",
        "Daniel Pollock",
        "Jacqueline McKenzie",
        "Alex Scott",
        "Leigh Russell",
    ]
    plot = work.plots[0].text
    assert plot.startswith("The controversial film drew rave reviews")
    assert plot.endswith('"exhilarating and utterly brilliant" (Preview Magazine).')
    assert "\\" not in plot and "Times-Roman" not in plot
    assert edition.barcode == "0024543048060"
    assert (edition.format, edition.distributor) == ("DVD", "20th Century Fox")
    assert edition.release_date == dt.date(2002, 9, 3)  # published="03-09-2002"
    assert (edition.rating_country, edition.rating) == ("US", "R")
    assert (edition.aspect_ratio, edition.regions) == ("1.33:1", ("1",))
    # features="Closed-captioned\nColor\nDVD-Video\nWidescreen\nNTSC\n1.33:1"
    assert (edition.video_standard, edition.screen_formats) == ("NTSC", ("Widescreen",))
    assert edition.features == ("Closed captioned",)
    assert copy.purchased_on == dt.date(2006, 3, 25)  # purchaseDate="25-03-2006"
    assert (copy.purchase_price, copy.purchase_currency) == (None, "")
    assert (edition.list_price, edition.list_price_currency) == (Decimal("9.98"), "USD")
    # created="165015856": seconds since 2001-01-01 UTC
    assert copy.added_at == dt.datetime(2006, 3, 25, 21, 44, 16, tzinfo=dt.UTC)
    # The browse nodes are the genres, but a region's, a decade's and Amazon's placeholders.
    assert work.genres[:3] == (
        "Crime",
        "Australia & New Zealand",
        "Mystery & Suspense - Crime - General",
    )
    assert not any("browse-bin" in genre or "Region" in genre for genre in work.genres)
    assert "1990 - 1999" not in work.genres and copy.tags == ()
    assert record.source_id == "81D520FF-BC48-11DA-869D-000D934D1310"
    assert copy.other_details == (("currentValue", "$4.95"), ("netrating", "4"))
    assert copy.source_extras == (
        ("asin", "B000068TQ4"),
        ("lastLookupTime", "2008-06-28 05:40:48 UTC"),  # lastLookupTime="236324448"
    )


def test_reads_the_edition_name_and_takes_the_full_title_for_the_title_and_edition(records):
    daisy = records[1]
    assert daisy.edition.name == "Special"
    # The full title is the title with the edition's words.
    assert daisy.copy.other_details == (("currentValue", "$5.52"), ("netrating", "4.5"))
    assert all(name != "fullTitle" for name, _ in records[0].copy.other_details)


def test_every_movie_of_the_sample_keeps_all_its_values(records):
    assert [record.unmapped for record in records] == [(), (), (), ()]


def test_an_unset_rating_is_not_kept_and_an_unread_time_is_kept_as_written():
    xml = b'<library><items><movie title="X" rating="0" lastLookupTime="soon"/></items></library>'
    (record,) = delicious1.read(io.BytesIO(xml))
    assert record.copy.my_rating is None
    assert record.copy.source_extras == (("lastLookupTime", "soon"),)


def test_shelf_names_become_tags_and_box_sets_keep_their_disc_count(records):
    ancient, south_park = records[2], records[3]
    assert ancient.copy.tags == ("TV Shows",)
    assert "TV Shows" not in records[0].copy.tags
    assert (ancient.edition.discs, south_park.edition.discs) == (6, 3)
    directors = [c.name for c in south_park.works[0].credits if c.role == "crew"]
    assert directors == ["Trey Parker", "Matt Stone"]


def test_reads_a_stream_that_cannot_seek(records):
    stream = io.BufferedReader(OneWayStream(SAMPLE.read_bytes()))
    assert list(delicious1.read(stream)) == records


def test_recognises_delicious_library_1_but_not_the_plist_of_version_2():
    assert delicious1.detect(SAMPLE.read_bytes()[:65536])
    assert not delicious1.detect(
        (EXPORTS / "delicious" / "delicious2_movies_plist.xml").read_bytes()
    )


def test_a_truncated_file_is_refused_naming_the_line(tmp_path):
    truncated = tmp_path / "cut.xml"
    truncated.write_bytes(SAMPLE.read_bytes()[:2000])
    with truncated.open("rb") as stream, pytest.raises(FormatError) as error:
        list(delicious1.read(stream))
    assert error.value.line is not None
    assert "line" in str(error.value)


def test_a_doctype_declaring_entities_is_refused():
    xml = b"""<?xml version="1.0"?>
<!DOCTYPE library [<!ENTITY t "Title">]>
<library><items><movie title="&t;" uuid="1"/></items></library>"""
    with pytest.raises(FormatError, match="entities"):
        list(delicious1.read(io.BytesIO(xml)))


def test_a_purchase_date_in_another_order_names_the_movie():
    xml = b'<library><items><movie title="X" purchaseDate="2006-03-25"/></items></library>'
    with pytest.raises(FormatError, match=r"<movie> #1 .*DD-MM-YYYY"):
        list(delicious1.read(io.BytesIO(xml)))
