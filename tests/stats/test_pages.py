"""The statistics page as Alice reads it: figures, charts whose bars open the list, tables
and CSV of the same numbers."""

import csv
import io
import re
from unittest import mock

from django.template import loader
from django.urls import reverse

from cinecat.catalog import services
from cinecat.catalog.models import Copy


def stats_url(collection, query: str = "") -> str:
    url = reverse("stats:overview", kwargs={"collection": collection.slug})
    return f"{url}?{query}" if query else url


def test_the_page_shows_size_value_and_a_chart_per_question(client, shelves):
    page = client.get(stats_url(shelves)).content.decode()
    assert "6 copies" in page and "in the collection" in page
    assert "USD 18.00" in page and "EUR 7.25" in page
    for title in (
        "Copies by format",
        "Copies by genre",
        "Copies by decade",
        "Copies by country",
        "Copies by location",
        "Copies by owner",
        "Watched and never watched",
        "Added per year",
        "Bought per year",
        "Spent per year (USD)",
        "Spent per year (EUR)",
        "Top actors",
        "Top directors",
    ):
        assert f"<h3>{title}</h3>" in page, title


def test_each_chart_is_an_accessible_svg_whose_bars_open_the_list(client, shelves):
    page = client.get(stats_url(shelves)).content.decode()
    svg = re.search(r'<svg class="chart-svg bars"[^>]*data-chart="format">.*?</svg>', page, re.S)
    assert svg, "the format chart is drawn"
    drawn = svg.group(0)
    assert 'role="img"' in drawn and 'aria-labelledby="chart-format-t chart-format-d"' in drawn
    assert '<title id="chart-format-t">Copies by format</title>' in drawn
    assert "<desc" in drawn and "Blu-ray 3" in drawn
    assert '<a href="/c/alice/?format=Blu-ray" tabindex="-1" class="bar">' in drawn
    assert "<title>Blu-ray: 3 copies</title>" in drawn
    # The same numbers as a table, each row a link to the same list.
    assert '<td><a href="/c/alice/?format=Blu-ray">Blu-ray</a></td><td class="num">3</td>' in page


def test_a_bar_keeps_the_selection_it_was_counted_on(client, shelves):
    page = client.get(stats_url(shelves, "status=all")).content.decode()
    assert "7 copies" in page
    assert 'href="/c/alice/?status=all&amp;format=Blu-ray"' in page
    listed = client.get("/c/alice/?status=all&format=Blu-ray").content.decode()
    assert "4 copies" in listed


def test_the_page_of_a_filtered_selection_names_its_filters(client, shelves):
    page = client.get(stats_url(shelves, "format=Blu-ray")).content.decode()
    assert "3 copies" in page and "with these filters" in page
    assert "Format: Blu-ray" in page


def test_the_year_in_review_is_the_year_chosen(client, shelves):
    page = client.get(stats_url(shelves, "year=2020")).content.decode()
    assert "2020 in review" in page
    assert '<a href="/c/alice/?added=2020">3</a>' in page
    assert "2 viewings of 2 copies" in page
    assert "Added in 2020, per month" in page
    assert 'href="/c/alice/?added=2020-02"' in page


def test_a_charts_numbers_download_as_csv_with_the_list_of_each_row(client, shelves):
    url = reverse("stats:chart-csv", kwargs={"collection": "alice", "chart": "format"})
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="alice-format.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["label", "copies", "list"]
    assert ["Blu-ray", "3", "http://testserver/c/alice/?format=Blu-ray"] in rows


def test_spending_downloads_with_its_amounts(client, shelves):
    url = reverse("stats:chart-csv", kwargs={"collection": "alice", "chart": "spent-USD"})
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert rows[0] == ["label", "copies", "amount", "list"]
    assert rows[1][:3] == ["2019", "2", "USD 15.00"]


def test_an_unknown_chart_is_not_found(client, shelves):
    url = reverse("stats:chart-csv", kwargs={"collection": "alice", "chart": "nothing"})
    assert client.get(url).status_code == 404


def test_an_empty_collection_has_statistics_with_nothing_to_count(client, alice_collection):
    page = client.get(stats_url(alice_collection)).content.decode()
    assert "0 copies" in page and "No purchase prices yet." in page


def test_every_page_of_a_collection_links_to_its_statistics(client, shelves):
    assert 'href="/c/alice/stats/">Statistics</a>' in client.get("/c/alice/").content.decode()


def test_the_charts_are_drawn_once_until_the_catalog_changes(client, shelves):
    real = loader.render_to_string
    with mock.patch("cinecat.stats.views.render_to_string", side_effect=real) as drawing:
        first = client.get(stats_url(shelves)).content.decode()
        again = client.get(stats_url(shelves)).content.decode()
        assert drawing.call_count == 1
        assert (
            again[again.index('<div class="stats">') :]
            == first[first.index('<div class="stats">') :]
        )
        services.trash([Copy.objects.filter(collection=shelves, status="owned").first()])
        after = client.get(stats_url(shelves)).content.decode()
    assert drawing.call_count == 2
    assert "5 copies" in after and "6 copies" in first
