"""Reading the catalog: the copies, rows and pages views show (browsing lives in search)."""

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from cinecat.core import barcodes
from cinecat.core.ids import as_number

from .models import Collection, Copy, Credit, CreditRole, Edition, EditionWork, Work


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
