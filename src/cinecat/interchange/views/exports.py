"""Taking the current selection out: a file to download, or a list to print.

Both cost in proportion to the selection, so neither holds it whole: the file is sent as it
is written (``streaming``), the printable list stops at CINECAT_PRINT_LIMIT copies (saying so,
and offering the whole list as a file) and reads only the columns it shows, the columns the
table view picked read from the copies only when there are any. The same list comes as a PDF,
and its copies' labels as a sheet of them.
"""

import datetime as dt
from typing import NamedTuple

from csp.decorators import csp_exempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render

from cinecat.catalog.label_sheet import copies_sheet
from cinecat.catalog.models import Location
from cinecat.catalog.selectors import copy_rows, resolve_collection
from cinecat.core.cycles import fewer_collections
from cinecat.search import chips
from cinecat.search import columns as table_columns
from cinecat.search.queries import Browse

from ..export import ExportError, export_of, writer_for
from ..list_pdf import list_pdf
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
    more: tuple[str, ...] = ()  # the values of the columns the table view picked


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
HEADINGS = ("#", "Title", "Year", "Format", "Location", "Storage")
# The table view's columns a printed list has anyway.
ALWAYS = {"index", "title", "year", "format", "location", "storage", "slot"}


class Printed(NamedTuple):
    rows: list[PrintRow]  # the first CINECAT_PRINT_LIMIT
    total: int
    limit: int
    more: list[table_columns.Column]  # the columns picked, after those printed anyway


def picked_columns(request: HttpRequest) -> list[table_columns.Column]:
    """The columns the table view picked (``col``) that a printed list has not anyway. Raises
    ValueError naming a column that is none."""
    picked = request.GET.getlist("col")
    unknown = [key for key in picked if key not in table_columns.BY_KEY]
    if unknown:
        known = ", ".join(table_columns.BY_KEY)
        raise ValueError(f"No such column: {', '.join(unknown)[:200]} (the columns: {known}).")
    return [table_columns.BY_KEY[key] for key in dict.fromkeys(picked) if key not in ALWAYS]


def printed(current, chosen: Browse, more: list[table_columns.Column]) -> Printed:
    limit = settings.CINECAT_PRINT_LIMIT
    copies = chosen.copies().filter(edition__edition_works__order=0)
    rows = list(copies.order_by(*chosen.ordering()).values_list(*_PRINTED)[: limit + 1])
    total = len(rows) if len(rows) <= limit else chosen.copies().count()
    paths = _location_paths(current)
    found = [_row(row, paths) for row in rows[:limit]]
    if more:  # only then a model a row, for the values only a model gives
        shown = copy_rows(chosen.copies(), chosen.ordering())[:limit]
        values = {copy.index: tuple(column.value(copy) for column in more) for copy in shown}
        found = [row._replace(more=values.get(row.index, ())) for row in found]
    return Printed(found, total, limit, more)


def print_selection(request: HttpRequest, collection: str) -> HttpResponse:
    """A plain list of the selection, laid out for paper: its first CINECAT_PRINT_LIMIT copies."""
    current = resolve_collection(collection)
    try:
        more = picked_columns(request)
    except ValueError as error:
        return HttpResponseBadRequest(str(error))
    chosen = Browse.from_query(current, request.GET)
    found = printed(current, chosen, more)
    context = {
        "collection": current,
        "copies": found.rows,
        "more": found.more,
        "total": found.total,
        "limit": found.limit,
        "query": request.GET.urlencode(),
        "q": chosen.text,
        "filters": stated(chosen, request),
        "today": dt.date.today(),
    }
    return render(request, "interchange/print_list.html", context)


def stated(chosen: Browse, request: HttpRequest) -> list[str]:
    """The filters the selection is under, in words ('Format: Blu-ray')."""
    return [chip.label for chip in chips.of(chosen, request.GET)]


@csp_exempt()  # a policy would only stop the browser's PDF viewer
def print_pdf(request: HttpRequest, collection: str) -> HttpResponse:
    """The printable list as a PDF, saying its filters (and, past the limit, that it stops)."""
    current = resolve_collection(collection)
    try:
        more = picked_columns(request)
    except ValueError as error:
        return HttpResponseBadRequest(str(error))
    chosen = Browse.from_query(current, request.GET)
    found = printed(current, chosen, more)
    matching = f" matching “{chosen.text}”" if chosen.text else ""
    count = f"{found.total} cop{'y' if found.total == 1 else 'ies'}{matching}"
    said = [*stated(chosen, request), f"{count} · {dt.date.today():%b %d, %Y}"]
    if found.total > found.limit:
        said.append(f"The first {found.limit} of {found.total} copies are listed.")
    table = [
        [str(row.index), row.title, str(row.year or ""), row.format, row.location, row.storage]
        + list(row.more)
        for row in found.rows
    ]
    headings = [*HEADINGS, *(column.label for column in more)]
    data = list_pdf(headings, table, current.name, said)
    return _pdf(data, f"{current.slug}-{dt.date.today():%Y-%m-%d}.pdf")


@csp_exempt()  # a policy would only stop the browser's PDF viewer
def print_labels(request: HttpRequest, collection: str) -> HttpResponse:
    """A label for each copy of the selection, as a PDF: at most CINECAT_PRINT_LIMIT."""
    current = resolve_collection(collection)
    chosen = Browse.from_query(current, request.GET)
    limit = settings.CINECAT_PRINT_LIMIT
    rows = list(copy_rows(chosen.copies(), chosen.ordering())[: limit + 1])
    if len(rows) > limit:
        return HttpResponseBadRequest(
            f"At most {limit} labels are printed at once (CINECAT_PRINT_LIMIT): narrow the "
            "list with a search or a filter."
        )
    data = copies_sheet(rows, request.build_absolute_uri, f"Labels of {current.name}")
    return _pdf(data, "copy-labels.pdf")


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


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
