"""Griffith's XML export read into records: five films with padded values."""

import io
from pathlib import Path

import pytest

from cinecat.catalog.records import CreditRecord
from cinecat.interchange.formats import griffith
from cinecat.interchange.formats.base import FormatError

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"
SAMPLE = EXPORTS / "griffith" / "griffith.xml"


def _read(data: bytes) -> list:
    return list(griffith.read(io.BytesIO(data)))


@pytest.fixture(scope="module")
def records():
    with SAMPLE.open("rb") as stream:
        return list(griffith.read(stream))


def test_reads_the_five_films_in_their_numbering(records):
    assert [(r.copy.index, r.works[0].title) for r in records] == [
        (1, "Serendipity"),
        (2, "Click"),
        (3, "Pearl Harbor"),
        (4, "Flyboys"),
        (5, "Superman"),
    ]


def test_reads_serendipity_field_by_field_without_the_padding(records):
    record = records[0]
    work, edition, copy = record.works[0], record.edition, record.copy
    assert (work.title, work.original_title, work.year) == ("Serendipity", "Serendipity", 2001)
    assert (work.runtime_minutes, work.countries) == (90, ("USA",))
    assert work.genres == ("Comedy", "Romance", "Fantasy")  # "Comedy / Romance / Fantasy"
    assert work.imdb_id == "tt0240890"
    assert work.trailer_url == "http://www.imdb.com/title/tt0240890/trailers"
    assert work.plots[0].text.startswith("A couple reunite years after")
    assert work.credits[:3] == (
        CreditRecord("Peter Chelsom", job="Director", role="crew"),
        CreditRecord("John Cusack", character="Jonathan Trager"),
        CreditRecord("Kate Beckinsale", character="Sara Thomas"),
    )
    assert (
        CreditRecord(
            "Michael Guarino Jr.", character="Customer at Bloomingdale's (as Michael Guarino)"
        )
        in work.credits
    )
    assert (edition.format, edition.rating, edition.distributor) == ("DVD", "PG-13", "")
    assert work.studios == ("studio",)  # as the file has it
    assert (copy.my_rating, copy.viewings) == (6, 1)
    assert copy.notes.startswith("Language: \nEnglish / French")
    assert (record.source_id, record.where) == ("1", "<movie> #1 (line 3)")
    assert record.copy.other_details == ()
    assert record.copy.source_extras == (
        ("poster_md5", "be02386a421d424f1cc21c4c06d37d65"),
        ("image", "./posters/be02386a421d424f1cc21c4c06d37d65.jpg"),
    )


def test_reads_pearl_harbor_with_its_studio_and_a_cast_without_roles(records):
    record = records[2]
    assert record.works[0].studios == ("Disney / Buena Vista",)
    cast = [c for c in record.works[0].credits if c.role == "cast"]
    assert cast[0] == CreditRecord("Ben Affleck")
    assert record.copy.my_rating is None
    assert record.works[0].imdb_id == ""
    assert record.copy.other_details == (
        ("site", "http://www.dvdempire.com/Exec/v4_item.asp?item_id=1255152"),
    )
    assert [name for name, _ in record.copy.source_extras] == ["poster_md5", "image"]


def test_splits_comma_separated_genres_and_treats_rating_zero_as_unrated(records):
    superman = records[4]
    assert superman.works[0].genres == ("Fantasy", "Komödie", "Musikfilm")
    assert superman.copy.my_rating is None
    assert superman.works[0].runtime_minutes is None


def test_a_film_at_home_keeps_no_loan_and_a_lent_one_does(records):
    assert all(name != "loaned" for r in records for name, _ in r.copy.other_details)
    lent = SAMPLE.read_bytes().replace(b"<loaned>\n\t\t\t0", b"<loaned>\n\t\t\t1", 1)
    assert ("loaned", "Yes") in _read(lent)[0].copy.other_details


def test_every_movie_of_the_sample_keeps_all_its_values(records):
    assert [record.unmapped for record in records] == [(), (), (), (), ()]
    assert ("site", "http://www.ofdb.de/film/61030,Superman") in records[4].copy.other_details


def test_recognises_griffith_files_but_not_data_crow():
    assert griffith.detect(SAMPLE.read_bytes()[:65536])
    assert not griffith.detect((EXPORTS / "datacrow" / "datacrow_movies.xml").read_bytes())


def test_a_truncated_file_is_refused_naming_the_line(tmp_path):
    truncated = tmp_path / "cut.xml"
    truncated.write_bytes(SAMPLE.read_bytes()[:2000])
    with truncated.open("rb") as stream, pytest.raises(FormatError) as error:
        list(griffith.read(stream))
    assert error.value.line is not None and error.value.line > 1


def test_a_doctype_declaring_entities_is_refused():
    xml = b"""<?xml version="1.0"?>
<!DOCTYPE root [<!ENTITY a "aaaaaaaaaa">]>
<root><movie><number>1</number><title>&a;</title></movie></root>"""
    with pytest.raises(FormatError, match="entities"):
        _read(xml)


def test_a_number_that_is_not_a_number_names_the_movie():
    with pytest.raises(FormatError, match=r"<movie> #1 .*<year> 'soon'"):
        _read(b"<root><movie><number>1</number><title>X</title><year>soon</year></movie></root>")
