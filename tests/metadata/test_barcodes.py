"""The barcode chain: this catalog first, then the UPC service, then the title providers."""

from io import StringIO

import pytest
from django.core.management import call_command

from cinecat.core.barcodes import BarcodeError
from cinecat.metadata import barcodes
from cinecat.metadata.base import BadResponse, RateLimited
from cinecat.metadata.imdb import ImdbProvider
from cinecat.metadata.product_titles import ProductTitle, clean

from .conftest import UPC_URL

pytestmark = pytest.mark.django_db
STALIN_DVD = "191329079843"  # the reference entry's barcode


def upc_answer(*titles: str) -> dict:
    """A lookup answer as UPCitemdb's trial endpoint gives it."""
    items = [
        {
            "ean": f"0{STALIN_DVD}",
            "title": title,
            "description": "",
            "upc": STALIN_DVD,
            "brand": "IFC Films",
            "model": "",
            "category": "Media > DVDs & Videos",
            "lowest_recorded_price": 3.99,
            "images": [],
            "offers": [],
        }
        for title in titles
    ]
    return {"code": "OK", "total": len(items), "offset": 0, "items": items}


@pytest.fixture
def upc(settings, network):
    settings.CINECAT_UPC_API_URL = UPC_URL
    settings.CINECAT_UPC_API_KEY = ""
    return network.get(UPC_URL)


def test_a_disc_this_catalog_has_is_its_own_entry_and_no_service_is_asked(
    alice_collection, reference_path, upc
):
    call_command("import", str(reference_path), "--collection", "alice", stdout=StringIO())
    match = barcodes.look_up(STALIN_DVD, [])
    assert match.product.source == "catalog"
    assert match.barcode == f"0{STALIN_DVD}"
    record = match.product.record
    assert record.works[0].title == "The Death Of Stalin"
    assert record.edition.barcode == f"0{STALIN_DVD}"
    assert (record.edition.format, record.edition.rating) == ("DVD", "R")
    assert any(credit.name == "Steve Buscemi" for credit in record.works[0].credits)
    assert record.copy.index is None  # a new copy, not Alice's
    assert not upc.called


def test_an_unknown_disc_is_looked_up_by_the_upc_service_then_by_title(imdb_loaded, upc):
    upc.respond(json=upc_answer("The Death of Stalin (DVD, 2017) Widescreen"))
    match = barcodes.look_up(STALIN_DVD, [ImdbProvider()])
    assert upc.calls.last.request.url.params["upc"] == STALIN_DVD  # the UPC as printed
    assert (match.product.source, match.product.brand) == ("upc", "IFC Films")
    assert match.title == ProductTitle(
        "The Death of Stalin", "DVD", year=2017, removed=("DVD", "Widescreen", "2017")
    )
    assert [c.id for c in match.candidates] == ["tt4686844"]
    assert match.provider.key == "imdb"


def test_a_shops_year_that_is_the_discs_is_left_out_when_it_finds_nothing(imdb_loaded, upc):
    upc.respond(json=upc_answer("Fight Club [Blu-ray] [2009]"))
    match = barcodes.look_up(STALIN_DVD, [ImdbProvider()])
    assert [(c.title, c.year) for c in match.candidates] == [("Fight Club", 1999)]
    assert match.title.year == 2009  # still a fact of the product


def test_a_barcode_no_source_knows_gives_no_product(db, upc):
    upc.respond(json={"code": "OK", "total": 0, "offset": 0, "items": []})
    assert barcodes.look_up(STALIN_DVD, []) == barcodes.BarcodeMatch(f"0{STALIN_DVD}")


def test_without_a_upc_service_only_this_catalog_is_asked(db, network):
    assert [source.key for source in barcodes.sources()] == ["catalog"]
    assert barcodes.look_up(STALIN_DVD, []).product is None
    assert not network.calls


def test_a_paid_plans_key_goes_in_its_headers(db, upc, settings):
    settings.CINECAT_UPC_API_KEY = "alice-key"
    upc.respond(json=upc_answer())
    barcodes.look_up(STALIN_DVD, [])
    headers = upc.calls.last.request.headers
    assert (headers["user_key"], headers["key_type"]) == ("alice-key", "3scale")


def test_the_upc_services_limit_is_told(db, upc):
    upc.respond(429, json={"code": "TOO_FAST", "message": "The API rate limit was exceeded."})
    with pytest.raises(RateLimited, match="The UPC service is limiting how often it is asked"):
        barcodes.look_up(STALIN_DVD, [])


def test_an_answer_without_items_is_a_bad_response(db, upc):
    upc.respond(json={"code": "INTERNAL_ERROR", "message": "Try later"})
    with pytest.raises(BadResponse, match="lists no products \\(Try later\\)"):
        barcodes.look_up(STALIN_DVD, [])


def test_a_wrong_check_digit_is_refused_before_any_source(db, upc):
    with pytest.raises(BarcodeError, match="wrong check digit"):
        barcodes.look_up("191329079844", [])
    assert not upc.called


@pytest.mark.parametrize(
    ("product", "title", "facts"),
    [
        ("The Death of Stalin (DVD, 2017) Widescreen", "The Death of Stalin", ("DVD", "", 2017)),
        ("Blade Runner 2049 [Blu-ray + DVD + Digital]", "Blade Runner 2049", ("Blu-ray", "", None)),
        ("Amélie (Special Edition) [DVD] [2001]", "Amélie", ("DVD", "Special Edition", 2001)),
        (
            "The Lord of the Rings: The Two Towers (Extended Edition) [4K Ultra HD + Blu-ray]",
            "The Lord of the Rings: The Two Towers",
            ("4K UHD", "Extended Edition", None),
        ),
        ("ALIEN - DIRECTOR'S CUT", "ALIEN", ("", "Director's Cut", None)),
        ("Heat [Blu-ray] [1995] [Region Free]", "Heat", ("Blu-ray", "", 1995)),
        (
            "Taxi Driver (40th Anniversary Edition) 4K UHD",
            "Taxi Driver",
            ("4K UHD", "40th Anniversary Edition", None),
        ),
        ("Avatar Blu-ray 3D", "Avatar", ("Blu-ray 3D", "", None)),
        ("Movie 43", "Movie 43", ("", "", None)),
    ],
)  # fmt: skip
def test_a_product_title_is_cleaned_of_the_shops_tokens(product, title, facts):
    cleaned = clean(product)
    assert (cleaned.title, (cleaned.format, cleaned.edition, cleaned.year)) == (title, facts)


def test_regions_become_facts():
    cleaned = clean("Der Untergang [DVD] Region 2/4")
    assert (cleaned.title, cleaned.regions) == ("Der Untergang", ("2", "4"))
    assert clean("Alien (Blu-ray) Region B").regions == ("B",)


def test_a_title_that_is_all_tokens_stays_as_it_was():
    assert clean("DVD").title == "DVD"
