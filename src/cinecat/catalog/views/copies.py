"""Catalog pages. Each resolves the collection named in its URL first."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from . import queries
from .models import Collection

CAST_PREVIEW = 12


def home(request: HttpRequest) -> HttpResponse:
    collection = Collection.objects.order_by("id").first()
    if collection is not None:
        return redirect(collection)
    return render(request, "catalog/empty.html")


def collection_detail(request: HttpRequest, collection: str) -> HttpResponse:
    current = queries.resolve_collection(collection)
    sort = request.GET.get("sort", "index")
    if sort not in queries.SORTS:
        sort = "index"
    paginator = Paginator(queries.copy_list(current, sort), settings.CINECAT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {"collection": current, "page": page, "sort": sort, "sorts": queries.SORTS}
    return render(request, "catalog/collection_detail.html", context)


def copy_detail(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = queries.resolve_collection(collection)
    copy = queries.copy_detail(current, index)
    context = {
        "collection": current,
        "copy": copy,
        "edition": copy.edition,
        "works": queries.works_of(copy),
        "cast_preview": CAST_PREVIEW,
    }
    return render(request, "catalog/copy_detail.html", context)


def copy_cast(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    """The whole cast: a fragment swapped in by "View all", or a page of its own without JS."""
    current = queries.resolve_collection(collection)
    copy = queries.copy_detail(current, index)
    context = {"collection": current, "copy": copy, "works": queries.works_of(copy)}
    if request.htmx:
        work_id = request.GET.get("work")
        work = next((w for w in context["works"] if str(w.pk) == work_id), context["works"][0])
        return render(request, "catalog/partials/_cast_list.html", {"work": work, "limit": None})
    return render(request, "catalog/copy_cast.html", context)
