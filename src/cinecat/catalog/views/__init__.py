from .add import copy_add, copy_add_copy, copy_add_manual, suggest, work_suggestions
from .copies import copy_cast, copy_detail, home
from .covers import cover_image
from .devices import device_delete, device_edit, device_list, storage_detail
from .edit import copy_edit, copy_seen, copy_trash
from .episodes import episode_seen
from .labels import (
    copy_label,
    device_copy_labels,
    device_labels,
    location_copy_labels,
    location_labels,
)
from .people import person_detail
from .places import location_change, location_detail, location_list
from .trash import back_to, trash_list, trash_restore
from .viewings import viewing_add, viewing_edit, viewing_remove

__all__ = [
    "back_to",
    "copy_add",
    "copy_add_copy",
    "copy_add_manual",
    "copy_cast",
    "copy_detail",
    "copy_label",
    "copy_edit",
    "copy_seen",
    "copy_trash",
    "cover_image",
    "device_copy_labels",
    "device_delete",
    "device_edit",
    "device_labels",
    "device_list",
    "episode_seen",
    "home",
    "location_change",
    "location_copy_labels",
    "location_detail",
    "location_labels",
    "location_list",
    "person_detail",
    "storage_detail",
    "suggest",
    "trash_list",
    "trash_restore",
    "viewing_add",
    "viewing_edit",
    "viewing_remove",
    "work_suggestions",
]
