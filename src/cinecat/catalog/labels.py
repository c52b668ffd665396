"""How a field of an entry is named and written for a person: the history, the conflict page
and the copy page's further details say it the same way."""

from django.db.models import Model

from cinecat.core import barcodes

from . import details
from .fields import FieldMap
from .models import CopyStatus, WishPriority

SEPARATOR = ", "
_STATUS = dict(CopyStatus.choices)


def label(model: type[Model], name: str) -> str:
    """The model field's name as a label: 'Purchased on', 'IMDb ID'."""
    text = str(model._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def text(name: str, value) -> str:
    """A record field's value as a person reads it."""
    if value is None:
        return ""
    if name == "barcode":
        return barcodes.display(value) if value else ""
    if name == "status":
        return str(_STATUS.get(value, value))
    if name == "wish_priority":
        return WishPriority(value).label if value in WishPriority.values else str(value)
    if name == "other_details":
        return details.as_text(value)
    if name == "location":
        return " › ".join(value)
    if isinstance(value, tuple):
        return SEPARATOR.join(sorted(value)) if name == "tags" else SEPARATOR.join(value)
    return str(value)


def further(fields: FieldMap, row: Model, shown: frozenset[str]) -> list[tuple[str, str]]:
    """The plain fields of ``row`` that a page does not lay out itself, those with a value,
    labelled: a field added to a model shows on the page without the page naming it."""
    found = []
    for name in fields.values + fields.lines:
        if name in shown:
            continue
        value = fields.from_column(name, getattr(row, name))
        if value not in (None, "", (), 0):
            found.append((label(fields.model, name), text(name, value)))
    return found
