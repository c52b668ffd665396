"""Writing to the catalog: adding, editing, batch-editing and trashing copies, and their covers.

Every service is one transaction that names what it changed to the change hook (derived data
is brought up to date once, as it commits), puts each change on the copy's history, and never
lets an edit silently overwrite another. Views, the API and commands call these and nothing
else to write.
"""

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from . import covers, fits, history, slots
from .changes import changed, writing
from .episodes import episodes_of
from .fingerprint import shared_facts
from .models import (
    ChangeAction,
    Collection,
    Copy,
    Edition,
    EditionWork,
    Episode,
    StorageDevice,
    Tag,
    Viewing,
    Work,
)
from .models.work import folded_title
from .names import index_of
from .records import CopyRecord, EditionRecord, Record, WorkRecord
from .saving import Names, location_at, save_copy, save_edition, save_work

TRASH_DAYS = 30


class EditConflict(Exception):
    """Someone saved the copy, or what it shares with other copies, after the form was
    opened; nothing was written."""

    def __init__(self, saved: Copy, *, shared: bool = False) -> None:
        self.saved = saved
        self.shared = shared  # what changed is the edition or the film, through another copy
        super().__init__(f"#{saved.index} was changed by someone else meanwhile")


@dataclass(frozen=True)
class Film:
    """A film of an edition as the edit page lists them: one on it (by id) or one to add."""

    work_id: int | None = None
    title: str = ""
    year: int | None = None


@dataclass(frozen=True)
class EntryEdit:
    """One save of the edit page: the records of the entry as its forms give them (a field the
    page does not show keeps its stored value), the film of the edition they are for, the
    edition's films in order (when the page lists them) and covers to store."""

    work: WorkRecord
    edition: EditionRecord
    copy: CopyRecord
    film: int = 0
    contents: tuple[Film, ...] | None = None
    covers: tuple[tuple[str, object], ...] = ()  # (side, upload)

    def as_record(self, stored: Record) -> Record:
        """The entry as this edit would leave it: ``stored`` with the edited parts."""
        works = list(stored.works)
        if self.film < len(works):
            works[self.film] = self.work
        else:
            works.append(self.work)
        return dataclasses.replace(stored, works=tuple(works), edition=self.edition, copy=self.copy)


# -- editing one copy -------------------------------------------------------------------------


def save_edits(
    copy: Copy,
    edit: EntryEdit,
    *,
    version: int | None,
    facts: str | None = None,
    by=None,
    action: str = ChangeAction.EDITED,
) -> Copy:
    """Write the edit page's values; raise EditConflict if the copy changed since ``version``,
    or the edition and film it shares with other copies since their fingerprint ``facts``.
    The history says it was ``action`` (an edit, an update from a provider)."""
    with writing():
        saved = Copy.everything.select_for_update().get(pk=copy.pk)
        if version is not None and saved.version != version:
            raise EditConflict(saved)
        # Locked in this order (copy, edition, film) by every edit: none waits for another.
        list(Edition.objects.select_for_update().filter(pk=saved.edition_id).values_list("pk"))
        films = films_of(saved.edition)
        work = films[edit.film] if edit.film < len(films) else Work()
        if work.pk is not None:
            list(Work.objects.select_for_update().filter(pk=work.pk).values_list("pk"))
        if facts is not None and facts != shared_facts(saved.edition, work):
            raise EditConflict(saved, shared=True)
        stored = history.record_of(saved)
        before = history.snapshot(stored, edit.film)
        names = Names(saved.collection)
        save_work(work, edit.work, names, _film_of(stored, edit.film) if films else None)
        if not films:
            EditionWork.objects.create(edition=saved.edition, work=work)
        save_edition(saved.edition, edit.edition, names, stored.edition)
        save_copy(saved, edit.copy, names)
        if edit.contents is not None:
            _save_contents(saved.edition, edit.contents)
        _save_covers(saved.edition, edit.covers)
        after = history.snapshot(history.record_of(saved), _place(saved.edition, work))
        history.note(saved, action, by, history.differences(before, after))
        changed(copies=[saved.pk], editions=[saved.edition_id], works=[work.pk])
        return Copy.everything.get(pk=saved.pk)


def _film_of(record: Record, film: int) -> WorkRecord | None:
    return record.works[film] if film < len(record.works) else None


def films_of(edition: Edition) -> list[Work]:
    """The works on an edition, in box-set order."""
    links = EditionWork.objects.filter(edition=edition).select_related("work").order_by("order")
    return [link.work for link in links]


def _place(edition: Edition, work: Work) -> int:
    """Where ``work`` stands on the edition now (its films may have been reordered)."""
    films = [film.pk for film in films_of(edition)]
    return films.index(work.pk) if work.pk in films else 0


def _save_contents(edition: Edition, rows: Iterable[Film]) -> None:
    """Put the edition's films in the rows' order: films left out come off the edition (and go
    when no other edition holds them), a new title joins it, as the same work as an existing
    one of that title and year, else as a new work."""
    on_edition = {work.pk: work for work in films_of(edition)}
    wanted: list[Work] = []
    for row in rows:
        if row.work_id in on_edition:
            work = on_edition[row.work_id]
        elif title := row.title.strip():
            work = Work.objects.filter(folded_title=folded_title(title), year=row.year).order_by(
                "pk"
            ).first() or Work.objects.create(title=title, year=row.year)
        else:
            continue
        if work not in wanted:
            wanted.append(work)
    if not wanted or wanted == list(on_edition.values()):
        return
    EditionWork.objects.filter(edition=edition).delete()
    EditionWork.objects.bulk_create(
        EditionWork(edition=edition, work=work, order=order) for order, work in enumerate(wanted)
    )
    gone = [pk for pk in on_edition if pk not in {work.pk for work in wanted}]
    Work.objects.filter(pk__in=gone, edition_links__isnull=True).delete()
    changed(editions=[edition.pk], works=[work.pk for work in wanted])


def _save_covers(edition: Edition, uploads: Iterable[tuple[str, object]]) -> None:
    for side, upload in uploads:
        covers.save_cover(edition, side, upload)


# -- adding -----------------------------------------------------------------------------------


def add_copy(
    collection: Collection, edition: Edition, mine: CopyRecord | None = None, *, by=None
) -> Copy:
    """A new copy of an edition the catalog already knows, with its personal fields (``mine``)
    and the next free index unless they give one."""
    with writing():
        copy = Copy(collection=collection, edition=edition, index=None)
        save_copy(copy, mine or CopyRecord(), Names(collection))
        history.note(copy, ChangeAction.ADDED, by)
        changed(copies=[copy.pk])
        return copy


def add_by_hand(
    collection: Collection, edit: EntryEdit, *, work: Work | None = None, by=None
) -> Copy:
    """A new copy of a new edition, of an existing work (the same film on DVD and Blu-ray shares
    one Work) or a new one."""
    with writing():
        names = Names(collection)
        edition = Edition()
        save_edition(edition, edit.edition, names)
        work = work or Work()
        if not work.pk:
            save_work(work, edit.work, names)
        EditionWork.objects.create(edition=edition, work=work, order=0)
        copy = Copy(collection=collection, edition=edition, index=None)
        save_copy(copy, edit.copy, names)
        _save_covers(edition, edit.covers)
        history.note(copy, ChangeAction.ADDED, by)
        changed(copies=[copy.pk])
        return copy


class EntryRefused(ValueError):
    """An entry that cannot be stored; the message says which value and why."""


def add_entry(collection: Collection, record: Record, *, by=None) -> Copy:
    """A new copy of a whole entry (a provider's): on the edition its barcode names when the
    catalog knows it (its facts kept), else on a new edition of new works."""
    found = fits.checked(record)
    if found.problem:
        raise EntryRefused(found.problem)
    record = found.record
    with writing():
        names = Names(collection)
        edition = Edition.objects.filter(barcode=found.barcode).order_by("pk").first()
        if not found.barcode or edition is None:
            edition = Edition()
            edition_record = dataclasses.replace(record.edition, barcode=found.barcode)
            save_edition(edition, edition_record, names)
            for order, work_record in enumerate(record.works):
                work = Work()
                save_work(work, work_record, names)
                EditionWork.objects.create(edition=edition, work=work, order=order)
        copy = Copy(collection=collection, edition=edition, index=None)
        save_copy(copy, record.copy, names)
        history.note(copy, ChangeAction.ADDED, by)
        changed(copies=[copy.pk])
        return copy


def seen_today(copy: Copy, *, place: str = "", by=None) -> Copy:
    """The film on the copy was watched today: a viewing on its log, one more time seen."""
    with writing():
        saved = Copy.everything.select_for_update().get(pk=copy.pk)
        Viewing.objects.create(copy=saved, watched_on=timezone.localdate(), place=place)
        before = saved.viewings
        saved.viewings = before + 1
        saved.save()
        history.note(saved, ChangeAction.EDITED, by, {"Viewings": [str(before), str(before + 1)]})
        changed(copies=[saved.pk])
        return saved


def seen_episode(copy: Copy, place: int, *, by=None) -> Episode:
    """An episode of the copy was watched today: a viewing of it on the copy's log (the times
    the copy was seen stay as they are: they count the whole of it)."""
    episodes = episodes_of([copy.edition_id]).get(copy.edition_id, [])
    if not 1 <= place <= len(episodes):
        raise NoSuchEpisode(f"#{copy.index} has no episode {place}: it lists {len(episodes)}")
    episode = episodes[place - 1]
    with writing():
        saved = Copy.everything.select_for_update().get(pk=copy.pk)
        Viewing.objects.create(copy=saved, watched_on=timezone.localdate(), episode=place)
        saved.save()  # a new version: an edit page open meanwhile must not undo the viewing
        history.note(saved, ChangeAction.EDITED, by, {"Episode seen": ["", str(episode)]})
        changed(copies=[saved.pk])
    return episode


class NoSuchEpisode(Exception):
    """A place that names none of a copy's episodes."""


# -- many copies at once ----------------------------------------------------------------------


@dataclass
class BatchChange:
    location: tuple[str, ...] = ()
    storage_device: str = ""
    owner: str = ""
    status: str = ""
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    first_slot: int | None = None  # the storage device's slots from this one on


def batch_edit(collection: Collection, copies: QuerySet[Copy], change: BatchChange, by=None) -> int:
    """Apply one change to many copies: all of them or (on any error) none. Copies put in a
    storage device take its free slots (from ``first_slot`` on, when given): a slot held by
    another copy, or more copies than the device holds, refuses the whole change
    (slots.PlaceRefused)."""
    with writing():
        chosen = list(copies.filter(collection=collection).select_for_update())
        names = Names(collection)
        fields: dict = {}
        if change.location:
            fields["location"] = location_at(collection, change.location)
        device = None
        if change.storage_device:
            device = names.rows(StorageDevice, [change.storage_device])[0]
            chosen.sort(key=lambda copy: copy.index)
            slotted = slots.plan(device, chosen, change.first_slot)
        if change.owner:
            fields["owner"] = change.owner
        if change.status:
            fields["status"] = change.status
        add = names.rows(Tag, change.add_tags)
        tags = index_of(Tag, collection=collection)
        remove = [tags[name] for name in change.remove_tags if name in tags]
        for copy in chosen:
            before = history.snapshot(history.record_of(copy))
            for name, value in fields.items():
                setattr(copy, name, value)
            if device is not None:
                copy.storage_device, copy.storage_slot = device, slotted[copy.pk]
            copy.save()
            copy.tags.add(*add)
            copy.tags.remove(*remove)
            after = history.snapshot(history.record_of(copy))
            history.note(copy, ChangeAction.BATCH, by, history.differences(before, after))
        changed(copies=[copy.pk for copy in chosen])
        return len(chosen)


# -- the trash --------------------------------------------------------------------------------


def trash(copies: Iterable[Copy], by=None) -> int:
    """Move copies to the trash: out of every list, kept whole for TRASH_DAYS days."""
    return _move(copies, timezone.now(), ChangeAction.TRASHED, by)


def restore(copies: Iterable[Copy], by=None) -> int:
    """Bring copies back from the trash, with everything they had."""
    return _move(copies, None, ChangeAction.RESTORED, by)


def _move(copies: Iterable[Copy], trashed_at: dt.datetime | None, action: str, by) -> int:
    with writing():
        count = 0
        for copy in copies:
            Copy.everything.filter(pk=copy.pk).update(trashed_at=trashed_at)
            history.note(copy, action, by)
            count += 1
        # A copy in the trash keeps its search document, ready for a restore: only counts move.
        changed(counts=True)
        return count


def purge_trash(now: dt.datetime | None = None) -> int:
    """Delete for good what has been in the trash longer than TRASH_DAYS days."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=TRASH_DAYS)
    with writing():
        expired = list(Copy.everything.filter(trashed_at__lt=cutoff))
        for copy in expired:
            copy.delete()
        changed(counts=bool(expired))
        return len(expired)


def in_trash(collection: Collection) -> QuerySet[Copy]:
    return Copy.everything.filter(collection=collection, trashed_at__isnull=False)


# -- collections ------------------------------------------------------------------------------


def get_or_create_default_collection() -> Collection:
    """The first collection, created as 'My collection' on a new installation."""
    with writing():
        collection = Collection.objects.order_by("id").first()
        if collection is None:
            collection = Collection.objects.create(name="My collection", slug="mine")
        return collection
