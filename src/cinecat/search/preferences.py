"""A collector's choices of how a list looks, remembered: its order, its view, its page size.

A list's URL says everything it shows (so it can be bookmarked and shared); a choice missing
from it is the one the person made last, kept in a cookie of the browser (no database work).
"""

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict

from . import columns

PAGE_SIZES = (25, 50, 100, 200)
REMEMBERED = ("sort", "view", "per_page")
COOKIE = "cinecat_list"
YEAR = 365 * 24 * 3600


def applied(request: HttpRequest) -> tuple[QueryDict, dict]:
    """The request's parameters with the remembered choices it does not make itself, and the
    choices to remember from now on (the ones it makes, over the others)."""
    params = request.GET.copy()
    kept = _kept(request)
    for name in REMEMBERED:
        given = params.get(name)
        if given is not None:
            if _valid(name, given):
                kept[name] = given
            else:
                kept.pop(name, None)
        elif name in kept and not (name == "sort" and params.get("q")):
            params[name] = kept[name]  # a search ranks by relevance unless a sort is asked
    return params, kept


def remember(request: HttpRequest, response: HttpResponse, kept: dict) -> None:
    if kept != _kept(request):
        response.set_cookie(COOKIE, json.dumps(kept), max_age=YEAR, samesite="Lax")


def _kept(request: HttpRequest) -> dict:
    try:
        found = json.loads(request.COOKIES.get(COOKIE, "{}"))
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {
        k: v for k, v in found.items() if k in REMEMBERED and isinstance(v, str) and _valid(k, v)
    }


def _valid(name: str, value: str) -> bool:
    if name == "sort":
        return value.lstrip("-") in columns.SORTS
    if name == "per_page":
        return value in {str(size) for size in PAGE_SIZES}
    return value in ("list", "table", "cards", "grid")


def page_size(params: QueryDict) -> int:
    given = params.get("per_page", "")
    return int(given) if given in {str(size) for size in PAGE_SIZES} else settings.CINECAT_PAGE_SIZE
