from .collection import Collection
from .copy import Copy, CopyStatus, WishPriority
from .cover import Cover, CoverSide
from .edition import Disc, Edition, EditionWork, Format
from .history import ChangeAction, CopyChange, Viewing
from .lookups import (
    Company,
    Country,
    DeviceKind,
    Genre,
    Language,
    Location,
    Person,
    StorageDevice,
    Tag,
)
from .work import Credit, CreditRole, Episode, Plot, PlotKind, Work, WorkKind

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
    "DeviceKind",
    "Disc",
    "Edition",
    "EditionWork",
    "Episode",
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
    "WorkKind",
]
