from .cache import CachedResponse
from .fill import FillJob
from .imdb import (
    ImdbAka,
    ImdbCrew,
    ImdbLoad,
    ImdbName,
    ImdbPrincipal,
    ImdbRating,
    ImdbSeason,
    ImdbTitle,
)

__all__ = [
    "CachedResponse",
    "FillJob",
    "ImdbAka",
    "ImdbCrew",
    "ImdbLoad",
    "ImdbName",
    "ImdbPrincipal",
    "ImdbRating",
    "ImdbSeason",
    "ImdbTitle",
]
