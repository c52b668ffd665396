"""A copy's history: what changed, as a person reads it, from the entry's records.

The history and the conflict page compare the same thing: an entry's record flattened into
labelled texts ("Owner" → "Kerry & Dawn"). Labels are the model fields' names; every field a
record has is compared, so a new field is on the history as soon as it is on the record.
"""

from . import labels
from .fields import FieldMap, copy_fields, edition_fields, work_fields
from .models import ChangeAction, Copy, CopyChange
from .reading import records_of
from .records import CreditRecord, EpisodeRecord, Record

# Labels whose values are lists: their changes name only the items added or taken away.
# A viewing is said on one line ("2024-05-01, Cinema: a note"): one a line, added or removed.
LISTS = {"Cast": "; ", "Films": "; ", "Episodes": "; ", "Viewing": "\n"}


def record_of(copy: Copy) -> Record:
    """The copy as one record, with its edition and every work on it."""
    return next(records_of(Copy.everything.filter(pk=copy.pk)))


def snapshot(record: Record, film: int = 0) -> dict[str, str]:
    """The values a person reads, by label: the copy, its edition, the film ``film`` of it."""
    work = record.works[film] if film < len(record.works) else None
    values: dict[str, str] = {}
    if work is not None:
        values |= _flat(work_fields(), work)
        values["Cast"] = "; ".join(_credit(credit) for credit in work.credits)
        values["Episodes"] = "; ".join(_episode(episode) for episode in work.episodes)
    values |= _flat(edition_fields(), record.edition)
    values |= _flat(copy_fields(), record.copy, leave_out=("added_at", "modified_at"))
    values["Films"] = "; ".join(work.title for work in record.works)
    return values


def _flat(fields: FieldMap, record, leave_out: tuple[str, ...] = ()) -> dict[str, str]:
    return {
        labels.label(fields.model, name): labels.text(name, getattr(record, name))
        for name in fields.order
        if name not in leave_out
    }


def _episode(episode: EpisodeRecord) -> str:
    number = ".".join(str(n) for n in (episode.season, episode.number) if n is not None)
    return f"{number} {episode.title}".strip()


def _credit(credit: CreditRecord) -> str:
    return f"{credit.name} ({credit.character or credit.job})"


def differences(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    """Old and new value of each label that changed; for lists, only the items that changed."""
    changed = {}
    for label, new in after.items():
        old = before.get(label, "")
        if old == new:
            continue
        separator = LISTS.get(label, labels.SEPARATOR if label in _SETS else None)
        if separator is not None:
            old_items, new_items = old.split(separator), new.split(separator)
            old = separator.join(i for i in old_items if i and i not in new_items)
            new = separator.join(i for i in new_items if i and i not in old_items)
        changed[label] = [old, new]
    return changed


_SETS = {
    labels.label(fields.model, name)
    for fields in (work_fields(), edition_fields(), copy_fields())
    for name in fields.name_sets
}


# What one item of a list label is called: "added tag Satire".
ITEM = {
    "Tags": "tag",
    "Cast": "cast member",
    "Films": "film",
    "Genres": "genre",
    "Episodes": "episode",
    "Viewing": "viewing",
}


# Changes that are events rather than values, said as such: "saw 10.07 Ambush".
EVENTS = {"Episode seen": "saw {new}"}


def in_words(changes: dict[str, list[str]]) -> list[str]:
    """Each change said as a person says it: a list's items added and removed, a value's
    before and after, an event as what happened."""
    said = []
    for label, (old, new) in changes.items():
        if label in EVENTS:
            said.append(EVENTS[label].format(old=old, new=new))
            continue
        separator = LISTS.get(label, labels.SEPARATOR if label in _SETS else None)
        if separator is None:
            said.append(f"{label} “{old}” → “{new}”")
            continue
        item = ITEM.get(label, label.lower())
        said += [f"added {item} {value}" for value in new.split(separator) if value]
        said += [f"removed {item} {value}" for value in old.split(separator) if value]
    return said


def note(copy: Copy, action: str, by=None, changes: dict | None = None) -> None:
    """Put a change on the copy's history, by whom it was made when a person is signed in."""
    user = by if by is not None and by.is_authenticated else None
    CopyChange.objects.create(copy=copy, action=action, by=user, changes=changes or {})


__all__ = ["ChangeAction", "differences", "note", "record_of", "snapshot"]
