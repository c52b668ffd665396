"""Browsing a collection: search, filters with counts, folders, and three ways to look."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cinecat.search import facets

from .. import columns, queries
from ..models import Collection

VIEWS = ("list", "table", "cards", "grid")


def home(request: HttpRequest) -> HttpResponse:
    collection = Collection.objects.order_by("id").first()
    if collection is not None:
        return redirect(collection)
    return render(request, "catalog/empty.html")


def collection_detail(request: HttpRequest, collection: str) -> HttpResponse:
    current = queries.resolve_collection(collection)
    params = request.GET
    text = params.get("q", "").strip()
    if text and not request.htmx and (found := queries.find_by_number(current, text)):
        return redirect(found)
    chosen = queries.Browse.from_query(current, params)
    base, selection, sort = chosen.base, chosen.selection, chosen.sort
    rows = queries.copy_rows(chosen.copies(), chosen.ordering())
    page = Paginator(rows, settings.CINECAT_PAGE_SIZE).get_page(params.get("page"))
    context = {
        "collection": current,
        "page": page,
        "q": text,
        "sort": sort,
        "view": params.get("view") if params.get("view") in VIEWS else "list",
        "columns": _columns(params),
        "picked_columns": [k for k in params.getlist("col") if k in columns.BY_KEY],
        "all_columns": columns.COLUMNS,
        "facets": facets.facet_counts(base, selection),
        "folder": _folder(params.get("folder", ""), selection.apply(base)),
        "query": params.urlencode(),
        "selection": selection,
    }
    template = "catalog/partials/_browse.html" if request.htmx else "catalog/collection_detail.html"
    return render(request, template, context)


def _columns(params) -> list[columns.Column]:
    chosen = [key for key in params.getlist("col") if key in columns.BY_KEY]
    return [columns.BY_KEY[key] for key in chosen or columns.DEFAULT_COLUMNS]


def _folder(kind: str, copies) -> dict | None:
    """The side panel grouping the selection by one facet or by person."""
    if kind in facets.PEOPLE_FOLDERS:
        label = facets.PEOPLE_FOLDERS[kind][0]
        return {
            "kind": kind,
            "label": label,
            "key": "person",
            "buckets": facets.people_folder(copies, kind),
        }
    if kind in facets.BY_KEY:
        facet = facets.BY_KEY[kind]
        return {
            "kind": kind,
            "label": facet.label,
            "key": facet.key,
            "buckets": facets.counts(copies, facet, limit=200),
        }
    return None
