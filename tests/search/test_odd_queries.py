"""Whatever a URL's query says, the list, its facets, its print and its export answer: no
server error for a NUL, a huge, negative or non-numeric value, or a key given many times; and
a request asking more work than one request may do is refused, saying the limit."""

import pytest
from django.test import override_settings

from cinecat.catalog.records import CopyRecord, EditionRecord, LoanRecord, Record, WorkRecord
from cinecat.interchange.writer import apply_records
from cinecat.search import facets

PAGES = ["/c/alice/", "/c/alice/facets/", "/c/alice/print/", "/c/alice/export/"]
PARAMETERS = sorted(
    {"q", "sort", "page", "view", "col", "folder", "year_from", "year_to", "as", *facets.BY_KEY}
)
ODD = [
    "\x00",
    "a\x00b",
    "x" * 5000,
    "9" * 40,
    "-1",
    "-99999999999999999999",
    "abc",
    "1e9",
    "0x10",
    "½",
    "①",
    "١٢٣",
    "   ",
    "",
    "'; DROP TABLE catalog_copy; --",
    "%00",
    "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
    "NaN",
]


@pytest.fixture
def shelf(alice_collection):
    apply_records(
        [
            Record(
                works=(WorkRecord("Fargo", year=1996, genres=("Crime",)),),
                edition=EditionRecord(format="DVD"),
                copy=CopyRecord(index=1, tags=("Coen",), loans=(LoanRecord("Bob"),)),
            ),
            Record(
                works=(WorkRecord("Heat", year=1995),),
                edition=EditionRecord(format="Blu-ray"),
                copy=CopyRecord(index=2, location=("Study",)),
            ),
        ],
        alice_collection,
    )


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("key", PARAMETERS)
def test_an_odd_value_of_any_parameter_is_never_a_server_error(client, shelf, page, key):
    for value in ODD:
        response = client.get(page, {key: value})
        assert response.status_code in (200, 302, 400), (key, value, response.status_code)


@pytest.mark.parametrize("page", PAGES)
def test_a_nul_loan_filter_is_ignored_not_a_server_error(client, shelf, page):
    response = client.get(f"{page}?loan=%00")
    assert response.status_code == 200


def test_a_nul_among_loan_values_leaves_the_others(client, shelf):
    response = client.get("/c/alice/print/?loan=%00&loan=yes")
    assert "Fargo" in response.content.decode()
    assert "Heat" not in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_every_parameter_given_many_times_at_once_is_never_a_server_error(client, shelf, page):
    query = "&".join(f"{key}={value}" for key in PARAMETERS for value in ("1", "%00", "-2", "x"))
    response = client.get(f"{page}?{query}")
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("page", PAGES)
@override_settings(CINECAT_MAX_FILTER_VALUES=10)
def test_more_filter_values_than_a_request_may_take_are_refused_saying_the_limit(
    client, shelf, page
):
    query = "&".join(f"genre={n}" for n in range(11))
    response = client.get(f"{page}?{query}")
    assert response.status_code == 400
    assert "at most 10 filter values" in response.content.decode()


def test_the_same_filter_value_repeated_counts_once(client, shelf, settings):
    settings.CINECAT_MAX_FILTER_VALUES = 10
    response = client.get("/c/alice/?" + "&".join(["format=DVD"] * 50))
    assert response.status_code == 200
    assert "Fargo" in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_a_search_of_more_words_than_a_request_may_take_is_refused_saying_the_limit(
    client, shelf, page, settings
):
    settings.CINECAT_MAX_SEARCH_WORDS = 5
    response = client.get(page, {"q": "fargo heat alien big lebowski jaws"})
    assert response.status_code == 400
    assert "at most 5 words" in response.content.decode()
    assert client.get(page, {"q": "fargo crime"}).status_code == 200
