"""Which of a record's other details go back into DVD Profiler's own elements.

The reader gives the details it keeps in the order of the profile's elements, then those of
cinecat's ``<OtherDetails>``. So the details at the start of a record's list that name an
element the writer can fill (a custom ``CollectionType``, ``CountAs``, the other ``Review``
scores …), in the order of those elements, go back into them and are read back in the same
places; the first that does not (another cataloguer's, or one whose element comes earlier)
and all after it go to ``<OtherDetails>``.
"""

from cinecat.catalog.records import Record

from .dvdprofiler_codes import STATUSES
from .dvdprofiler_edition_write import media_read, media_types

# The details the writer puts back, each with the place of its element in a profile.
PLACED = {
    name: place
    for place, name in enumerate(
        (
            "ID_LocalityDesc",
            "MediaTypes",
            "CollectionType",
            "RatingAge",
            "WishPriority",
            "CountAs",
            "PurchasePlaceWebsite",
            "ReceivedAsGift",
            "Review",
            "MyLinks",
        )
    )
}


def placed_details(record: Record) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """The details that go back into their elements, by name, and the rest, in order."""
    details = record.copy.other_details
    placed: dict[str, str] = {}
    last = -1
    for position, (name, value) in enumerate(details):
        place = PLACED.get(name, -1)
        if place <= last or not _fits(name, value, record):
            return placed, details[position:]
        placed[name], last = value, place
    return placed, ()


def _fits(name: str, value: str, record: Record) -> bool:
    """Whether the element reads ``value`` back as this very detail."""
    if value != value.strip() or not value or "\n" in value and name != "MyLinks":
        return False
    match name:
        case "CollectionType":
            return value.casefold() not in STATUSES and record.copy.status == "owned"
        case "RatingAge":
            return not record.edition.rating and value.isdigit()
        case "CountAs" | "WishPriority":
            return value.isdigit() and value not in ("0", "1")
        case "ReceivedAsGift":
            return value == "Yes"
        case "Review":
            return all(
                key in ("Video", "Audio", "Extras") and score.isdigit()
                for key, _, score in (part.partition(": ") for part in value.split(", "))
            )
        case "MyLinks":
            return all(line and line == line.strip() for line in value.split("\n"))
        case "MediaTypes":
            medium = record.edition.format
            medium = "Blu-ray" if medium == "Blu-ray 3D" else medium
            return media_read(*media_types(medium, value)) == (medium, value)
    return True
