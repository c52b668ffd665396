"""The statistics of Alice's shelves: every number counted on factory data, and each bar
opening the list of exactly its copies."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from cinecat.catalog import services
from cinecat.catalog.models import Copy
from cinecat.search.chips import of as chips_of
from cinecat.search.queries import Browse
from cinecat.stats.counting import figures_of, review_of
from cinecat.stats.figures import Money, default_year, figures, year_in_review


def shelf(collection, query: str = ""):
    return Browse.from_query(collection, QueryDict(query)).copies()


def counted(tallies) -> dict[str, int]:
    return {tally.label: tally.count for tally in tallies}


def test_the_statistics_count_the_copies_in_the_collection_unless_asked(shelves):
    assert figures(shelf(shelves)).copies == 6  # the wish-list copy is not on the shelves
    assert figures(shelf(shelves, "status=wish")).copies == 1
    assert figures(shelf(shelves, "status=all")).copies == 7


def test_purchase_prices_add_up_per_currency_the_most_used_first(shelves):
    found = figures(shelf(shelves))
    assert found.spent == [
        Money("USD", Decimal("18.00"), 3),  # Oldboy's 99.00 is on the wish list
        Money("EUR", Decimal("7.25"), 1),
    ]
    assert found.listed == []  # no edition has a list price


def test_tallies_are_the_facet_counts_with_the_filter_value_of_each(shelves):
    found = figures(shelf(shelves))
    assert counted(found.by["format"]) == {"DVD": 2, "Blu-ray": 3, "VHS": 1}
    assert counted(found.by["genre"]) == {
        "Comedy": 4,
        "Crime": 2,
        "Science Fiction": 1,
    }
    assert counted(found.by["country"]) == {"USA": 2, "France": 2, "Germany": 1}
    assert [(t.value, t.count) for t in found.by["decade"]] == [
        ("1920", 1),
        ("1980", 1),
        ("1990", 3),
        ("2000", 1),
    ]  # decades in time order
    assert counted(found.by["owner"]) == {"Alice": 2, "Bob": 2}
    assert counted(found.by["location"]) == {
        "Study › Shelf 1": 2,
        "Study › Shelf 2": 1,
        "(no location)": 3,
    }


def test_each_tally_opens_the_list_of_exactly_its_copies(shelves):
    found = figures(shelf(shelves))
    for key in ("format", "genre", "decade", "country", "location", "owner"):
        for tally in found.by[key]:
            assert shelf(shelves, f"{key}={tally.value}").count() == tally.count, (key, tally)
    for tally in found.actors + found.directors:
        assert shelf(shelves, f"person={tally.value}").count() == tally.count
    for tally in found.seen:
        assert shelf(shelves, f"seen={tally.value}").count() == tally.count
    for tally in found.added_years:
        assert shelf(shelves, f"added={tally.value}").count() == tally.count
    for tally in found.bought_years:
        assert shelf(shelves, f"bought={tally.value}").count() == tally.count


def test_additions_purchases_and_spending_per_year(shelves):
    found = figures(shelf(shelves))
    assert counted(found.added_years) == {"2019": 2, "2020": 3, "2021": 1}
    assert counted(found.bought_years) == {"2019": 2, "2020": 1, "2021": 1}
    assert {c: [(t.value, t.amount) for t in ts] for c, ts in found.spend_years.items()} == {
        "USD": [("2019", Decimal("15.00")), ("2021", Decimal("3.00"))],
        "EUR": [("2020", Decimal("7.25"))],
    }
    assert found.years == [2021, 2020, 2019]


def test_top_actors_and_directors_count_copies(shelves):
    found = figures(shelf(shelves))
    assert counted(found.actors) == {
        "Frances McDormand": 2,
        "Audrey Tautou": 1,
        "John Turturro": 1,
    }
    assert counted(found.directors) == {"Joel Coen": 3, "Jean-Pierre Jeunet": 2}
    assert found.directors[0].label == "Joel Coen"


def test_watched_is_seen_at_least_once(shelves):
    assert counted(figures(shelf(shelves)).seen) == {"Seen": 2, "Never seen": 4}


def test_the_year_in_review_says_what_came_was_bought_cost_and_was_seen(shelves):
    review = year_in_review(shelf(shelves), 2020)
    assert (review.added, review.bought) == (3, 1)
    assert review.spent == [Money("EUR", Decimal("7.25"), 1)]
    assert (review.viewings, review.seen_copies) == (2, 2)  # Fargo again, and Amélie
    assert [t.count for t in review.added_months] == [0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert review.added_months[1].value == "2020-02"
    assert review.added_months[1].label == "Feb"
    assert shelf(shelves, "added=2020-02").count() == 2


def test_months_and_years_are_those_of_the_catalogs_time_zone(shelves, settings):
    copy = Copy.objects.get(collection=shelves, index=6)
    copy.added_at = dt.datetime(2020, 12, 31, 23, 30, tzinfo=dt.UTC)  # 2021 in Berlin
    copy.save()
    settings.TIME_ZONE = "UTC"
    assert counted(figures(shelf(shelves)).added_years)["2020"] == 4
    assert shelf(shelves, "added=2021").count() == 0
    settings.TIME_ZONE = "Europe/Berlin"
    assert counted(figures(shelf(shelves)).added_years)["2021"] == 1
    assert shelf(shelves, "added=2021-01").count() == 1
    assert year_in_review(shelf(shelves), 2021).added_months[0].count == 1


def test_the_year_shown_first_is_this_one_or_the_latest_with_anything(shelves):
    this = dt.date.today().year
    assert default_year([this, 2019]) == this
    assert default_year([2019, 2021]) == 2021
    assert default_year([]) == this


def test_the_filters_the_bars_open_are_said_in_words(shelves):
    params = QueryDict("bought=2019-03&added=2020&seen=no")
    labels = [chip.label for chip in chips_of(Browse.from_query(shelves, params), params)]
    assert labels == ["Bought: March 2019", "Added: 2020", "Seen: Not seen yet"]  # URL order


def test_a_period_that_is_none_matches_nothing(shelves):
    assert shelf(shelves, "added=2020-13").count() == 0
    assert shelf(shelves, "bought=soon").count() == 0


def test_figures_are_counted_once_until_the_catalog_changes(shelves):
    params = QueryDict("")
    assert figures_of(shelves, params).copies == 6
    review_of(shelves, params, 2020)
    with CaptureQueriesContext(connection) as counting:
        assert figures_of(shelves, params).copies == 6
        review_of(shelves, params, 2020)
    assert len(counting) == 0  # from the cache
    services.trash([Copy.objects.get(collection=shelves, index=1)])
    assert figures_of(shelves, params).copies == 5  # a write made them stale
    assert figures_of(shelves, QueryDict("format=DVD")).copies == 1  # each selection its own
