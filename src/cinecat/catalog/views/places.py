"""Where is it: what a location holds."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .. import selectors
from ..models import Location


def location_detail(request: HttpRequest, collection: str, location: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    place = get_object_or_404(Location, pk=location, collection=current)
    context = {
        "collection": current,
        "place": place,
        "kind": "Location",
        "children": place.children.all(),
        "copies": selectors.in_location(current, place),
    }
    return render(request, "catalog/place_detail.html", context)
