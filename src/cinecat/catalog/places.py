"""Managing where copies are kept: places that nest (room › shelf › box), renamed, moved
under another, merged into another, or deleted with a choice for what they hold.

Names are matched whatever their case, as everywhere ('study' is 'Study'), so two places in
one place never share a name. A copy moved by a merge or a delete keeps a note on its history,
and its version moves on (an edit page opened before it must not put it back); a rename or a
move changes no copy, only the path of the place it is in.
"""

from collections.abc import Iterable

from django.db.models import Count, F
from django.utils import timezone

from cinecat.core.folding import fold_case

from . import labels
from .changes import changed, writing
from .models import ChangeAction, Collection, Copy, CopyChange, Location
from .saving import location_at
from .slots import PlaceRefused

# What a deleted place's copies (and the places inside it) become.
TO_PARENT, TO_OTHER, UNPLACED = "parent", "other", "none"
CHOICES = (TO_PARENT, TO_OTHER, UNPLACED)


def inside(place: Location) -> list[int]:
    """The place and every place inside it, by id."""
    found, frontier = [place.pk], [place.pk]
    while frontier:
        frontier = list(Location.objects.filter(parent__in=frontier).values_list("pk", flat=True))
        found += frontier
    return found


def _name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise PlaceRefused("A place needs a name.")
    if "/" in name or "›" in name:
        raise PlaceRefused("A place's name has no “/” or “›”: they separate the levels of a path.")
    if len(name) > 200:
        raise PlaceRefused("A place's name has at most 200 characters.")
    return name


def _sibling(collection: Collection, parent: Location | None, name: str, leave_out=None):
    """The place of that name (whatever its case) in ``parent``, other than ``leave_out``."""
    siblings = Location.objects.filter(collection=collection, parent=parent)
    if leave_out is not None:
        siblings = siblings.exclude(pk=leave_out.pk)
    folded = fold_case(name)
    return next((place for place in siblings if fold_case(place.name) == folded), None)


def _where(parent: Location | None) -> str:
    return parent.path if parent is not None else "the top level"


def add_place(collection: Collection, path: tuple[str, ...]) -> Location:
    """The place at ``path`` ('Study', 'Shelf 2'), each level made when it is new."""
    names = tuple(_name(name) for name in path)
    with writing():
        place = location_at(collection, names)
        changed(counts=True)
        return place


def rename(place: Location, name: str) -> Location:
    name = _name(name)
    with writing():
        clash = _sibling(place.collection, place.parent, name, leave_out=place)
        if clash is not None:
            raise PlaceRefused(
                f"{_where(place.parent)} already has a place named {clash.name}: "
                f"merge {place.name} into it instead."
            )
        place.name = name
        place.save()  # the places inside it take its new path
        changed(counts=True)  # the facets and chips name places by path
        return place


def move(place: Location, parent: Location | None) -> Location:
    """Put ``place``, with all it holds, in ``parent`` (at the top level when None)."""
    with writing():
        if parent is not None and parent.pk in inside(place):
            raise PlaceRefused(f"{place.name} cannot go inside itself or a place inside it.")
        clash = _sibling(place.collection, parent, place.name, leave_out=place)
        if clash is not None:
            raise PlaceRefused(
                f"{_where(parent)} already has a place named {clash.name}: "
                f"merge {place.name} into it instead."
            )
        place.parent = parent
        place.save()
        changed(counts=True)
        return place


def merge(place: Location, into: Location, by=None) -> int:
    """Move everything ``place`` holds into ``into`` (its copies, and its places, merged
    with those of the same name there), then delete it. Returns how many copies moved."""
    if into.collection_id != place.collection_id:
        raise PlaceRefused("A place merges into a place of the same collection.")
    if into.pk in inside(place):
        raise PlaceRefused(f"{place.name} cannot merge into itself or a place inside it.")
    with writing():
        moved = _merge(place, into, by)
        changed(copies=moved, counts=True)
        return len(moved)


def _merge(place: Location, into: Location, by) -> list[int]:
    copies = list(place.copies.all())
    relocate(copies, into, by)
    moved = [copy.pk for copy in copies]
    for child in list(place.children.all()):
        twin = _sibling(place.collection, into, child.name)
        if twin is not None:
            moved += _merge(child, twin, by)
        else:
            child.parent = into
            child.save()
    place.delete()
    return moved


def delete(place: Location, choice: str, other: Location | None = None, by=None) -> int:
    """Delete a place. What it holds, its copies and the places inside it, goes into its
    parent (``parent``), into ``other`` (``other``), or (``none``) the places inside go too and
    every copy in them is left without a place. Returns how many copies moved."""
    if choice == TO_PARENT:
        if place.parent is None:
            raise PlaceRefused(f"{place.name} is at the top level: it has no place around it.")
        return merge(place, place.parent, by)
    if choice == TO_OTHER:
        if other is None:
            raise PlaceRefused("Choose the place its copies go to.")
        return merge(place, other, by)
    if choice != UNPLACED:
        raise PlaceRefused(f"{choice!r} is no choice: parent, other or none.")
    with writing():
        copies = list(Copy.objects.filter(location__in=inside(place)))
        relocate(copies, None, by)
        place.delete()  # the places inside it go with it
        changed(copies=[copy.pk for copy in copies], counts=True)
        return len(copies)


def relocate(copies: Iterable[Copy], place: Location | None, by=None) -> None:
    """Put copies in ``place`` (none when None), each change on its copy's history."""
    copies = list(copies)
    if not copies:
        return
    user = by if by is not None and by.is_authenticated else None
    label = labels.label(Copy, "location")
    paths = {}
    for pk in {copy.location_id for copy in copies}:
        paths[pk] = Location.objects.get(pk=pk).path if pk is not None else ""
    new = place.path if place is not None else ""
    CopyChange.objects.bulk_create(
        CopyChange(
            copy=copy,
            action=ChangeAction.BATCH,
            by=user,
            changes={label: [paths[copy.location_id], new]},
        )
        for copy in copies
        if paths[copy.location_id] != new
    )
    Copy.everything.filter(pk__in=[copy.pk for copy in copies]).update(
        location=place, version=F("version") + 1, modified_at=timezone.now()
    )


def tree(collection: Collection) -> list[tuple[Location, int, int]]:
    """Every place of the collection as shelves are walked (by path), with its depth and how
    many copies it holds itself."""
    places = list(Location.objects.filter(collection=collection).order_by("path_order"))
    rows = (
        Copy.objects.filter(collection=collection, location__isnull=False)
        .values("location")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["location"]: row["n"] for row in rows}
    depth: dict[int, int] = {}
    found = []
    for place in places:
        depth[place.pk] = depth.get(place.parent_id, -1) + 1 if place.parent_id else 0
        found.append((place, depth[place.pk], counts.get(place.pk, 0)))
    return found
