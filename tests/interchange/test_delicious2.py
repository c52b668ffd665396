"""Delicious Library 2's property list read into records: four films with plist dates."""

import datetime as dt
import io
import plistlib
from decimal import Decimal
from pathlib import Path

import pytest

from cinecat.catalog.records import CreditRecord
from cinecat.interchange.formats import delicious2
from cinecat.interchange.formats.base import FormatError

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"
SAMPLE = EXPORTS / "delicious" / "delicious2_movies_plist.xml"


@pytest.fixture(scope="module")
def records():
    with SAMPLE.open("rb") as stream:
        return list(delicious2.read(stream))


def test_reads_the_four_films(records):
    assert [record.works[0].title for record in records] == [
        "8MM",
        "2001 - A Space Odyssey",
        "A.I. - Artificial Intelligence",
        "Aeon Flux - The Complete Animated Collection",
    ]


def test_reads_8mm_field_by_field(records):
    record = records[0]
    work, edition, copy = record.works[0], record.edition, record.copy
    assert (work.year, work.runtime_minutes, work.colour) == (1999, 123, "Color")
    assert work.credits[-1] == CreditRecord("Joel Schumacher", job="Director", role="crew")
    assert edition.barcode == "9780767821827"
    assert (edition.format, edition.distributor, edition.discs) == ("DVD", "Sony Pictures", 1)
    assert (edition.rating_country, edition.rating) == ("US", "R")
    assert edition.release_date == dt.date(1999, 9, 14)
    assert edition.aspect_ratio == "2.35:1"
    # "Anamorphic Closed-captioned Color Dolby DVD-Video Full Screen Widescreen NTSC 2.35:1"
    assert edition.screen_formats == ("Anamorphic widescreen", "Full frame", "Widescreen")
    assert (edition.features, edition.audio, edition.video_standard) == (
        ("Closed captioned",),
        ("Dolby",),
        "NTSC",
    )
    assert copy.purchased_on == dt.date(2007, 12, 19)
    assert (copy.purchase_price, copy.purchase_currency) == (None, "")
    assert (edition.list_price, edition.list_price_currency) == (Decimal("14.94"), "USD")
    assert copy.added_at == dt.datetime(2007, 12, 20, 1, 23, 28, tzinfo=dt.UTC)
    assert copy.modified_at == dt.datetime(2009, 6, 11, 15, 50, 41, tzinfo=dt.UTC)
    assert copy.my_rating is None  # rating 0.0: not rated
    assert record.source_id == "F2870F9E-3E12-4F6B-B6F5-07E9FEBF3C48"
    assert record.where == "<dict> #1"


def test_names_joined_with_spaces_are_cut_after_each_surname(records):
    # "Nicolas Cage Joaquin Phoenix James Gandolfini Peter Stormare Anthony Heald"
    assert [c.name for c in records[0].works[0].credits if c.role == "cast"] == [
        "Nicolas Cage",
        "Joaquin Phoenix",
        "James Gandolfini",
        "Peter Stormare",
        "Anthony Heald",
    ]
    assert "actorsCompositeString" not in dict(records[0].copy.other_details)
    spielberg = [c.name for c in records[2].works[0].credits]
    assert spielberg[:2] == ["Jack Angel", "Keith Campbell"]


@pytest.mark.parametrize(
    ("joined", "names"),
    [
        ("Samuel L. Jackson Robert De Niro", ("Samuel L. Jackson", "Robert De Niro")),
        ("Sammy Davis Jr. Dean Martin", ("Sammy Davis Jr.", "Dean Martin")),
        ("Cher", ("Cher",)),
    ],
)
def test_a_name_keeps_its_initials_particles_and_suffix(joined, names):
    assert delicious2._names(joined) == names


def test_keeps_amazons_values_and_the_box_sizes_without_float_noise(records):
    space_odyssey = dict(records[1].copy.other_details)
    assert dict(records[1].copy.source_extras) == {"asin": "B00005ASUM", "isbn": "0790760118"}
    assert space_odyssey["currentValue"] == "$8.50"
    assert space_odyssey["netRating"] == "4"
    # The plist holds 0.5, 7.400000095367432 and 5.699999809265137; 0.0 is unset.
    assert (
        space_odyssey["boxHeightInInches"],
        space_odyssey["boxLengthInInches"],
        space_odyssey["boxWidthInInches"],
    ) == ("0.5", "7.4", "5.7")
    assert "boxWeightInPounds" not in space_odyssey
    aeon = dict(records[3].copy.other_details)
    assert aeon["boxWeightInPounds"] == "0.7"
    assert "featuresCompositeString" not in aeon
    assert records[3].edition.packaging == "Box set"
    assert "netRating" not in aeon  # 0.0: not rated


def test_every_film_of_the_sample_keeps_all_its_values(records):
    assert [record.unmapped for record in records] == [(), (), (), ()]


def test_reads_names_languages_and_tags_joined_with_newlines(records):
    aeon = records[3]
    cast = [c.name for c in aeon.works[0].credits if c.role == "cast"]
    assert cast == [
        "Denise Poirier",
        "John Rafter Lee",
        "Julia Fletcher",
        "Steffan Chirazi",
        "Alex Fernandez",
    ]
    assert aeon.works[0].languages == ("English",)
    assert aeon.edition.rating == "NR"  # "NR (Not Rated)"
    assert (aeon.edition.discs, aeon.edition.regions) == (3, ("1",))
    assert aeon.works[0].genres == ("All product", "Blu-ray & DVD", "TV")  # the browse nodes
    kept = dict(aeon.copy.other_details)
    assert "actorsCompositeString" not in kept and "genresCompositeString" not in kept


def test_reads_the_edition_name_of_a_two_disc_set(records):
    assert records[2].edition.name == "Two-Disc Special"
    assert records[2].edition.discs == 2


def test_leaves_out_items_that_are_not_films_and_scales_half_stars():
    plist = plistlib.dumps(
        [
            {"type": "Book", "title": "Emma"},
            {"type": "Movie", "title": "Heat", "rating": 3.5, "hasExperienced": 1, "used": 1},
        ]
    )
    (record,) = delicious2.read(io.BytesIO(plist))
    assert record.works[0].title == "Heat"
    assert record.copy.other_details == ()
    assert (record.copy.my_rating, record.copy.viewings) == (7, 1)  # 3.5 of 5 stars
    assert record.copy.condition == "Used"


def test_keeps_flags_dates_and_lists_as_text_and_names_what_has_no_text():
    plist = plistlib.dumps(
        [
            {
                "title": "Heat",
                "isSigned": True,
                "lastLookupDate": dt.datetime(2009, 6, 11, 15, 50, 41),
                "keywords": ["heist", "Los Angeles"],
                "coverImageData": b"\x89PNG",
            }
        ],
        sort_keys=False,
    )
    (record,) = delicious2.read(io.BytesIO(plist))
    assert record.copy.other_details == (
        ("isSigned", "Yes"),
        ("lastLookupDate", "2009-06-11 15:50:41 UTC"),
        ("keywords", "heist, Los Angeles"),
    )
    assert record.unmapped == ("coverImageData",)


def test_recognises_delicious_library_2_but_not_version_1():
    assert delicious2.detect(SAMPLE.read_bytes()[:65536])
    assert not delicious2.detect((EXPORTS / "delicious" / "delicious1_movies.xml").read_bytes())


def test_a_truncated_file_is_refused_naming_the_line(tmp_path):
    truncated = tmp_path / "cut.xml"
    truncated.write_bytes(SAMPLE.read_bytes()[:2000])
    with truncated.open("rb") as stream, pytest.raises(FormatError) as error:
        list(delicious2.read(stream))
    assert error.value.line == 64


def test_a_doctype_declaring_entities_is_refused():
    xml = b"""<?xml version="1.0"?>
<!DOCTYPE plist [<!ENTITY t "Title">]>
<plist version="1.0"><array><dict><key>title</key><string>&t;</string></dict></array></plist>"""
    with pytest.raises(FormatError, match="entity declarations"):
        list(delicious2.read(io.BytesIO(xml)))
