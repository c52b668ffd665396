"""Taking the current selection out: a file to download, or a list to print.

Both cost in proportion to the selection, so neither holds it whole: the file is sent as it
is written (``streaming``), the printable list stops at CINECAT_PRINT_LIMIT copies (saying so,
and offering the whole list as a file) and reads only the columns it shows.
"""

import datetime as dt
from typing import NamedTuple

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render

from cinecat.catalog.models import Location
from cinecat.catalog.selectors import resolve_collection
from cinecat.core.cycles import fewer_collections
from cinecat.search import columns as table_columns
from cinecat.search.queries import Browse

from ..export import ExportError, export_of, writer_for
from ..streaming import streamed


def export_selection(request: HttpRequest, collection: str) -> HttpResponse:
    """The copies the list shows (same search and filters), as CSV, cinecat JSON or XML."""
    current = resolve_collection(collection)
    format_key = request.GET.get("as", "csv")
    chosen = Browse.from_query(current, request.GET)
    # The table's columns (as the browse page's link passes them) or CSV column names.
    picked = dict.fromkeys(_csv_column(key) for key in request.GET.getlist("col"))
    try:
        fmt = writer_for(format_key)
        write, records = export_of(
            current,
            format_key,
            columns=(list(picked) or None) if fmt.picks_columns else None,
            copies=chosen.copies(),
        )
    except ExportError as exc:
        return HttpResponseBadRequest(f"This export cannot be made: {exc}.")
    name = f"{current.slug}-{dt.date.today():%Y-%m-%d}.{fmt.extension}"
    response = StreamingHttpResponse(_sent(write, records), content_type=fmt.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _sent(write, records):
    with fewer_collections():
        yield from streamed(write, records)


def _csv_column(key: str) -> str:
    column = table_columns.BY_KEY.get(key)
    return column.export_name if column else key


class PrintRow(NamedTuple):
    index: int
    title: str
    year: int | None
    format: str
    location: str
    storage: str


_PRINTED = (
    "index",
    "edition__edition_works__work__title",
    "edition__edition_works__work__year",
    "edition__release_date",
    "edition__format",
    "location_id",
    "storage_device__name",
    "storage_slot",
)


def print_selection(request: HttpRequest, collection: str) -> HttpResponse:
    """A plain list of the selection, laid out for paper: its first CINECAT_PRINT_LIMIT copies."""
    current = resolve_collection(collection)
    chosen = Browse.from_query(current, request.GET)
    limit = settings.CINECAT_PRINT_LIMIT
    copies = chosen.copies().filter(edition__edition_works__order=0)
    rows = list(copies.order_by(*chosen.ordering()).values_list(*_PRINTED)[: limit + 1])
    total = len(rows) if len(rows) <= limit else chosen.copies().count()
    paths = _location_paths(current)
    context = {
        "collection": current,
        "copies": [_row(row, paths) for row in rows[:limit]],
        "total": total,
        "limit": limit,
        "query": request.GET.urlencode(),
        "q": chosen.text,
        "today": dt.date.today(),
    }
    return render(request, "interchange/print_list.html", context)


def _row(row: tuple, paths: dict[int, str]) -> PrintRow:
    index, title, year, released, medium, location, device, slot = row
    storage = f"{device or ''} / {slot}" if slot else device or ""
    year = year or (released.year if released else None)
    return PrintRow(index, title, year, medium, paths.get(location, ""), storage)


def _location_paths(collection) -> dict[int, str]:
    """Every location of the collection as the path a page shows (one query, not one a row)."""
    places = {
        pk: (name, parent)
        for pk, name, parent in Location.objects.filter(collection=collection).values_list(
            "pk", "name", "parent_id"
        )
    }

    def path(pk: int) -> str:
        names, seen = [], set()
        while pk in places and pk not in seen:
            seen.add(pk)
            name, pk = places[pk]
            names.append(name)
        return " › ".join(reversed(names))

    return {pk: path(pk) for pk in places}
