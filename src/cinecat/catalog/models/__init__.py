from .collection import Collection
from .copy import Copy, CopyStatus, WishPriority
from .cover import Cover, CoverSide
from .edition import Disc, Edition, EditionWork, Format
from .history import ChangeAction, CopyChange, Viewing
from .lookups import Company, Country, Genre, Language, Location, Person, StorageDevice, Tag
from .work import Credit, CreditRole, Plot, PlotKind, Work

__all__ = [
    "WishPriority",
    "ChangeAction",
    "CopyChange",
    "Collection",
    "Company",
    "Copy",
    "CopyStatus",
    "Cover",
    "CoverSide",
    "Country",
    "Credit",
    "CreditRole",
    "Disc",
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
    "Viewing",
    "Work",
]
