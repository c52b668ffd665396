"""Taking the current selection out: a file to download, or a list to print."""

import datetime as dt
import tempfile

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from cinecat.catalog.selectors import copy_rows, resolve_collection
from cinecat.search import columns as table_columns
from cinecat.search.queries import Browse

from ..export import ExportError, export_collection, writer_for


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


def print_selection(request: HttpRequest, collection: str) -> HttpResponse:
    """A plain list of the selection, laid out for paper."""
    current = resolve_collection(collection)
    chosen = Browse.from_query(current, request.GET)
    rows = copy_rows(chosen.copies(), chosen.ordering())
    context = {"collection": current, "copies": rows, "q": chosen.text, "today": dt.date.today()}
    return render(request, "interchange/print_list.html", context)
