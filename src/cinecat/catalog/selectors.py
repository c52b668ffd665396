"""Reading the catalog: the copies, rows and pages views show (browsing lives in search)."""

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from cinecat.core import barcodes
from cinecat.core.ids import as_number

from .models import (
    Collection,
    Copy,
    Credit,
    CreditRole,
    Edition,
    EditionWork,
    Location,
    Person,
    StorageDevice,
    Work,
)
from .models.work import folded_title


def resolve_collection(slug: str) -> Collection:
    """Every page starts here: the collection named in the URL, or 404."""
    return get_object_or_404(Collection, slug=slug)


def on_loan() -> Exists:
    """Whether a copy is out on loan, for a list's badge. The loans are the lending app's
    rows: reached through the copy's relation to them, so the catalog imports nothing above."""
    loans = Copy._meta.get_field("loans").related_model
    return Exists(loans.objects.filter(copy=OuterRef("pk"), returned_on__isnull=True))


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
        .annotate(on_loan=on_loan())
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


def person_in(collection: Collection, person: Person) -> tuple[QuerySet[Credit], dict]:
    """A person's credits in the collection's works, and the collection's copies of each."""
    credits = (
        Credit.objects.filter(
            person=person, work__edition_links__edition__copies__collection=collection
        )
        .select_related("work")
        .order_by("work__year", "work__title_order", "work__sort_title", "role", "order")
        .distinct()
    )
    held = collection.copies.filter(edition__edition_works__work__credits__person=person)
    by_work: dict[int, list] = {}
    for copy in copy_rows(collection.copies.filter(pk__in=held.values("pk")), ("index",)):
        by_work.setdefault(copy.first_work.pk, []).append(copy)
    return credits, by_work


def in_location(collection: Collection, place: Location) -> QuerySet[Copy]:
    """The copies in a place and in every place inside it (rooms hold shelves hold boxes)."""
    inside, frontier = [place.pk], [place.pk]
    while frontier:
        frontier = list(Location.objects.filter(parent__in=frontier).values_list("pk", flat=True))
        inside += frontier
    copies = collection.copies.filter(location__in=inside)
    return copy_rows(copies, ("storage_device__name", "storage_slot", "index"))


def in_storage_device(collection: Collection, device: StorageDevice) -> list[Copy]:
    """The copies in a storage device, by slot: slots sort as numbers where they are (2, 10)."""
    copies = copy_rows(collection.copies.filter(storage_device=device), ("index",))
    return sorted(copies, key=_slot_order)


def _slot_order(copy: Copy) -> tuple:
    slot = copy.storage_slot
    return (0, int(slot), "") if slot.isascii() and slot.isdigit() else (1, 0, slot)


def owned_with_barcode(collection: Collection, code: str) -> list[Copy]:
    """The collection's copies of the edition of this barcode (EAN-13), by index."""
    return list(copy_rows(collection.copies.filter(edition__barcode=code), ("index",)))


def edition_with_barcode(code: str) -> Edition | None:
    """The edition the catalog knows by this barcode, the oldest if several."""
    return Edition.objects.filter(barcode=code).order_by("pk").first()


def works_titled(title: str, limit: int = 8) -> QuerySet[Work]:
    """Works whose title starts so, whatever its case and accents, as lists order them."""
    found = Work.objects.filter(folded_title__startswith=folded_title(title))
    return found.order_by("title_order", "title", "year")[:limit]
