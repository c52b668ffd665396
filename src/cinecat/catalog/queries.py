"""Reading the catalog: the lists and pages views show."""

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from .models import Collection, Copy, Credit, CreditRole, EditionWork, Work

SORTS = {
    "index": ("index",),
    "title": ("edition__edition_works__work__sort_title", "index"),
}


def resolve_collection(slug: str) -> Collection:
    """Every page starts here: the collection named in the URL, or 404."""
    return get_object_or_404(Collection, slug=slug)


def copy_list(collection: Collection, sort: str) -> QuerySet[Copy]:
    """The collection's copies with what a list row shows, in one query per page."""
    ordering = SORTS.get(sort, SORTS["index"])
    first_work = Prefetch(
        "edition__edition_works",
        queryset=EditionWork.objects.select_related("work").order_by("order"),
    )
    return (
        collection.copies.filter(edition__edition_works__order=0)
        .select_related("edition")
        .prefetch_related(first_work)
        .order_by(*ordering)
    )


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
