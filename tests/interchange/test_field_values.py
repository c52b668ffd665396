"""The values other cataloguers write, as the record contract holds them."""

import pytest

from cinecat.interchange.formats import field_values as fv


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


def test_scales_ratings_to_half_stars_rounding_halves_up_and_none_below_half_a_star():
    assert [fv.scaled_rating(stars, 5) for stars in (0, 1, 2.5, 3.5, 5)] == [1, 2, 5, 7, 10]
    assert fv.scaled_rating(8, 10) == 8


def test_a_rating_past_its_maximum_is_the_maximum():
    assert fv.scaled_rating(12, 10) == 10
    assert fv.scaled_rating(float("9" * 400), 5) == 10  # the float of so many digits: inf


def test_finds_imdb_and_tmdb_ids_in_addresses():
    assert fv.imdb_id("http://www.imdb.com/title/tt0084296/##IMDb") == "tt0084296"
    assert fv.imdb_id("http://www.imdb.com/find?q=Return") == ""
    assert fv.tmdb_id("https://www.themoviedb.org/movie/16320") == 16320
