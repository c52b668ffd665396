""" "What shall we watch tonight?" for the list it is asked from (its filters, its search)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cinecat.catalog.selectors import resolve_collection
from cinecat.core.ids import as_number

from . import queries, tonight

# The list's parameters that do not narrow it: left out of the pick's own links.
NOT_FILTERS = ("page", "after", "view", "sort", "per_page", "col", "folder")


def watch_tonight(request: HttpRequest, collection: str) -> HttpResponse:
    current = resolve_collection(collection)
    params = request.GET.copy()
    chosen = queries.Browse.from_query(current, params)
    pick = tonight.pick_unseen(chosen.copies(), besides=as_number(params.get("after")))
    for name in NOT_FILTERS:
        params.pop(name, None)
    context = {
        "collection": current,
        "pick": pick,
        "query": params.urlencode(),
        "filtered": bool(chosen.selection.shown() or chosen.text),
    }
    return render(request, "search/watch_tonight.html", context)
