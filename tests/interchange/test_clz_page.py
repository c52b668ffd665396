"""The reference entry, read from its text: every field by value."""

import datetime as dt

import pytest

from cinecat.interchange.formats import clz_page


@pytest.fixture
def record(reference_path):
    with reference_path.open("rb") as stream:
        records = list(clz_page.read(stream))
    assert len(records) == 1
    return records[0]


def test_the_reference_page_is_recognised_from_its_content(reference_path):
    assert clz_page.detect(reference_path.read_bytes()[:65536])
    assert not clz_page.detect(b"<?xml version='1.0'?><movieinfo/>")


def test_reads_both_title_lines_and_ignores_the_lines_before_the_title(record):
    work = record.works[0]
    assert work.title == "The Death Of Stalin"
    assert work.original_title == "The Death Of Stalin"


def test_reads_the_edition_block(record):
    edition = record.edition
    assert edition.distributor == "IFC Films"
    assert edition.release_date == dt.date(2017, 9, 8)
    assert edition.format == "DVD"
    assert (edition.rating_country, edition.rating) == ("US", "R")
    assert edition.barcode == "191329079843"
    assert edition.discs == 1
    assert edition.regions == ("1",)


def test_reads_genres_country_language_colour_and_runtime(record):
    work = record.works[0]
    assert work.genres == ("Comedy", "Drama", "History")
    assert work.countries == ("UK",)
    assert work.languages == ("English",)
    assert work.colour == "Color"
    assert work.runtime_minutes == 107


def test_reads_each_plot_summary_with_its_author_in_order(record):
    plots = record.works[0].plots
    summaries = [(p.author, p.text[:40]) for p in plots if p.kind == "summary"]
    assert summaries == [
        ("", "Follows the Soviet dictator's last days "),
        ("", "Moscow, 1953. After being in power for n"),
        ("Nick Riganas", "In early-1953 Moscow, under the Great Te"),
        ("grantss", "Moscow, 1953. After being in power for n"),
        ("KGF Vissers", "In the Soviet Union, everyone is used to"),
        ("Huggo", "Farcical imagining of the 1953 goings-on"),
    ]


def test_reads_the_synopsis_after_its_heading_as_paragraphs(record):
    synopsis = [p for p in record.works[0].plots if p.kind == "synopsis"]
    assert len(synopsis) == 1
    paragraphs = synopsis[0].text.split("\n\n")
    assert len(paragraphs) == 15
    assert paragraphs[0].startswith("After a live Radio Moscow broadcast of Mozart's")
    assert paragraphs[-1].endswith("eyes Khrushchev from his seat.")


def test_reads_every_cast_member_with_the_character(record):
    cast = [(c.name, c.character) for c in record.works[0].credits]
    assert len(cast) == 25
    assert cast[0] == ("Olga Kurylenko", "Maria Veniaminovna Yudina")
    assert ("Simon Russell Beale", "Lavrenti Beria") in cast
    assert ("Steve Buscemi", "Nikita Khrushchev") in cast
    assert ("Sylvestra Le Touzel", "Nina Khrushchev") in cast
    assert ("Justin Edwards", "Spartak Sokolov (Conductor 1)") in cast
    assert ("Piskunov Aleksandr", "Young Man Snitch") in cast
    assert cast[-1] == ("Alex Harvey-Brown", "Soldier")
    assert all(c.role == "cast" for c in record.works[0].credits)


def test_a_tab_between_actor_and_character_is_honoured(tmp_path, reference_path):
    text = reference_path.read_text().replace(
        "Steve Buscemi Nikita Khrushchev", "Steve Buscemi Jr\tNikita Khrushchev"
    )
    page = tmp_path / "page.txt"
    page.write_text(text)
    with page.open("rb") as stream:
        credits = next(clz_page.read(stream)).works[0].credits
    assert ("Steve Buscemi Jr", "Nikita Khrushchev") in [(c.name, c.character) for c in credits]


def test_reads_the_personal_block_and_tags(record):
    copy = record.copy
    assert copy.owner == "Kerry & Dawn"
    assert copy.location == ("Movies-01",)
    assert copy.storage_device == "TD 05"
    assert copy.purchased_on == dt.date(2026, 1, 4)
    assert copy.index == 1279
    # The page's times are local, where cinecat reads dates: UTC here.
    assert copy.added_at == dt.datetime(2026, 1, 4, 18, 20, 50, tzinfo=dt.UTC)
    assert copy.modified_at == dt.datetime(2026, 1, 11, 6, 25, 58, tzinfo=dt.UTC)
    assert copy.tags == ("Piano", "USSR")


def test_no_field_of_the_reference_is_left_without_a_place(record):
    assert record.unmapped == ()
    assert record.works[0].trailer_url == ""
