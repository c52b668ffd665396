"""Locations: the tree of them, what one holds, and renaming, moving, merging and deleting
one with a choice for what it holds."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import places, selectors
from ..models import Collection, Location
from ..place_forms import MergeForm, MoveForm, PlaceAddForm, PlaceDeleteForm, RenameForm
from ..slots import PlaceRefused


def _copies(count: int) -> str:
    return f"{count} cop{'y' if count == 1 else 'ies'}"


def _list(collection: Collection) -> str:
    return reverse("catalog:location-list", kwargs={"collection": collection.slug})


def location_list(request: HttpRequest, collection: str) -> HttpResponse:
    """Every place of the collection as a tree, and a form to add one."""
    current = selectors.resolve_collection(collection)
    form = PlaceAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            place = places.add_place(current, form.cleaned_data["path"])
        except PlaceRefused as refused:
            form.add_error("path", str(refused))
        else:
            messages.success(request, f"Added {place.path}.")
            return redirect(_list(current))
    context = {"collection": current, "tree": places.tree(current), "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "catalog/location_list.html", context, status=status)


def _forms(place: Location, data=None, posted: str = "") -> dict:
    """The management forms of a place's page, the one posted bound to its data."""
    kinds = {
        "rename": lambda d: RenameForm(d, initial={"name": place.name}),
        "move": lambda d: MoveForm(d, place=place, initial={"parent": place.parent_id}),
        "merge": lambda d: MergeForm(d, place=place),
        "delete": lambda d: PlaceDeleteForm(d, place=place),
    }
    return {f"{key}_form": make(data if key == posted else None) for key, make in kinds.items()}


def location_detail(request: HttpRequest, collection: str, location: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    place = get_object_or_404(Location, pk=location, collection=current)
    return _detail(request, current, place, _forms(place))


def _detail(request, collection, place, forms, status=200) -> HttpResponse:
    context = {
        "collection": collection,
        "place": place,
        "kind": "Location",
        "children": place.children.all(),
        "copies": selectors.in_location(collection, place),
        **forms,
    }
    return render(request, "catalog/place_detail.html", context, status=status)


@require_POST
def location_change(request: HttpRequest, collection: str, location: int, action: str):
    """Rename, move, merge or delete a place (``action``), as its page's forms post."""
    current = selectors.resolve_collection(collection)
    place = get_object_or_404(Location, pk=location, collection=current)
    forms = _forms(place, request.POST, action)
    form = forms[f"{action}_form"]
    if form.is_valid():
        try:
            said, back = _apply(action, place, form.cleaned_data, request.user)
        except PlaceRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, said)
            return redirect(back or _list(current))
    place.refresh_from_db()
    return _detail(request, current, place, forms, status=400)


def _apply(action: str, place: Location, data: dict, by) -> tuple[str, str]:
    """Do it; what the message says and where to go after (the list when the place is gone)."""
    name = place.path
    if action == "rename":
        renamed = places.rename(place, data["name"])
        return f"Renamed {name} to {renamed.name}.", renamed.get_absolute_url()
    if action == "move":
        moved = places.move(place, data["parent"])
        return f"Moved {name}: it is now {moved.path}.", moved.get_absolute_url()
    if action == "merge":
        count = places.merge(place, data["into"], by=by)
        into = data["into"]
        return f"Merged {name} into {into.path}: {_copies(count)} moved.", into.get_absolute_url()
    count = places.delete(place, data["choice"], data.get("other"), by=by)
    return f"Deleted {name}: {_copies(count)} moved.", ""
