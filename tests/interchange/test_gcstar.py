"""GCstar's GCfilms collection read into records: three films, values in attributes."""

import datetime as dt
import io
from pathlib import Path

import pytest

from cinecat.catalog.records import CreditRecord, LoanRecord
from cinecat.interchange.formats import gcstar
from cinecat.interchange.formats.base import FormatError

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"
SAMPLE = EXPORTS / "gcstar" / "test-video.gcs"


def _read(data: bytes) -> list:
    return list(gcstar.read(io.BytesIO(data)))


@pytest.fixture(scope="module")
def records():
    with SAMPLE.open("rb") as stream:
        return list(gcstar.read(stream))


def test_reads_the_three_films(records):
    assert [record.works[0].title for record in records] == [
        "The Man from Snowy River",
        "The Man from Snowy River II",
        "100 Feet",
    ]


def test_reads_the_man_from_snowy_river_field_by_field(records):
    record = records[0]
    work, edition, copy = record.works[0], record.edition, record.copy
    assert (work.year, work.runtime_minutes, work.countries) == (1982, 102, ("Australia",))
    assert work.genres == ("Drama", "Family", "Romance", "Western")
    assert work.imdb_id == "tt0084296"  # from webPage ending in ##IMDb
    assert work.plots[0].text.startswith("Jim Craig has lived his first 18 years")
    assert work.credits[0] == CreditRecord("George Miller", job="Director", role="crew")
    assert work.credits[1] == CreditRecord("Tom Burlinson", character="Jim Craig")
    assert CreditRecord("Kirk Douglas", character="Harrison / Spur") in work.credits
    assert len([c for c in work.credits if c.role == "cast"]) == 10
    assert (edition.format, edition.regions, edition.discs) == ("DVD", ("1",), 1)
    # added="07/09/2009", day first: the start of that day where cinecat reads dates (UTC)
    assert copy.added_at == dt.datetime(2009, 9, 7, tzinfo=dt.UTC)
    assert (copy.index, copy.my_rating, copy.viewings) == (2, 7, 1)
    assert copy.notes == "My favorite comments"
    assert copy.tags == ("tag2", "tag1")
    assert (record.source_id, record.where) == ("2", "<item> #1 (line 26)")


def test_the_age_is_the_rating_and_the_favourite_flag_kept_and_no_loan_for_films_at_home(records):
    # All three films are at home: borrower="none" (or no borrower at all).
    assert (records[0].edition.rating, records[0].edition.rating_country) == ("11", "")
    assert records[0].copy.other_details == (("favourite", "Yes"),)
    assert records[2].copy.other_details == ()
    assert [record.copy.loans for record in records] == [(), (), ()]


def test_a_film_lent_now_has_an_open_loan_from_its_lend_date():
    lent = SAMPLE.read_bytes().replace(
        b'borrower="none"', b'borrower="Bob" lendDate="12/03/2010"', 1
    )
    snowy = _read(lent)[0]
    assert snowy.copy.loans == (LoanRecord("Bob", lent_on=dt.date(2010, 3, 12)),)
    (loan,) = snowy.copy.loans
    assert (loan.due_on, loan.returned_on, loan.notes) == (None, None, "")
    assert snowy.copy.other_details == (("favourite", "Yes"),)


def test_an_imdb_search_page_is_kept_as_the_web_page(records):
    second = records[1]
    assert second.works[0].imdb_id == ""
    assert second.copy.other_details == (
        ("webPage", "http://www.imdb.com/find?q=Return+to+Snowy+River;tt=on;mx=20"),
    )
    assert second.copy.viewings == 0


def test_every_item_of_the_sample_keeps_all_its_values(records):
    assert [record.unmapped for record in records] == [(), (), ()]


def test_reads_the_history_as_returned_loans_then_the_current_loan():
    xml = b"""<collection type="GCfilms"><item id="1" title="Heat" borrower="Ann"
 lendDate="01/03/2010">
<borrowings>
 <line><col>Bob</col><col>01/02/2010</col><col>15/02/2010</col></line>
 <line><col>unknown</col><col></col><col>20/02/2010</col></line>
</borrowings></item></collection>"""
    (record,) = _read(xml)
    assert record.copy.loans == (
        LoanRecord("Bob", lent_on=dt.date(2010, 2, 1), returned_on=dt.date(2010, 2, 15)),
        LoanRecord("Unknown borrower", lent_on=None, returned_on=dt.date(2010, 2, 20)),
        LoanRecord("Ann", lent_on=dt.date(2010, 3, 1), returned_on=None),
    )
    assert (record.copy.other_details, record.unmapped) == ((), ())


def test_keeps_the_loans_it_cannot_date_as_other_details():
    xml = b"""<collection type="GCfilms"><item id="1" title="Heat" borrower="unknown"
 lendDate="March 2010">
<borrowings>
 <line><col>Bob</col><col>01/02/2010</col><col>15/02/2010</col></line>
 <line><col>Cid</col><col>2010-02-16</col><col>20/02/2010</col></line>
 <line><col>Dee</col><col>21/02/2010</col><col></col></line>
</borrowings></item></collection>"""
    (record,) = _read(xml)
    assert record.copy.loans == (
        LoanRecord("Bob", lent_on=dt.date(2010, 2, 1), returned_on=dt.date(2010, 2, 15)),
        LoanRecord("Unknown borrower", lent_on=None),  # out, since a date it cannot read
    )
    assert record.copy.other_details == (
        ("lendDate", "March 2010"),
        ("borrowings", "Cid, 2010-02-16, 20/02/2010\nDee, 21/02/2010"),
    )


def test_reads_the_loan_of_an_older_file_written_in_elements():
    xml = b"""<collection type="GCfilms"><item><id>3</id><title>Heat</title>
<borrower>Ann</borrower><lendDate>05/04/2008</lendDate></item></collection>"""
    (record,) = _read(xml)
    assert record.copy.loans == (LoanRecord("Ann", lent_on=dt.date(2008, 4, 5)),)
    assert record.copy.other_details == ()


def test_reads_the_older_actors_attribute_with_roles_and_the_place(records):
    record = records[2]
    cast = [(c.name, c.character) for c in record.works[0].credits if c.role == "cast"]
    assert cast[:2] == [("Famke Janssen", "Marnie Watson"), ("Bobby Cannavale", "Shanks")]
    assert len(cast) == 11
    assert record.works[0].runtime_minutes == 105
    assert record.copy.location == ("On Hard Drive",)
    assert record.edition.audio == ("English",)
    assert record.copy.added_at is None


def test_recognises_gcstar_files_but_not_griffith():
    assert gcstar.detect(SAMPLE.read_bytes()[:65536])
    assert not gcstar.detect((EXPORTS / "griffith" / "griffith.xml").read_bytes())


def test_a_truncated_file_is_refused_naming_the_line(tmp_path):
    truncated = tmp_path / "cut.gcs"
    truncated.write_bytes(SAMPLE.read_bytes()[:2000])
    with truncated.open("rb") as stream, pytest.raises(FormatError) as error:
        list(gcstar.read(stream))
    assert error.value.line is not None and error.value.line > 1


def test_a_doctype_declaring_entities_is_refused():
    xml = b"""<?xml version="1.0"?>
<!DOCTYPE collection [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<collection type="GCfilms"><item id="1" title="&x;"/></collection>"""
    with pytest.raises(FormatError, match="entities"):
        _read(xml)


def test_a_book_collection_is_refused():
    with pytest.raises(FormatError, match="not films"):
        _read(b'<collection type="GCbooks"><item id="1" title="Emma"/></collection>')
