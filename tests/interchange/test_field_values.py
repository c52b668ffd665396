"""The values other cataloguers write, as the record contract holds them."""

import pytest

from cinecat.interchange.formats import csv_cells
from cinecat.interchange.formats import field_values as fv
from cinecat.interchange.formats.base import FormatError


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("DVD", "DVD"),
        ("Blu-Ray", "Blu-ray"),
        ("Blu-ray 3D", "Blu-ray 3D"),
        ("4K Ultra HD", "4K UHD"),
        ("HD-DVD", "HD DVD"),
        ("VCD", "Video CD"),
        ("DivX", "Digital"),
        ("Laserdisc", "LaserDisc"),
        ("Betamax", None),
    ],
)
def test_names_a_medium_as_cinecat_does(written, expected):
    assert fv.media_format(written) == expected


def test_scales_ratings_to_half_stars_rounding_halves_up_and_zero_is_not_rated():
    assert [fv.scaled_rating(stars, 5) for stars in (0, 0.1, 1, 2.5, 3.5, 5)] == [
        None,
        1,
        2,
        5,
        7,
        10,
    ]
    assert fv.scaled_rating(8, 10) == 8


def test_a_rating_past_its_maximum_is_the_maximum():
    assert fv.scaled_rating(12, 10) == 10
    assert fv.scaled_rating(float("9" * 400), 5) == 10  # the float of so many digits: inf


def test_finds_imdb_and_tmdb_ids_in_addresses():
    assert fv.imdb_id("http://www.imdb.com/title/tt0084296/##IMDb") == "tt0084296"
    assert fv.imdb_id("http://www.imdb.com/find?q=Return") == ""
    assert fv.tmdb_id("https://www.themoviedb.org/movie/16320") == 16320


def test_a_rating_out_of_ten_is_half_stars_zero_none_and_past_ten_an_odd_value():
    assert [fv.half_stars(n, str(n)) for n in (None, 0, 1, 7, 10)] == [None, None, 1, 7, 10]
    with pytest.raises(FormatError, match="<rating> '15' is not a rating from 1 to 10"):
        fv.half_stars(15, "15", "<movie> #3", "<rating>")


@pytest.mark.parametrize(
    ("cell", "rating"), [("0", None), ("7", 7), ("3.5/5", 7), ("0.5/5", 1), ("10/10", 10)]
)
def test_a_spreadsheets_rating_is_half_stars_and_zero_is_not_rated(cell, rating):
    assert csv_cells._my_rating(cell) == rating


def test_a_spreadsheets_rating_that_is_no_score_is_refused_as_such():
    with pytest.raises(FormatError, match="'great' is not a rating, 1–10 or like 3.5/5"):
        csv_cells._my_rating("great")
