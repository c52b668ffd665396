from .browse import collection_detail, home
from .copies import copy_cast, copy_detail
from .people import person_detail
from .places import location_detail, storage_detail

__all__ = [
    "collection_detail",
    "copy_cast",
    "copy_detail",
    "home",
    "location_detail",
    "person_detail",
    "storage_detail",
]
