"""Reading the catalog: the lists and pages views show."""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404

from cinecat.core import barcodes
from cinecat.core.ids import as_number
from cinecat.search import facets, revision
from cinecat.search.queries import search

from . import columns
from .models import Collection, Copy, Credit, CreditRole, Edition, EditionWork, Work


@dataclass
class Browse:
    """What the URL of a list asks for: search words, filters and order, for the page itself,
    its printable version and its exports alike."""

    base: QuerySet[Copy]  # the collection, narrowed by the search words
    selection: facets.Selection
    text: str
    sort: str

    @classmethod
    def from_query(cls, collection: Collection, params) -> "Browse":
        text = params.get("q", "").strip()
        base = search(collection.copies.all(), text) if text else collection.copies.all()
        sort = params.get("sort") or ("relevance" if text else "index")
        return cls(base, facets.Selection.from_query(params), text, sort)

    def copies(self) -> QuerySet[Copy]:
        return self.selection.apply(self.base)

    def ordering(self) -> tuple[str, ...]:
        if self.sort == "relevance" and self.text:
            return ("title_match", *columns.ordering("title"))
        return columns.ordering(self.sort)


# Parameters that change what is counted; the rest (page, order, view) do not.
COUNTED = ("q", "year_from", "year_to", "folder", *facets.BY_KEY)


def facet_panel(collection: Collection, params) -> dict:
    """Facet counts and the open folder for what the URL asks, cached until the catalog next
    changes (counting 100,000 copies takes seconds; reading the cache, a millisecond)."""
    state = sorted((key, value) for key in COUNTED for value in params.getlist(key))
    digest = hashlib.sha1(repr(state).encode()).hexdigest()
    key = f"cinecat:facets:{collection.pk}:{revision.current()}:{digest}"

    def count() -> dict:
        chosen = Browse.from_query(collection, params)
        return {
            "facets": facets.facet_counts(chosen.base, chosen.selection),
            "folder": _folder(params.get("folder", ""), chosen.copies()),
            "selection": chosen.selection,
        }

    return cache.get_or_set(key, count, timeout=24 * 3600)


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


def resolve_collection(slug: str) -> Collection:
    """Every page starts here: the collection named in the URL, or 404."""
    return get_object_or_404(Collection, slug=slug)


def copy_rows(copies: QuerySet[Copy], ordering: tuple[str, ...]) -> QuerySet[Copy]:
    """What a list row shows, in a fixed number of queries per page whatever its length."""
    first_work = Prefetch(
        "edition__edition_works",
        queryset=EditionWork.objects.select_related("work")
        .prefetch_related("work__genres")
        .order_by("order"),
    )
    return (
        copies.filter(edition__edition_works__order=0)
        .select_related(
            "collection", "edition__distributor", "location__parent__parent", "storage_device"
        )
        .prefetch_related(first_work, "edition__covers")
        .order_by(*ordering)
    )


def page_of(copies: QuerySet[Copy], ordering: tuple[str, ...], number, size: int) -> Page:
    """One page of a list: the ids are paginated (a narrow query, cheap even on the last of
    2,000 pages), then only that page's rows are loaded with what they show."""
    if any(field.lstrip("-").startswith("edition__edition_works") for field in ordering):
        # Sorting by a film's field: by the first film of a box set, once per copy.
        copies = copies.filter(edition__edition_works__order=0)
    ids = copies.order_by(*ordering).values_list("pk", flat=True)
    page = Paginator(ids, size).get_page(number)
    wanted = list(page.object_list)
    rows = copy_rows(Copy.everything.filter(pk__in=wanted), ("pk",)).in_bulk(wanted)
    page.object_list = [rows[pk] for pk in wanted]
    return page


def warm_facets(collection: Collection) -> None:
    """Count the whole collection now (after an import), so its page opens at once."""
    facet_panel(collection, QueryDict())


def find_by_number(collection: Collection, text: str) -> Copy | None:
    """A scanned barcode or a typed index number goes straight to its copy."""
    digits = text.replace(" ", "").replace("-", "")
    if as_number(digits) is None:
        return None
    try:
        code = barcodes.normalize(digits)
    except barcodes.BarcodeError:
        code = None
    copies = collection.copies.order_by("index")
    # Editions by barcode first (indexed), then their copies: not a walk of every copy.
    editions = (
        list(Edition.objects.filter(barcode=code).values_list("pk", flat=True)) if code else []
    )
    # Only the edition's index narrows the copies: the collection is checked on the few found.
    found = Copy.objects.filter(edition__in=editions).order_by() if editions else []
    owned = [copy for copy in found if copy.collection_id == collection.pk]
    if owned:
        return min(owned, key=lambda copy: copy.index)
    if len(digits) <= 9:
        return copies.filter(index=int(digits)).first()
    return None


def copy_detail(collection: Collection, index: int) -> Copy:
    return get_object_or_404(
        collection.copies.select_related(
            "edition__distributor", "location__parent__parent", "storage_device"
        ).prefetch_related("tags"),
        index=index,
    )


def works_of(copy: Copy) -> list[Work]:
    """The works on the copy's edition, in box-set order, with everything the page shows."""
    cast = Prefetch(
        "credits",
        queryset=Credit.objects.filter(role=CreditRole.CAST).select_related("person"),
        to_attr="cast_list",
    )
    crew = Prefetch(
        "credits",
        queryset=Credit.objects.filter(role=CreditRole.CREW).select_related("person"),
        to_attr="crew_list",
    )
    return list(
        Work.objects.filter(edition_links__edition=copy.edition_id)
        .annotate(edition_order=F("edition_links__order"))
        .prefetch_related("genres", "countries", "languages", "plots", cast, crew)
        .order_by("edition_order")
    )
