"""Where is it: what a location or a storage device holds, slot by slot."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .. import selectors
from ..models import Location, StorageDevice


def location_detail(request: HttpRequest, collection: str, location: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    place = get_object_or_404(Location, pk=location, collection=current)
    inside = _descendants(place)
    copies = current.copies.filter(location__in=inside)
    context = {
        "collection": current,
        "place": place,
        "kind": "Location",
        "children": place.children.all(),
        "copies": selectors.copy_rows(copies, ("storage_device__name", "storage_slot", "index")),
    }
    return render(request, "catalog/place_detail.html", context)


def storage_detail(request: HttpRequest, collection: str, device: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    place = get_object_or_404(StorageDevice, pk=device, collection=current)
    copies = current.copies.filter(storage_device=place)
    context = {
        "collection": current,
        "place": place,
        "kind": "Storage device",
        "copies": sorted(selectors.copy_rows(copies, ("index",)), key=_slot_order),
    }
    return render(request, "catalog/place_detail.html", context)


def _descendants(place: Location) -> list[int]:
    """The location and every location inside it (rooms hold shelves hold boxes)."""
    found, frontier = [place.pk], [place.pk]
    while frontier:
        frontier = list(Location.objects.filter(parent__in=frontier).values_list("pk", flat=True))
        found += frontier
    return found


def _slot_order(copy) -> tuple:
    """Slots sort as numbers where they are numbers: 2 before 10."""
    slot = copy.storage_slot
    return (0, int(slot), "") if slot.isascii() and slot.isdigit() else (1, 0, slot)
