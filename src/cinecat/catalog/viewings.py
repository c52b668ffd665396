"""Writing a copy's viewings: each time its film was watched, and how many times that makes.

A copy counts its times seen (``Copy.viewings``) apart from its log of viewings, because
imports bring a "seen it" flag or a count without dates. The count is never below the log: a
viewing added raises it by one, one removed lowers it by one, down to what the log still holds.
"""

import datetime as dt
from dataclasses import dataclass

from .changes import changed, writing
from .history import note
from .models import ChangeAction, Copy, Viewing


@dataclass(frozen=True)
class ViewingChange:
    watched_on: dt.date | None = None
    place: str = ""
    company: str = ""
    note: str = ""
    rewatch: bool = False


def add_viewing(copy: Copy, change: ViewingChange, *, by=None) -> Viewing:
    """A viewing on the copy's log, one more time seen."""
    with writing():
        saved = Copy.everything.select_for_update().get(pk=copy.pk)
        viewing = Viewing.objects.create(copy=saved, **vars(change))
        _count(saved, saved.viewings + 1, by, ["", described(viewing)])
        return viewing


def edit_viewing(viewing: Viewing, change: ViewingChange, *, by=None) -> Viewing:
    """Another date, place, company, note or rewatch flag for one viewing."""
    with writing():
        saved = Viewing.objects.select_for_update().get(pk=viewing.pk)
        before = described(saved)
        for name, value in vars(change).items():
            setattr(saved, name, value)
        saved.save()
        after = described(saved)
        if before != after:
            copy = saved.copy
            copy.save()  # a new version: an edit form opened before this sees the change
            note(copy, ChangeAction.EDITED, by, {"Viewing": [before, after]})
            changed(copies=[copy.pk])
        return saved


def remove_viewing(viewing: Viewing, *, by=None) -> Copy:
    """The viewing off the log, one time seen fewer."""
    with writing():
        copy = Copy.everything.select_for_update().get(pk=viewing.copy_id)
        said = described(viewing)
        Viewing.objects.filter(pk=viewing.pk).delete()
        logged = Viewing.objects.filter(copy=copy, episode=None).count()
        _count(copy, max(logged, copy.viewings - 1), by, [said, ""])
        return copy


def _count(copy: Copy, count: int, by, viewing: list[str]) -> None:
    """The copy's new count of times seen, on its history with the viewing [before, after]."""
    before = copy.viewings
    copy.viewings = count
    copy.save()
    changes = {"Viewings": [str(before), str(count)], "Viewing": viewing}
    note(copy, ChangeAction.EDITED, by, changes)
    changed(copies=[copy.pk])


def described(viewing) -> str:
    """'2024-05-01, Cinema, with Bob, rewatch: a note' — what the history shows of a viewing
    (a Viewing or a ViewingRecord)."""
    parts = [viewing.watched_on.isoformat() if viewing.watched_on else "undated"]
    parts += [part for part in (viewing.place, viewing.company and f"with {viewing.company}")]
    parts.append("rewatch" if viewing.rewatch else "")
    said = ", ".join(part for part in parts if part)
    note = " ".join(viewing.note.split())  # one line: the history lists viewings a line each
    return f"{said}: {note}" if note else said
