"""Browsing a collection: search, filters with counts, folders, and three ways to look."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cinecat.catalog.selectors import find_by_number, resolve_collection

from . import columns, queries

VIEWS = ("list", "table", "cards", "grid")


def collection_detail(request: HttpRequest, collection: str) -> HttpResponse:
    current = resolve_collection(collection)
    params = request.GET
    text = params.get("q", "").strip()
    if text and not request.htmx and (found := find_by_number(current, text)):
        return redirect(found)
    chosen = queries.Browse.from_query(current, params)
    selection, sort = chosen.selection, chosen.sort
    page = queries.page_of(
        chosen.copies(), chosen.ordering(), params.get("page"), settings.CINECAT_PAGE_SIZE
    )
    shown = _columns(params)
    context = {
        "collection": current,
        "page": page,
        "q": text,
        "sort": sort,
        "view": params.get("view") if params.get("view") in VIEWS else "list",
        "columns": shown,
        # The title opens the copy; without a title column, the first column does.
        "link_column": "title" if "title" in [c.key for c in shown] else shown[0].key,
        "picked_columns": [k for k in params.getlist("col") if k in columns.BY_KEY],
        "all_columns": columns.COLUMNS,
        "folder_kind": params.get("folder", ""),
        "query": params.urlencode(),
        "selection": selection,
    }
    template = "search/partials/_browse.html" if request.htmx else "search/collection_detail.html"
    return render(request, template, context)


def collection_facets(request: HttpRequest, collection: str) -> HttpResponse:
    """The side panel: facet counts and the open folder, loaded after the list."""
    current = resolve_collection(collection)
    context = {
        "collection": current,
        "query": request.GET.urlencode(),
        "folder_kind": request.GET.get("folder", ""),
        **queries.facet_panel(current, request.GET),
    }
    return render(request, "search/partials/_facets.html", context)


def _columns(params) -> list[columns.Column]:
    chosen = [key for key in params.getlist("col") if key in columns.BY_KEY]
    return [columns.BY_KEY[key] for key in chosen or columns.DEFAULT_COLUMNS]
