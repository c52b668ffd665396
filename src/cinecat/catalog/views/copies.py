"""A copy's own page. Each view resolves the collection named in its URL first."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .. import labels, selectors
from ..fields import copy_fields, edition_fields, work_fields
from ..models import Collection
from .episodes import season_box_context
from .viewings import viewing_panel

CAST_PREVIEW = 12
# The fields the copy page lays out itself; any other field with a value is listed beside them.
LAID_OUT = {
    "work": frozenset(
        {"title", "sort_title", "original_title", "runtime_minutes", "colour", "trailer_url"}
        | {"kind"}
    ),
    "edition": frozenset(
        {"format", "name", "release_date", "barcode", "rating_country", "rating", "discs"}
        | {"packaging", "aspect_ratio", "audio", "subtitles", "easter_eggs"}
    ),
    "copy": frozenset(
        {"index", "status", "owner", "storage_slot", "purchased_on", "purchase_price"}
        | {"purchase_currency", "purchase_store", "condition", "notes", "added_at"}
        | {"modified_at"}
    ),
}


def copy_detail(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    works = selectors.works_of(copy)
    for work in works:
        work.further = labels.further(work_fields(), work, LAID_OUT["work"])
    context = {
        "collection": current,
        "copy": copy,
        "edition": copy.edition,
        "works": works,
        "edition_further": labels.further(edition_fields(), copy.edition, LAID_OUT["edition"]),
        "copy_further": labels.further(copy_fields(), copy, LAID_OUT["copy"]),
        # The last time the copy itself was seen: an episode seen is the season box's own.
        "last_viewing": copy.viewing_log.filter(episode=None)
        .order_by("-watched_on", "-pk")
        .first(),
        # A film without a year of its own is listed under its edition's release year.
        "shelf_year": copy.edition.release_date.year if copy.edition.release_date else None,
        "from_list": request.GET.get("from"),
        "cast_preview": CAST_PREVIEW,
        "changes": copy.changes.select_related("by")[:10],
        "covers": {cover.side: cover for cover in copy.edition.covers.all()},
        **viewing_panel(copy),
        **season_box_context(request, copy),
    }
    return render(request, "catalog/copy_detail.html", context)


def copy_cast(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    """The whole cast: a fragment swapped in by "View all", or a page of its own without JS."""
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    context = {"collection": current, "copy": copy, "works": selectors.works_of(copy)}
    if request.htmx:
        work_id = request.GET.get("work")
        work = next((w for w in context["works"] if str(w.pk) == work_id), context["works"][0])
        fragment = {"collection": current, "work": work, "limit": None}
        return render(request, "catalog/partials/_cast_list.html", fragment)
    return render(request, "catalog/copy_cast.html", context)


def home(request: HttpRequest) -> HttpResponse:
    collection = Collection.objects.order_by("id").first()
    if collection is not None:
        return redirect(collection)
    return render(request, "catalog/empty.html")
