"""Taking the current selection out: a file to download, or a list to print."""

import datetime as dt
import tempfile

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from cinecat.catalog.label_sheet import copies_sheet
from cinecat.catalog.selectors import copy_rows, resolve_collection
from cinecat.search import chips
from cinecat.search import columns as table_columns
from cinecat.search.queries import Browse

from ..export import ExportError, export_collection, writer_for
from ..list_pdf import list_pdf

# What a printed list always says of a copy; the table's columns picked come after.
PRINTED = ("index", "title", "year", "format", "location", "storage", "slot")
PDF_LIMIT = 10_000  # copies a PDF holds: past that it takes minutes to draw; narrow the list


def export_selection(request: HttpRequest, collection: str) -> HttpResponse:
    """The copies the list shows (same search and filters), as CSV, cinecat JSON or XML."""
    current = resolve_collection(collection)
    format_key = request.GET.get("as", "csv")
    chosen = Browse.from_query(current, request.GET)
    # The table's columns (as the browse page's link passes them) or CSV column names.
    columns = [_csv_column(key) for key in request.GET.getlist("col")] or None
    # FileResponse closes the spool once sent, so no `with` here.
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    try:
        fmt = writer_for(format_key)
        export_collection(
            current,
            format_key,
            spool,
            columns=columns if fmt.picks_columns else None,
            copies=chosen.copies(),
        )
    except ExportError as exc:
        spool.close()
        return HttpResponseBadRequest(f"This export cannot be made: {exc}.")
    spool.seek(0)
    name = f"{current.slug}-{dt.date.today():%Y-%m-%d}.{fmt.extension}"
    return FileResponse(spool, as_attachment=True, filename=name, content_type=fmt.content_type)


def _csv_column(key: str) -> str:
    column = table_columns.BY_KEY.get(key)
    return column.export_name if column else key


def printed_columns(request: HttpRequest) -> list[table_columns.Column]:
    """The printed list's columns: those it always has, then those the table view picked
    (``col``). Raises ValueError naming a column that is none."""
    picked = request.GET.getlist("col")
    unknown = [key for key in picked if key not in table_columns.BY_KEY]
    if unknown:
        known = ", ".join(table_columns.BY_KEY)
        raise ValueError(f"No such column: {', '.join(unknown)[:200]} (the columns: {known}).")
    keys = list(dict.fromkeys([*PRINTED, *picked]))
    return [table_columns.BY_KEY[key] for key in keys]


def print_selection(request: HttpRequest, collection: str) -> HttpResponse:
    """A plain list of the selection, laid out for paper."""
    current = resolve_collection(collection)
    try:
        columns = printed_columns(request)
    except ValueError as error:
        return HttpResponseBadRequest(str(error))
    chosen = Browse.from_query(current, request.GET)
    rows = copy_rows(chosen.copies(), chosen.ordering())
    context = {
        "collection": current,
        "columns": columns,
        "rows": [(copy, [column.value(copy) for column in columns]) for copy in rows],
        "copies": rows,
        "q": chosen.text,
        "filters": stated(chosen, request),
        "today": dt.date.today(),
        "query": request.GET.urlencode(),
    }
    return render(request, "interchange/print_list.html", context)


def stated(chosen: Browse, request: HttpRequest) -> list[str]:
    """The filters the selection is under, in words ('Format: Blu-ray')."""
    return [chip.label for chip in chips.of(chosen, request.GET)]


def _rows_for_pdf(request: HttpRequest, collection: str):
    current = resolve_collection(collection)
    chosen = Browse.from_query(current, request.GET)
    rows = list(copy_rows(chosen.copies(), chosen.ordering())[: PDF_LIMIT + 1])
    return current, chosen, rows


def _too_many() -> HttpResponse:
    return HttpResponseBadRequest(
        f"A PDF holds at most {PDF_LIMIT:,} copies: narrow the list with a search or a filter."
    )


def print_pdf(request: HttpRequest, collection: str) -> HttpResponse:
    """The printable list as a PDF, saying its filters."""
    try:
        columns = printed_columns(request)
    except ValueError as error:
        return HttpResponseBadRequest(str(error))
    current, chosen, rows = _rows_for_pdf(request, collection)
    if len(rows) > PDF_LIMIT:
        return _too_many()
    matching = f" matching “{chosen.text}”" if chosen.text else ""
    count = f"{len(rows)} cop{'y' if len(rows) == 1 else 'ies'}{matching}"
    count += f" · {dt.date.today():%b %d, %Y}"
    table = [[column.value(copy) for column in columns] for copy in rows]
    headings = [column.label for column in columns]
    data = list_pdf(headings, table, current.name, [*stated(chosen, request), count])
    return _pdf(data, f"{current.slug}-{dt.date.today():%Y-%m-%d}.pdf")


def print_labels(request: HttpRequest, collection: str) -> HttpResponse:
    """A label for each copy of the selection, as a PDF."""
    current, _, rows = _rows_for_pdf(request, collection)
    if len(rows) > PDF_LIMIT:
        return _too_many()
    data = copies_sheet(rows, request.build_absolute_uri, f"Labels of {current.name}")
    return _pdf(data, "copy-labels.pdf")


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
