import pytest

from cinecat.core.barcodes import BarcodeError, display, normalize


def test_a_upc_a_and_its_ean_13_form_are_stored_alike():
    assert normalize("191329079843") == normalize("0191329079843") == "0191329079843"


def test_separators_typed_between_digits_are_ignored():
    assert normalize("1 91329-07984 3") == "0191329079843"


def test_a_european_ean_13_is_kept_as_it_is():
    assert normalize("5051892002929") == "5051892002929"


def test_a_upc_e_is_expanded_to_the_upc_a_it_abbreviates():
    # UPC-E 04252614 abbreviates UPC-A 042100005264.
    assert normalize("04252614") == normalize("042100005264")


def test_an_ean_8_is_kept_as_it_is():
    assert normalize("96385074") == "96385074"


def test_a_wrong_check_digit_is_refused_with_a_message_that_says_so():
    with pytest.raises(BarcodeError, match="wrong check digit"):
        normalize("191329079842")


def test_letters_are_refused():
    with pytest.raises(BarcodeError, match="digits only"):
        normalize("19132907984X")


def test_a_wrong_length_is_refused_with_the_digit_count():
    with pytest.raises(BarcodeError, match="has 10 digits"):
        normalize("1913290798")


def test_north_american_codes_are_shown_as_the_upc_on_the_box():
    assert display("0191329079843") == "191329079843"
    assert display("5051892002929") == "5051892002929"
