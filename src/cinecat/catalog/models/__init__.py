from .collection import Collection
from .copy import Copy, CopyStatus
from .edition import Edition, EditionWork, Format
from .lookups import Company, Country, Genre, Language, Location, Person, StorageDevice, Tag
from .work import Credit, CreditRole, Plot, PlotKind, Work

__all__ = [
    "Collection",
    "Company",
    "Copy",
    "CopyStatus",
    "Country",
    "Credit",
    "CreditRole",
    "Edition",
    "EditionWork",
    "Format",
    "Genre",
    "Language",
    "Location",
    "Person",
    "Plot",
    "PlotKind",
    "StorageDevice",
    "Tag",
    "Work",
]
