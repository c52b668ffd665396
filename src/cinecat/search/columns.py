"""The columns a user may pick for the table view, and the sort orders of lists."""

from dataclasses import dataclass

from cinecat.catalog.models import Copy


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sort: tuple[str, ...] = ()  # ORM ordering when the list is sorted by this column
    exported_as: str = ""  # its column in a CSV export, when not named as the key

    @property
    def export_name(self) -> str:
        return self.exported_as or self.key

    def value(self, copy: Copy) -> str:
        return str(_VALUES[self.key](copy) or "")


_W = "edition__edition_works__work__"
COLUMNS = [
    Column("index", "Index", ("index",)),
    # Collectors' order (whatever the case and accents), then the sort title as typed.
    Column("title", "Title", (f"{_W}title_order", f"{_W}sort_title", "index")),
    Column("year", "Year", (f"{_W}year", "index")),
    Column("format", "Format", ("edition__format", "index")),
    Column("genres", "Genres"),
    Column("distributor", "Distributor", ("edition__distributor__name", "index")),
    Column("release_date", "Released", ("edition__release_date", "index")),
    Column("barcode", "Barcode", ("edition__barcode", "index")),
    Column("rating", "Rating", ("edition__rating", "index")),
    Column("location", "Location", ("location__name", "index")),
    Column(
        "storage",
        "Storage device",
        ("storage_device__name", "storage_slot", "index"),
        exported_as="storage_device",
    ),
    Column("slot", "Slot", exported_as="storage_slot"),
    Column("owner", "Owner", ("owner", "index")),
    Column("status", "Status", ("status", "index")),
    Column("added", "Added", ("added_at", "index"), exported_as="added_at"),
]
BY_KEY = {column.key: column for column in COLUMNS}
DEFAULT_COLUMNS = ["index", "title", "year", "format", "location", "storage"]

_VALUES = {
    "index": lambda c: c.index,
    "title": lambda c: c.first_work.title if c.first_work else "",
    "year": lambda c: c.year,
    "format": lambda c: c.edition.format,
    "genres": lambda c: (
        ", ".join(g.name for g in c.first_work.genres.all()) if c.first_work else ""
    ),
    "distributor": lambda c: c.edition.distributor,
    "release_date": lambda c: c.edition.release_date,
    "barcode": lambda c: c.edition.barcode_display,
    "rating": lambda c: c.edition.rating_display,
    "location": lambda c: c.location.path if c.location else "",
    "storage": lambda c: c.storage_device,
    "slot": lambda c: c.storage_slot,
    "owner": lambda c: c.owner,
    "status": lambda c: c.get_status_display(),
    "added": lambda c: c.added_at.date(),
}


def ordering(sort: str) -> tuple[str, ...]:
    """'-year' → newest first; unknown sorts fall back to the index."""
    descending = sort.startswith("-")
    column = BY_KEY.get(sort.lstrip("-"))
    fields = column.sort if column and column.sort else ("index",)
    if not descending:
        return fields
    return tuple(f[1:] if f.startswith("-") else f"-{f}" for f in fields)
