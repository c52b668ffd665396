"""Tellico's .tc archive and plain XML, read into records: the sample's 82 films by value."""

import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from cinecat.catalog.models import Copy
from cinecat.catalog.records import CreditRecord, LoanRecord
from cinecat.interchange.formats import tellico
from cinecat.interchange.formats.base import FormatError
from cinecat.interchange.services import import_files
from cinecat.lending.models import Borrower, Loan
from tests.interchange.conftest import OneWayStream

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
    assert work.languages == ()  # Tellico's "Language Tracks" are the disc's audio
    assert work.studios == ("Miramax",)
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
    assert (edition.format, edition.distributor) == ("DVD", "")
    assert (edition.rating_country, edition.rating, edition.regions) == ("US", "PG-13", ("1",))
    assert edition.audio == ("English", "French", "Dolby Digital 5.1")
    assert (edition.video_standard, edition.screen_formats) == ("NTSC", ("Widescreen",))
    assert edition.subtitles == ("English", "Spanish")
    assert copy.index == 1
    assert copy.added_at == dt.datetime(2011, 5, 29, tzinfo=dt.UTC)  # a day, where read: UTC
    assert copy.modified_at == dt.datetime(2026, 4, 5, tzinfo=dt.UTC)
    assert record.where.startswith("<entry> #1 ")


def test_keeps_the_fields_without_a_place_as_other_details(records):
    # Entry 1 was a gift, which has no field in cinecat. Its "loaned" box is said by its loan
    # (below), so it is not kept twice.
    assert records["1"].copy.other_details == (("gift", "Yes"),)
    assert records["72"].copy.other_details == ()
    assert records["72"].edition.screen_formats == ("Widescreen",)
    assert records["2"].edition.video_standard == "NTSC"


def test_reads_the_two_loans_to_robby_from_the_borrowers_block(records):
    # <borrower name="Robby"> lends entries 72 and 1 on 2026-04-05, with no due date.
    assert records["1"].works[0].title == "Kate & Leopold"
    assert records["1"].copy.loans == (
        LoanRecord("Robby", lent_on=dt.date(2026, 4, 5), due_on=None, notes="note"),
    )
    assert records["72"].works[0].title == "A Very Long Engagement"
    (loan,) = records["72"].copy.loans
    assert (loan.borrower, loan.lent_on, loan.due_on, loan.returned_on, loan.notes) == (
        "Robby",
        dt.date(2026, 4, 5),
        None,
        None,  # Tellico lists the loans still out
        "my note",
    )
    assert [r.source_id for r in records.values() if r.copy.loans] == ["1", "72"]


def test_keeps_the_studios_on_the_work_and_the_amazon_link(records):
    arlington = records["38"]
    assert arlington.works[0].studios == ("Columbia Pictures", "Tristar Studios")
    assert arlington.copy.other_details == ()
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
    assert records["2"].edition.audio == ("English", "DTS", "Dolby Digital", "SDDS")
    assert records["2"].works[0].studios == ("Columbia Pictures",)


def test_reads_the_same_entries_from_the_plain_xml(records):
    plain = _read(_plain_xml())
    assert [record.source_id for record in plain] == list(records)
    assert plain[0] == records["1"]
    assert [r.copy.loans for r in plain] == [r.copy.loans for r in records.values()]


def test_reads_the_loans_from_a_stream_that_cannot_seek(records):
    stream = io.BufferedReader(OneWayStream(_plain_xml()))
    lent = {r.source_id: r.copy.loans for r in tellico.read(stream) if r.copy.loans}
    assert lent == {"1": records["1"].copy.loans, "72": records["72"].copy.loans}


def test_finds_the_borrowers_tag_even_cut_in_two_between_reads(records, monkeypatch):
    monkeypatch.setattr(tellico, "_SEARCHED_AT_ONCE", 7)
    plain = _read(_plain_xml())
    assert [r.source_id for r in plain if r.copy.loans] == ["1", "72"]


def test_a_collection_without_borrowers_is_not_parsed_for_loans(monkeypatch):
    def no_second_parse(xml):
        raise AssertionError("the document has no <borrowers> and was parsed for them")

    monkeypatch.setattr(tellico, "_loans", no_second_parse)
    data = _plain_xml()
    without_borrowers = data[: data.index(b"<borrowers>")] + data[data.index(b"<filters>") :]
    records = _read(without_borrowers)
    assert len(records) == 82
    assert [r.source_id for r in records if r.copy.loans] == []
    # With no loan to explain it, the entry's "loaned" box stays an other detail.
    assert ("loaned", "Yes") in records[0].copy.other_details


LENT = """<?xml version="1.0" encoding="UTF-8"?>
<tellico xmlns="http://periapsis.org/tellico/" syntaxVersion="11">
 <collection title="Mine" type="3">
  <entry id="7"><title>Heat</title><loaned>true</loaned></entry>
  <entry id="8"><title>Ronin</title><loaned>true</loaned></entry>
  <entry id="9"><title>Thief</title><loaned>true</loaned></entry>
 </collection>
 <borrowers>
  <borrower name="Ann" uid="a1">
   <loan uid="l1" entryRef="7" loanDate="2025-05-01" dueDate="2025-06-01" calendar="true">
     Back before the holidays </loan>
   <loan uid="l2" entryRef="42" loanDate="2025-05-01" dueDate="">no such entry</loan>
  </borrower>
  <borrower name="" uid="b2">
   <loan uid="l3" entryRef="008" loanDate="someday" dueDate=""/>
  </borrower>
 </borrowers>
 <filters><filter name="Lent" match="any"><rule field="loaned" pattern="true"/></filter></filters>
</tellico>"""


def test_maps_each_loan_to_the_entry_it_names():
    heat, ronin, thief = _read(LENT.encode())
    assert heat.copy.loans == (
        LoanRecord(
            "Ann",
            lent_on=dt.date(2025, 5, 1),
            due_on=dt.date(2025, 6, 1),
            notes="Back before the holidays",
        ),
    )
    # An unnamed borrower, an id written "008" and a date Tellico would not read either.
    assert ronin.copy.loans == (LoanRecord("Unknown borrower", lent_on=None),)
    assert heat.copy.other_details == ronin.copy.other_details == ()
    # Thief is checked as loaned, but no loan says to whom: the box is kept.
    assert (thief.copy.loans, thief.copy.other_details) == ((), (("loaned", "Yes"),))


def test_reads_the_loans_of_an_archive_member_opened_once_a_pass():
    (heat, *_) = _read(_zip({"tellico.xml": LENT.encode()}))
    assert [loan.borrower for loan in heat.copy.loans] == ["Ann"]


def test_reads_the_loans_of_a_utf16_document_it_cannot_search_byte_wise():
    data = LENT.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    heat, ronin, _ = _read(data)
    assert (heat.copy.loans[0].borrower, ronin.copy.loans[0].borrower) == (
        "Ann",
        "Unknown borrower",
    )


def test_reads_a_borrowers_block_written_inside_the_collection():
    data = LENT.replace(" </collection>\n", "").replace(" <filters>", " </collection>\n <filters>")
    heat, _, _ = _read(data.encode())
    assert heat.copy.loans[0].due_on == dt.date(2025, 6, 1)


def test_importing_the_sample_lends_two_copies_to_robby(alice_collection):
    import_files([SAMPLE], alice_collection)
    assert list(Borrower.objects.values_list("collection__slug", "name")) == [("alice", "Robby")]
    loans = Loan.objects.select_related("copy", "borrower").order_by("copy__index")
    rows = [
        (
            loan.copy.index,
            loan.copy.edition.edition_works.get().work.title,
            loan.borrower.name,
            loan.lent_on,
            loan.due_on,
            loan.returned_on,
            loan.notes,
        )
        for loan in loans
    ]
    assert rows == [
        (1, "Kate & Leopold", "Robby", dt.date(2026, 4, 5), None, None, "note"),
        (72, "A Very Long Engagement", "Robby", dt.date(2026, 4, 5), None, None, "my note"),
    ]
    assert all(loan.is_open for loan in loans)
    kate = Copy.objects.get(collection=alice_collection, index=1)
    assert ["loaned", "Yes"] not in kate.other_details
    assert Copy.objects.filter(collection=alice_collection, loans__isnull=True).count() == 80


def test_importing_the_sample_again_keeps_one_loan_a_copy(alice_collection):
    import_files([SAMPLE], alice_collection)
    import_files([SAMPLE], alice_collection)
    assert sorted(Loan.objects.values_list("copy__index", "notes")) == [
        (1, "note"),
        (72, "my note"),
    ]
    assert Borrower.objects.count() == 1


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
    assert record.works[0].studios == ("Warner", "Regency", "Forward Pass")
    assert record.copy.other_details == (
        ("signed", "Yes"),
        ("episodes", "Pilot, 1\nHeat II, 2"),
        ("loandate", "2021-02-03"),
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
