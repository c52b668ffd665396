from .cache import CachedResponse
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
    "ImdbAka",
    "ImdbCrew",
    "ImdbLoad",
    "ImdbName",
    "ImdbPrincipal",
    "ImdbRating",
    "ImdbSeason",
    "ImdbTitle",
]
