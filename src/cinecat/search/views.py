"""Browsing a collection: search, filters with counts, folders, and four ways to look."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers

from cinecat.catalog.selectors import copy_detail, find_by_number, resolve_collection

from . import chips, columns, preferences, queries
from .episodes import mark_episode_hits

VIEWS = ("list", "table", "cards", "grid")


def collection_detail(request: HttpRequest, collection: str) -> HttpResponse:
    current = resolve_collection(collection)
    params, kept = preferences.applied(request)
    text = params.get("q", "").strip()
    if text and not _fragment(request) and (found := find_by_number(current, text)):
        return redirect(found)
    chosen = queries.Browse.from_query(current, params)
    size = preferences.page_size(params)
    page = queries.page_of(chosen.copies(), chosen.ordering(), params.get("page"), size)
    mark_episode_hits(page.object_list, text)
    shown = _columns(params)
    query = params.urlencode()
    context = {
        "collection": current,
        "page": page,
        "page_size": size,
        "page_sizes": preferences.PAGE_SIZES,
        "q": text,
        "sort": chosen.sort,
        "sort_links": columns.SORT_LINKS,
        "view": params.get("view") if params.get("view") in VIEWS else "list",
        "columns": shown,
        # The title opens the copy; without a title column, the first column does.
        "link_column": "title" if "title" in [c.key for c in shown] else shown[0].key,
        "picked_columns": [k for k in params.getlist("col") if k in columns.BY_KEY],
        "all_columns": columns.COLUMNS,
        "folder_kind": params.get("folder", ""),
        "query": query,
        "selection": chosen.selection,
        "chips": chips.of(chosen, params),
        "shelves": chips.shelves(chosen.selection, params),
        # A copy opened from the list knows the list: its page leads to the next and back.
        "from_list": f"?{urlencode({'from': query})}",
    }
    partial = "search/partials/_browse.html"
    template = partial if _fragment(request) else "search/collection_detail.html"
    response = _varied(render(request, template, context))
    preferences.remember(request, response, kept)
    return response


def collection_facets(request: HttpRequest, collection: str) -> HttpResponse:
    """The side panel: facet counts and the open folder, loaded after the list."""
    current = resolve_collection(collection)
    params, _ = preferences.applied(request)
    context = {
        "collection": current,
        "query": params.urlencode(),
        "folder_kind": params.get("folder", ""),
        **queries.facet_panel(current, params),
    }
    return render(request, "search/partials/_facets.html", context)


def _fragment(request: HttpRequest) -> bool:
    """Whether htmx asks for the list alone. Going back to a page (a history restore) asks
    for the whole page, as does any request a browser makes by itself."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _varied(response: HttpResponse) -> HttpResponse:
    """The list's URL answers a page or its fragment: caches must tell them apart, and a
    browser going back must ask again rather than show the fragment as a page."""
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _columns(params: QueryDict) -> list[columns.Column]:
    chosen = [key for key in params.getlist("col") if key in columns.BY_KEY]
    return [columns.BY_KEY[key] for key in chosen or columns.DEFAULT_COLUMNS]


def copy_around(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    """A copy's place in the list it was opened from: the copies before and after it."""
    current = resolve_collection(collection)
    copy = copy_detail(current, index)
    query = request.GET.get("from", "")
    context = {
        "collection": current,
        "around": queries.neighbours(current, copy, query),
        "from_list": f"?{urlencode({'from': query})}",
    }
    return render(request, "search/partials/_around.html", context)
