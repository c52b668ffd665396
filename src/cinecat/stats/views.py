"""The statistics page of a collection (or of any list's selection), and each chart as CSV."""

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from cinecat.catalog.models import Collection
from cinecat.catalog.selectors import resolve_collection
from cinecat.core.ids import as_number
from cinecat.search import chips
from cinecat.search.queries import Browse

from . import charts
from .counting import drawn_once, figures_of, review_of, selection
from .figures import default_year


def overview(request: HttpRequest, collection: str) -> HttpResponse:
    current = resolve_collection(collection)
    asked = _asked_year(request.GET)

    def drawn() -> str:  # the figures and charts, the same for everyone until the next write
        found = figures_of(current, request.GET)
        year = asked or default_year(found.years)
        context = _context(current, request.GET, found, year)
        return render_to_string("stats/partials/_figures.html", context)

    # The page as first opened (no year asked) is one read of the cache, no figures unpickled.
    body = drawn_once(current, request.GET, f"page-{asked or 'first'}", drawn)
    context = {"collection": current, "body": mark_safe(body)}  # drawn by our own template
    return render(request, "stats/overview.html", context)


def _context(current: Collection, params: QueryDict, found, year: int) -> dict:
    review = review_of(current, params, year)
    link = list_link(current, params)
    chosen = Browse.from_query(current, params)
    here = selection(params)
    return {
        "collection": current,
        "figures": found,
        "review": review,
        "query": here.urlencode(),
        "chips": chips.of(chosen, here),
        "shelves": chips.shelves(chosen.selection, here),
        "shelf": chosen.selection.shelf,
        "list_url": f"{current.get_absolute_url()}?{here.urlencode()}",
        "status_links": [(tally, link("status", tally.value)) for tally in found.statuses],
        "sections": [
            ("What is in it", charts.contents(found, link)),
            ("Over the years", charts.over_time(found, link)),
            ("People", charts.people(found, link)),
        ],
        "year_charts": charts.year_charts(review, link),
        "links": {key: link(key, str(year)) for key in ("added", "bought")},
    }


def chart_csv(request: HttpRequest, collection: str, chart: str) -> HttpResponse:
    """One chart's numbers, each row with the list of its copies."""
    current = resolve_collection(collection)
    found = figures_of(current, request.GET)
    review = review_of(current, request.GET, _year(request.GET, found.years))
    link = list_link(current, request.GET, absolute=request.build_absolute_uri("/"))
    every = [
        *charts.contents(found, link),
        *charts.over_time(found, link),
        *charts.people(found, link),
        *charts.year_charts(review, link),
    ]
    wanted = next((one for one in every if one.key == chart), None)
    if wanted is None:
        raise Http404("no such chart")
    response = HttpResponse(_csv(wanted), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{current.slug}-{chart}.csv"'
    return response


def _csv(chart: charts.Chart) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["label", chart.unit, *(["amount"] if chart.money else []), "list"]
    writer.writerow(header)
    for row in chart.rows:
        amount = [row.amount] if chart.money else []
        writer.writerow([_cell(row.label), row.count, *amount, row.href])
    return out.getvalue()


def _cell(text: str) -> str:
    # A spreadsheet runs a cell starting so as a formula: keep it text.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _asked_year(params: QueryDict) -> int | None:
    chosen = as_number(params.get("year"))
    return chosen if chosen is not None and 1 <= chosen <= 9998 else None


def _year(params: QueryDict, years: list[int]) -> int:
    return _asked_year(params) or default_year(years)


def list_link(collection: Collection, params: QueryDict, absolute: str = "") -> charts.Link:
    """The list's URL for the copies of the selection with one more filter value."""
    base = selection(params)
    path = collection.get_absolute_url()
    if absolute:
        path = absolute.rstrip("/") + path

    def link(key: str, value: str) -> str:
        state = base.copy()
        state.setlist(key, [value])
        return f"{path}?{state.urlencode()}"

    return link
