"""Tellico's .tc archive and plain XML, read into records: the sample's 82 films by value."""

import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from cinecat.interchange.formats import tellico
from cinecat.interchange.formats.base import CreditRecord, FormatError

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"
SAMPLE = EXPORTS / "tellico" / "movies-many.tc"


def _plain_xml() -> bytes:
    with zipfile.ZipFile(SAMPLE) as archive:
        return archive.read("tellico.xml")


def _read(data: bytes) -> list:
    return list(tellico.read(io.BytesIO(data)))


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def records():
    with SAMPLE.open("rb") as stream:
        return {record.source_id: record for record in tellico.read(stream)}


def test_reads_all_82_entries_of_the_archive(records):
    assert len(records) == 82


def test_reads_kate_and_leopold_field_by_field(records):
    record = records["1"]
    work, edition, copy = record.works[0], record.edition, record.copy
    assert (work.title, work.year, work.runtime_minutes) == ("Kate & Leopold", 2001, 118)
    assert work.genres == ("Romance", "Comedy")
    assert work.countries == ("USA",)
    assert work.languages == ("English", "French")
    assert work.colour == "Color"
    assert work.credits == (
        CreditRecord("Meg Ryan", character="Kate"),
        CreditRecord("Hugh Jackman", character="Leopold"),
        CreditRecord("James Mangold", job="Director", role="crew"),
        CreditRecord("Cathy Konrad", job="Producer", role="crew"),
        CreditRecord("James Mangold", job="Writer", role="crew"),
        CreditRecord("Steven Rogers", job="Writer", role="crew"),
        CreditRecord("Rolfe Kent", job="Composer", role="crew"),
    )
    assert (edition.format, edition.distributor) == ("DVD", "Miramax")
    assert (edition.rating_country, edition.rating, edition.regions) == ("US", "PG-13", ("1",))
    assert edition.audio == ("Dolby Digital 5.1",)
    assert edition.subtitles == ("English", "Spanish")
    assert copy.index == 1
    assert copy.added_at == dt.datetime(2011, 5, 29)
    assert copy.modified_at == dt.datetime(2026, 4, 5)
    assert record.where.startswith("<entry> #1 ")


def test_keeps_the_loan_and_other_fields_without_a_place_as_other_details(records):
    # Entry 1 is lent and was a gift; NTSC and widescreen have no field in cinecat.
    assert records["1"].copy.other_details == (
        ("format", "NTSC"),
        ("widescreen", "Yes"),
        ("gift", "Yes"),
        ("loaned", "Yes"),
    )
    assert ("loaned", "Yes") in records["72"].copy.other_details
    assert records["2"].copy.other_details == (("format", "NTSC"),)


def test_keeps_the_studios_after_the_distributor_and_the_amazon_link(records):
    arlington = records["38"]
    assert arlington.edition.distributor == "Columbia Pictures"
    assert arlington.copy.other_details == (("studio", "Tristar Studios"), ("widescreen", "Yes"))
    assert records["83"].copy.other_details == (
        (
            "amazon",
            "http://www.amazon.com/gp/redirect.html%3FASIN=B000N6TYLW%26tag=tellico-20%26lcode=xm2"
            "%26cID=2025%26ccmID=165953%26location=/o/ASIN/B000N6TYLW%253FSubscriptionId="
            "0834VQ4S71KYPVSYQD02",
        ),
    )


def test_every_entry_of_the_sample_keeps_all_its_values(records):
    assert [record.source_id for record in records.values() if record.unmapped] == []


def test_scales_the_five_star_rating_to_ten_and_reads_the_aspect_ratio(records):
    apollo = records["30"]
    assert apollo.works[0].title == "Apollo 13"
    assert apollo.copy.my_rating == 8  # 4 of 5 stars
    assert apollo.edition.aspect_ratio == "2.35:1"
    assert records["4"].copy.my_rating == 10
    assert records["2"].copy.my_rating is None


def test_reads_the_second_entry_with_three_cast_members_and_three_audio_tracks(records):
    work = records["2"].works[0]
    assert work.title == "Spider-Man"
    cast = [(c.name, c.character) for c in work.credits if c.role == "cast"]
    assert cast == [
        ("Tobey Maguire", "Peter Parker"),
        ("Kirsten Dunst", "Mary Jane"),
        ("William Defoe", "Green Goblin"),
    ]
    assert records["2"].edition.audio == ("DTS", "Dolby Digital", "SDDS")
    assert records["2"].edition.distributor == "Columbia Pictures"


def test_reads_the_same_entries_from_the_plain_xml(records):
    plain = _read(_plain_xml())
    assert [record.source_id for record in plain] == list(records)
    assert plain[0] == records["1"]


def test_reads_personal_fields_the_sample_leaves_empty():
    xml = b"""<?xml version="1.0" encoding="UTF-8"?>
<tellico xmlns="http://periapsis.org/tellico/" syntaxVersion="11">
 <collection title="Mine" type="3">
  <fields>
   <field name="rating" type="14"><prop name="maximum">10</prop></field>
  </fields>
  <entry id="7">
   <title>Heat</title>
   <origtitle>Heat</origtitle>
   <medium>Blu-ray</medium>
   <plot>A heist.</plot>
   <rating>9</rating>
   <pur_date>2020-01-31</pur_date>
   <pur_price>12,50 \xe2\x82\xac</pur_price>
   <comments>Signed sleeve</comments>
   <keywords><keyword>crime</keyword><keyword>LA</keyword></keywords>
   <imdb>https://www.imdb.com/title/tt0113277/</imdb>
   <upc>0883929106274</upc>
   <signed>true</signed>
   <episodes><episode><column>Pilot</column><column>1</column></episode>
    <episode><column>Heat II</column><column>2</column></episode></episodes>
   <loandate><year>2021</year><month>02</month><day>03</day></loandate>
   <studios><studio>Warner</studio><studio>Regency</studio><studio>Forward Pass</studio></studios>
   <years><year>circa 1995</year></years>
  </entry>
 </collection>
</tellico>"""
    (record,) = _read(xml)
    assert record.works[0].imdb_id == "tt0113277"
    assert record.works[0].plots[0].text == "A heist."
    assert record.edition.format == "Blu-ray"
    assert record.edition.barcode == "0883929106274"
    assert record.copy.my_rating == 9  # out of the declared maximum of 10
    assert record.copy.purchased_on == dt.date(2020, 1, 31)
    assert (record.copy.purchase_price, record.copy.purchase_currency) == (Decimal("12.50"), "EUR")
    assert record.copy.tags == ("crime", "LA")
    assert record.copy.notes == "Signed sleeve"
    assert record.edition.distributor == "Warner"
    assert record.copy.other_details == (
        ("signed", "Yes"),
        ("episodes", "Pilot, 1\nHeat II, 2"),
        ("loandate", "2021-02-03"),
        ("studio", "Regency, Forward Pass"),
        ("year", "circa 1995"),
    )
    assert record.unmapped == ()


def test_recognises_the_archive_and_the_plain_xml_but_not_gcstar():
    assert tellico.detect(SAMPLE.read_bytes()[:65536])
    assert tellico.detect(_plain_xml()[:65536])
    assert not tellico.detect((EXPORTS / "gcstar" / "test-video.gcs").read_bytes())


def test_a_truncated_file_is_refused_naming_the_line(tmp_path):
    truncated = tmp_path / "cut.xml"
    truncated.write_bytes(_plain_xml()[:2000])
    with truncated.open("rb") as stream, pytest.raises(FormatError) as error:
        list(tellico.read(stream))
    assert error.value.line is not None and error.value.line > 1
    assert "line" in str(error.value)


def test_a_truncated_archive_is_refused():
    with pytest.raises(FormatError, match="ZIP"):
        _read(SAMPLE.read_bytes()[:2000])


def test_a_doctype_declaring_entities_is_refused():
    xml = b"""<?xml version="1.0"?>
<!DOCTYPE tellico [<!ENTITY lol "lol"><!ENTITY lols "&lol;&lol;&lol;">]>
<tellico xmlns="http://periapsis.org/tellico/"><collection type="3">
<entry id="1"><title>&lols;</title></entry></collection></tellico>"""
    with pytest.raises(FormatError, match="entities"):
        _read(xml)


def test_an_archive_member_escaping_with_dot_dot_is_refused():
    archive = _zip({"tellico.xml": _plain_xml(), "../evil.xml": b"<x/>"})
    with pytest.raises(FormatError, match=r"unsafe path: \.\./evil\.xml"):
        _read(archive)


def test_an_archive_member_with_an_absolute_path_is_refused():
    archive = _zip({"/etc/tellico.xml": b"<x/>"})
    with pytest.raises(FormatError, match="unsafe path"):
        _read(archive)


def test_a_member_compressed_like_a_zip_bomb_is_refused():
    archive = _zip({"tellico.xml": b"\0" * (4 * 1024 * 1024)})
    with pytest.raises(FormatError, match="compressed"):
        _read(archive)


def test_an_archive_without_tellico_xml_is_refused():
    with pytest.raises(FormatError, match="no tellico.xml"):
        _read(_zip({"images/cover.png": b"png"}))


def test_a_book_collection_is_refused():
    xml = b'<tellico xmlns="http://periapsis.org/tellico/"><collection type="2"/></tellico>'
    with pytest.raises(FormatError, match="not videos"):
        _read(xml)
