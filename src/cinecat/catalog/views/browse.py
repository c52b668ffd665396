"""Browsing a collection: search, filters with counts, folders, and three ways to look."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cinecat.search import facets, revision

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
    selection, sort = chosen.selection, chosen.sort
    page = queries.page_of(
        chosen.copies(), chosen.ordering(), params.get("page"), settings.CINECAT_PAGE_SIZE
    )
    context = {
        "collection": current,
        "page": page,
        "q": text,
        "sort": sort,
        "view": params.get("view") if params.get("view") in VIEWS else "list",
        "columns": _columns(params),
        "picked_columns": [k for k in params.getlist("col") if k in columns.BY_KEY],
        "all_columns": columns.COLUMNS,
        "folder_kind": params.get("folder", ""),
        "query": params.urlencode(),
        "selection": selection,
    }
    template = "catalog/partials/_browse.html" if request.htmx else "catalog/collection_detail.html"
    return render(request, template, context)


# Parameters that change what is counted; the rest (page, order, view) do not.
COUNTED = ("q", "year_from", "year_to", "folder", *facets.BY_KEY)


def collection_facets(request: HttpRequest, collection: str) -> HttpResponse:
    """The side panel: facet counts and the open folder, loaded after the list and cached
    until the catalog next changes."""
    current = queries.resolve_collection(collection)
    params = request.GET
    state = sorted((key, value) for key in COUNTED for value in params.getlist(key))
    digest = hashlib.sha1(repr(state).encode()).hexdigest()
    key = f"cinecat:facets:{current.pk}:{revision.current()}:{digest}"

    def count() -> dict:
        chosen = queries.Browse.from_query(current, params)
        return {
            "facets": facets.facet_counts(chosen.base, chosen.selection),
            "folder": _folder(params.get("folder", ""), chosen.copies()),
            "selection": chosen.selection,
        }

    context = {
        "collection": current,
        "query": params.urlencode(),
        "folder_kind": params.get("folder", ""),
        **cache.get_or_set(key, count),
    }
    return render(request, "catalog/partials/_facets.html", context)


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
