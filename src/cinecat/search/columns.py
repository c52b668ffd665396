"""The columns a user may pick for the table view, and the sort orders of lists.

Every sortable column sorts both ways (``-year`` is newest first) and puts the copies without a
value last either way. A copy's year is its film's year, else its edition's release year, in
the list, the sort, the decade filter and the year range alike (``shelf_year``).
"""

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, OrderBy, Value, When
from django.db.models.expressions import Expression
from django.db.models.functions import Cast, Coalesce, ExtractYear

from cinecat.catalog import ratings
from cinecat.catalog.models import Copy

W = "edition__edition_works__work__"


def shelf_year() -> Expression:
    """The year a copy is listed under: its (first) film's, else its edition's release year."""
    # EXTRACT is numeric on PostgreSQL: cast it, or 1995 / 10 is 199.5 and a decade rounds up.
    return Coalesce(
        F(f"{W}year"),
        Cast(ExtractYear("edition__release_date"), IntegerField()),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sort: tuple[str, ...] = ()  # fields (or "year") the list is sorted by, in turn
    exported_as: str = ""  # its column in a CSV export, when not named as the key

    @property
    def export_name(self) -> str:
        return self.exported_as or self.key

    def value(self, copy: Copy) -> str:
        return str(_VALUES[self.key](copy) or "")


COLUMNS = [
    Column("index", "Index", ("index",)),
    # Collectors' order (whatever the case and accents), then the sort title as typed.
    Column("title", "Title", (f"{W}title_order", f"{W}sort_title", "index")),
    Column("year", "Year", ("year", "index")),
    Column("format", "Format", ("edition__format", "index")),
    Column("genres", "Genres"),
    Column("distributor", "Distributor", ("edition__distributor__name", "index")),
    Column("release_date", "Released", ("edition__release_date", "index")),
    Column("barcode", "Barcode", ("edition__barcode", "index")),
    Column("rating", "Audience rating", ("edition__rating", "index")),
    Column("location", "Location", ("location__path_order", "index")),
    Column(
        "storage",
        "Storage device",
        ("storage_device__name", "storage_slot", "index"),
        exported_as="storage_device",
    ),
    Column("slot", "Slot", exported_as="storage_slot"),
    Column("owner", "Owner", ("owner", "index")),
    Column("status", "Status", ("status", "index")),
    Column("my_rating", "My rating", ("my_rating", "index")),
    Column("viewings", "Seen", ("viewings", "index")),
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
    "my_rating": lambda c: ratings.stars(c.my_rating),
    "viewings": lambda c: c.viewings or "",
    "added": lambda c: c.added_at.date(),
}
SORTS = {column.key for column in COLUMNS if column.sort}
# The sorts the toolbar offers, by their column.
SORT_LINKS = [("index", "index"), ("title", "title"), ("year", "year"), ("added", "added")]


def ordering(sort: str) -> tuple[OrderBy, ...]:
    """'-year' → newest first; unknown sorts fall back to the index. Empty values come last
    whichever way; the index that breaks ties always runs up."""
    descending = sort.startswith("-")
    column = BY_KEY.get(sort.lstrip("-"))
    fields = column.sort if column and column.sort else ("index",)
    orders = []
    for field in fields:
        if field in _TEXTS:  # "" is no value either: after the others
            orders.append(Case(When(**{field: ""}, then=Value(1)), default=Value(0)).asc())
        orders.append(_order(field, descending and (field != "index" or len(fields) == 1)))
    return tuple(orders)


# Text fields that hold "" when they hold nothing.
_TEXTS = {"owner", "storage_slot", "edition__barcode", "edition__rating", "location__path_order"}


def _order(field: str, descending: bool) -> OrderBy:
    value = shelf_year() if field == "year" else F(field)
    return value.desc(nulls_last=True) if descending else value.asc(nulls_last=True)


def by_film(ordering) -> bool:
    """Whether the order goes by a film's field (then a box set sorts by its first film)."""
    return any("edition_works" in str(order) for order in ordering)


def reversed_sort(current: str, key: str) -> str:
    """The sort a column's heading links to: its own, or its own the other way round."""
    return f"-{key}" if current == key else key
