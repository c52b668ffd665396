"""Data Crow 4 and 5 exports read into records: one and three films."""

import datetime as dt
import io
from pathlib import Path

import pytest

from cinecat.catalog.records import CreditRecord, LoanRecord
from cinecat.interchange.formats import datacrow
from cinecat.interchange.formats.base import FormatError

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"
VERSION_4 = EXPORTS / "datacrow" / "datacrow_movies.xml"
VERSION_5 = EXPORTS / "datacrow" / "datacrow_movies5.xml"


def _read(data: bytes) -> list:
    return list(datacrow.read(io.BytesIO(data)))


@pytest.fixture(scope="module")
def version_4():
    with VERSION_4.open("rb") as stream:
        return list(datacrow.read(stream))


@pytest.fixture(scope="module")
def version_5():
    with VERSION_5.open("rb") as stream:
        return list(datacrow.read(stream))


def test_reads_one_film_from_version_4_and_three_from_version_5(version_4, version_5):
    assert [r.works[0].title for r in version_4] == ["Spider-Man: Homecoming"]
    assert [r.works[0].title for r in version_5] == [
        "Interstellar",
        "Le Pacte des loups",
        "Serenity",
    ]


def test_reads_spider_man_from_version_4_field_by_field(version_4):
    (record,) = version_4
    work, edition, copy = record.works[0], record.edition, record.copy
    assert (work.year, work.runtime_minutes, work.colour) == (2017, 133, "Color")  # 2:13:00
    assert work.genres == ("Action", "Adventure", "Drama", "Science Fiction")
    assert (work.countries, work.languages) == (("United States",), ("English",))
    assert work.plots[0].text.startswith("Following the events of Captain America")
    cast = [c for c in work.credits if c.role == "cast"]
    assert (len(cast), cast[0], cast[-1]) == (
        78,
        CreditRecord("Abraham Attah"),
        CreditRecord("Zendaya"),
    )
    assert CreditRecord("Jon Watts", job="Director", role="crew") in work.credits
    assert (edition.format, edition.aspect_ratio) == ("DVD", "16:9")
    assert (edition.audio, edition.subtitles) == (("English",), ("English",))
    assert (copy.my_rating, copy.viewings, copy.tags) == (10, 1, ("favorite",))  # "10 / 10"
    # Days: the start of the day where cinecat reads dates (UTC here).
    assert copy.added_at == dt.datetime(2022, 3, 10, tzinfo=dt.UTC)
    assert copy.modified_at == dt.datetime(2022, 3, 10, tzinfo=dt.UTC)
    assert record.source_id == "b64fe351-373a-4069-a695-d59e2243a020"
    assert work.series == "Spider-Man"
    assert copy.other_details == (("webpage", "http://www.spidermanhomecoming.com"),)
    assert copy.source_extras == (
        (
            "picture-front",
            "datacrow_movies_images/b64fe351-373a-4069-a695-d59e2243a020_PictureFront.jpg",
        ),
        ("service", "The Movie Database / en / none / value=[spider-man: homecoming]"),
    )


def test_reads_interstellar_from_version_5_field_by_field(version_5):
    record = version_5[0]
    work, edition, copy = record.works[0], record.edition, record.copy
    assert (work.year, work.runtime_minutes) == (2014, 169)  # 10140 seconds
    assert work.countries == ("United Kingdom", "United States")
    assert work.credits[-1] == CreditRecord("Christopher Nolan", job="Director", role="crew")
    assert len(work.credits) == 35
    assert (edition.rating, edition.aspect_ratio, edition.format) == ("PG-13", "16:9", "DVD")
    assert (copy.my_rating, copy.viewings, copy.tags) == (8, 1, ("favorite",))
    assert copy.added_at == dt.datetime(2025, 11, 4, tzinfo=dt.UTC)
    assert copy.modified_at == dt.datetime(2025, 11, 6, tzinfo=dt.UTC)
    assert (record.source_id, record.where) == (
        "7b02c8e2-ef18-480f-bb45-dc7cc71b0630",
        "<movie> #1 (line 4)",
    )
    assert work.series == "Nolan"
    assert copy.other_details == (("webpage", "http://www.interstellarmovie.net/"),)
    assert copy.source_extras == (
        ("service", "The Movie Database / en / none / value=[interstellar]"),
    )


def test_a_themoviedb_page_gives_the_tmdb_id_and_covers_are_kept(version_5):
    serenity, pacte = version_5[2], version_5[1]
    assert serenity.works[0].tmdb_id == 16320
    assert "webpage" not in dict(serenity.copy.other_details)
    images = "file:////home/robby/documents/datacrow/images/f48aabda-6f0e-4f8f-bb52-e80ee595d575"
    assert pacte.copy.other_details == (("webpage", "http://www.brotherhoodofthewolf.com/"),)
    assert pacte.copy.source_extras == (
        ("picture-01", f"{images}/picture1.jpg"),
        ("picture-02", f"{images}/picture2.jpg"),
        ("service", "The Movie Database / fr / none / value=[le pacte des loups]"),
    )
    assert pacte.works[0].languages == ("Deutsch", "Français", "Italiano")


def test_every_movie_of_both_samples_keeps_all_its_values(version_4, version_5):
    assert [record.unmapped for record in version_4 + version_5] == [(), (), (), ()]


def test_a_local_title_is_shown_and_the_title_kept_as_original():
    data = VERSION_5.read_bytes().replace(
        b"<title-local>Interstellar</title-local>", b"<title-local>Interstellaire</title-local>"
    )
    work = _read(data)[0].works[0]
    assert (work.title, work.original_title) == ("Interstellaire", "Interstellar")


def _lent_spider_man(**values: str) -> bytes:
    """The version 4 sample with its empty loan fields filled in."""
    data = (
        VERSION_4.read_bytes()
        .replace(b"<loan-status>Available<", b"<loan-status>Lent<")
        .replace(b"<available>true<", b"<available>false<")
    )
    for name, value in values.items():
        tag = name.replace("_", "-").encode()
        data = data.replace(b"<%s/>" % tag, b"<%s>%s</%s>" % (tag, value.encode(), tag))
    return data


def test_a_film_at_home_has_no_loan_and_keeps_no_loan_field(version_4):
    # The sample: <available>true, <loan-status>Available, the other loan fields empty.
    loan_fields = {"loan-status", "lend-by", "available", "due-date", "days-loaned"}
    assert version_4[0].copy.loans == ()
    assert not loan_fields & dict(version_4[0].copy.other_details).keys()


def test_a_film_lent_to_a_named_person_has_an_open_loan(version_4):
    lent = _lent_spider_man(
        lend_by="Bob", loan_start_date="2025-05-01", due_date="2025-05-15", days_loaned="12"
    )
    (record,) = _read(lent)
    (loan,) = record.copy.loans
    assert (loan.borrower, loan.lent_on, loan.due_on, loan.returned_on, loan.notes) == (
        "Bob",
        dt.date(2025, 5, 1),
        dt.date(2025, 5, 15),
        None,
        "",
    )
    kept = dict(record.copy.other_details)
    # The loan says who, since when and until when, and that the film is out; the day count,
    # worked out on the day of the export, has no place and is kept.
    assert not {"lend-by", "loan-start-date", "due-date", "available", "loan-status"} & set(kept)
    assert kept["days-loaned"] == "12"
    assert record.copy.other_details[1:] == version_4[0].copy.other_details


def test_a_returned_loan_of_version_5_names_its_borrower_by_reference():
    xml = b"""<data-crow-objects><movie-items><movie>
  <title>Serenity</title>
  <lend-by-items><contact-person><id>p-1</id><name>Ann Lee</name></contact-person>
  </lend-by-items>
  <loan-start-date>2025-01-05</loan-start-date>
  <loan-end-date>2025-02-01</loan-end-date>
  <available>true</available>
  <loan-status>Available</loan-status>
</movie></movie-items></data-crow-objects>"""
    (record,) = _read(xml)
    assert record.copy.loans == (
        LoanRecord("Ann Lee", lent_on=dt.date(2025, 1, 5), returned_on=dt.date(2025, 2, 1)),
    )
    assert (record.copy.other_details, record.unmapped) == ((), ())


def test_a_loan_date_it_cannot_read_is_kept_as_an_other_detail():
    lent = _lent_spider_man(lend_by="Bob", loan_start_date="05/01/2025", due_date="2025-05-15")
    (record,) = _read(lent)
    assert record.copy.loans == (LoanRecord("Bob", lent_on=None, due_on=dt.date(2025, 5, 15)),)
    assert dict(record.copy.other_details)["loan-start-date"] == "05/01/2025"


def test_a_film_lent_to_nobody_named_keeps_its_loan_fields():
    (record,) = _read(_lent_spider_man(loan_start_date="2025-05-01"))
    assert record.copy.loans == ()
    kept = dict(record.copy.other_details)
    assert {name: kept[name] for name in ("available", "loan-start-date", "loan-status")} == {
        "available": "No",
        "loan-start-date": "2025-05-01",
        "loan-status": "Lent",
    }


def test_recognises_both_versions_but_not_griffith():
    assert datacrow.detect(VERSION_4.read_bytes()[:65536])
    assert datacrow.detect(VERSION_5.read_bytes()[:65536])
    assert not datacrow.detect((EXPORTS / "griffith" / "griffith.xml").read_bytes())


def test_a_truncated_file_is_refused_naming_the_line(tmp_path):
    truncated = tmp_path / "cut.xml"
    truncated.write_bytes(VERSION_5.read_bytes()[:2000])
    with truncated.open("rb") as stream, pytest.raises(FormatError) as error:
        list(datacrow.read(stream))
    assert error.value.line is not None and error.value.line > 1


def test_a_doctype_declaring_entities_is_refused():
    xml = b"""<?xml version="1.0"?>
<!DOCTYPE data-crow-objects [<!ENTITY t "Title">]>
<data-crow-objects><movie><title>&t;</title></movie></data-crow-objects>"""
    with pytest.raises(FormatError, match="entities"):
        _read(xml)


def test_another_document_is_refused_naming_its_element():
    with pytest.raises(FormatError, match="expected <data-crow-objects>.*found <root>"):
        _read(b"<root><movie><title>X</title></movie></root>")
