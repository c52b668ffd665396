"""Adding, editing, batch-editing and trashing copies: every change in one transaction, every
change on the copy's history, and no edit silently overwriting another."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from cinecat.core.bulk import delete_where_in
from cinecat.search import revision
from cinecat.search.index import reindex

from .details import as_text as details_text
from .fingerprint import shared_facts
from .models import (
    ChangeAction,
    Collection,
    Company,
    Copy,
    CopyChange,
    Country,
    Credit,
    CreditRole,
    Edition,
    EditionWork,
    Genre,
    Language,
    Location,
    Person,
    Plot,
    StorageDevice,
    Tag,
    Work,
)
from .models.work import folded_title
from .names import index_of, location_under, new_names

TRASH_DAYS = 30


class EditConflict(Exception):
    """Someone saved the copy, or what it shares with other copies, after the form was
    opened; nothing was written."""

    def __init__(self, saved: Copy, *, shared: bool = False) -> None:
        self.saved = saved
        self.shared = shared  # what changed is the edition or the film, through another copy
        super().__init__(f"#{saved.index} was changed by someone else meanwhile")


@dataclass
class Edits:
    """Cleaned form data for one save of the edit page."""

    work: dict
    edition: dict
    copy: dict
    credits: list[dict]  # in order: name, character, job
    plots: list[dict]  # in order: kind, text, author
    film: int = 0  # which of the edition's films the work, credits and plots are for
    contents: list[dict] | None = None  # the edition's films in order: work id, or title + year


# -- looking up or creating pick-list values ------------------------------------------------


def _named(model: type[Model], names: Iterable[str], **scope) -> list[Model]:
    """The rows of these names whatever their case ('drama' is the 'Drama' there); a name not
    there yet is made as typed."""
    names = [name for name in names if name]
    if not names:
        return []
    index = index_of(model, **scope)
    for name in new_names(index, names):
        index.add([(name, model.objects.get_or_create(name=name, **scope)[0].pk)])
    found = model.objects.in_bulk({index[name] for name in names})
    return list(dict.fromkeys(found[index[name]] for name in names))


def location_at(collection: Collection, path: tuple[str, ...]) -> Location | None:
    """The place at ``path`` ('Study', 'Shelf 2'), each level matched whatever its case."""
    parent = None
    for name in path:
        parent = location_under(collection, parent, name)
    return Location.objects.get(pk=parent) if parent is not None else None


def _person(name: str) -> Person:
    return Person.objects.filter(name=name).order_by("pk").first() or Person.objects.create(
        name=name
    )


# -- history ----------------------------------------------------------------------------------


def snapshot(copy: Copy) -> dict[str, str]:
    """The values a person reads, by label: what the history and the conflict page compare."""
    edition = copy.edition
    work = copy.first_work
    cast = work.credits.select_related("person").order_by("role", "order") if work else []
    values = {
        "Title": work.title if work else "",
        "Year": work.year if work else "",
        "Format": edition.format,
        "Barcode": edition.barcode_display,
        "Distributor": edition.distributor or "",
        "Release date": edition.release_date or "",
        "Index": copy.index,
        "Status": copy.get_status_display(),
        "Owner": copy.owner,
        "Location": copy.location.path if copy.location else "",
        "Storage device": copy.storage_device or "",
        "Slot": copy.storage_slot,
        "Purchased on": copy.purchased_on or "",
        "Tags": ", ".join(sorted(copy.tags.values_list("name", flat=True))),
        "Films": "; ".join(work.title for work in films_of(edition)),
        "Notes": copy.notes,
        "Other details": details_text(copy.other_details),
        "Cast": "; ".join(f"{c.person.name} ({c.character or c.job})" for c in cast),
    }
    return {label: str(value if value is not None else "") for label, value in values.items()}


LISTS = {"Cast": "; ", "Tags": ", ", "Films": "; "}


def differences(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    """Old and new value of each label that changed; for lists, only the items that changed."""
    changed = {}
    for label, new in after.items():
        old = before[label]
        if old == new:
            continue
        if label in LISTS:
            old_items, new_items = old.split(LISTS[label]), new.split(LISTS[label])
            old = LISTS[label].join(i for i in old_items if i and i not in new_items)
            new = LISTS[label].join(i for i in new_items if i and i not in old_items)
        changed[label] = [old, new]
    return changed


def record(copy: Copy, action: str, by=None, changes: dict | None = None) -> None:
    user = by if by is not None and by.is_authenticated else None
    CopyChange.objects.create(copy=copy, action=action, by=user, changes=changes or {})


# -- editing one copy -------------------------------------------------------------------------


def save_edits(
    copy: Copy, edits: Edits, *, version: int | None, facts: str | None = None, by=None
) -> Copy:
    """Write the edit page's values; raise EditConflict if the copy changed since ``version``,
    or the edition and film it shares with other copies since their fingerprint ``facts``."""
    with transaction.atomic():
        saved = Copy.everything.select_for_update().get(pk=copy.pk)
        if version is not None and saved.version != version:
            raise EditConflict(saved)
        # Locked in this order (copy, edition, film) by every edit: none waits for another.
        list(Edition.objects.select_for_update().filter(pk=saved.edition_id).values_list("pk"))
        films = films_of(saved.edition)
        work = films[edits.film] if edits.film < len(films) else Work()
        if work.pk is not None:
            list(Work.objects.select_for_update().filter(pk=work.pk).values_list("pk"))
        if facts is not None and facts != shared_facts(saved.edition, work):
            raise EditConflict(saved, shared=True)
        before = snapshot(saved)
        _save_work(work, edits)
        if not films:
            EditionWork.objects.create(edition=saved.edition, work=work)
        _save_edition(saved.edition, edits.edition)
        _save_copy(saved, edits.copy)
        if edits.contents is not None:
            _save_contents(saved.edition, edits.contents)
        saved = Copy.everything.get(pk=saved.pk)
        record(saved, ChangeAction.EDITED, by, differences(before, snapshot(saved)))
        return saved


def films_of(edition: Edition) -> list[Work]:
    """The works on an edition, in box-set order."""
    links = EditionWork.objects.filter(edition=edition).select_related("work").order_by("order")
    return [link.work for link in links]


def _save_contents(edition: Edition, rows: list[dict]) -> None:
    """Put the edition's films in the rows' order: films left out come off the edition (and go
    when no other edition holds them), a new title joins it, as the same work as an existing
    one of that title and year, else as a new work."""
    on_edition = {work.pk: work for work in films_of(edition)}
    wanted: list[Work] = []
    for row in rows:
        if row.get("work") in on_edition:
            work = on_edition[row["work"]]
        elif title := (row.get("title") or "").strip():
            year = row.get("year")
            work = Work.objects.filter(folded_title=folded_title(title), year=year).order_by(
                "pk"
            ).first() or Work.objects.create(title=title, year=year)
        else:
            continue
        if work not in wanted:
            wanted.append(work)
    if not wanted or wanted == list(on_edition.values()):
        return
    # Without signals: they would reindex every copy of each film once per link; the edition's
    # copies, the only ones whose documents change, are reindexed once below.
    delete_where_in(EditionWork, "edition", [edition.pk])
    EditionWork.objects.bulk_create(
        EditionWork(edition=edition, work=work, order=order) for order, work in enumerate(wanted)
    )
    gone = [pk for pk in on_edition if pk not in {work.pk for work in wanted}]
    Work.objects.filter(pk__in=gone, edition_links__isnull=True).delete()
    reindex(Copy.everything.filter(edition=edition).values_list("pk", flat=True))
    revision.bump()  # the facet counts go by film


def _save_work(work: Work, edits: Edits) -> None:
    data = dict(edits.work)
    lists = {name: data.pop(f"{name}_text", []) for name in ("genres", "countries", "languages")}
    data["runtime_minutes"] = data.pop("runtime", None)
    for field, value in data.items():
        setattr(work, field, value)
    work.sort_title = data.get("sort_title") or ""
    work.save()
    work.genres.set(_named(Genre, lists["genres"]))
    work.countries.set(_named(Country, lists["countries"]))
    work.languages.set(_named(Language, lists["languages"]))
    work.credits.all().delete()
    Credit.objects.bulk_create(
        Credit(
            work=work,
            person=_person(c["name"]),
            character=c.get("character", ""),
            job=c.get("job", ""),
            role=CreditRole.CREW if c.get("job") else CreditRole.CAST,
            order=order,
        )
        for order, c in enumerate(edits.credits)
    )
    work.plots.all().delete()
    Plot.objects.bulk_create(
        Plot(work=work, kind=p["kind"], text=p["text"], author=p.get("author", ""), order=order)
        for order, p in enumerate(edits.plots)
    )
    # bulk_create sends no signals: refresh the search index of this work's copies once.
    from cinecat.search.index import reindex_works

    reindex_works([work.pk])


def _save_edition(edition: Edition, data: dict) -> None:
    data = dict(data)
    distributor = data.pop("distributor_text", "")
    regions = data.pop("regions_text", [])
    for field, value in data.items():
        setattr(edition, field, value)
    edition.distributor = _named(Company, [distributor])[0] if distributor else None
    edition.regions = list(regions)
    edition.save()


def _save_copy(copy: Copy, data: dict) -> None:
    data = dict(data)
    path = data.pop("location_text", ())
    storage = data.pop("storage_text", "")
    tags = data.pop("tags_text", [])
    data.pop("version", None)
    for field, value in data.items():
        setattr(copy, field, value)
    if copy.index is None:
        copy.index = copy.collection.next_free_index()
    copy.location = location_at(copy.collection, path)
    copy.storage_device = (
        _named(StorageDevice, [storage], collection=copy.collection)[0] if storage else None
    )
    copy.save()
    copy.tags.set(_named(Tag, tags, collection=copy.collection))


# -- adding -----------------------------------------------------------------------------------


@transaction.atomic
def add_copy(collection: Collection, edition: Edition, *, by=None, **personal) -> Copy:
    """A new copy of an edition the catalog already knows, with the next free index."""
    copy = Copy.objects.create(collection=collection, edition=edition, index=None, **personal)
    record(copy, ChangeAction.ADDED, by)
    return copy


@transaction.atomic
def add_by_hand(collection: Collection, edits: Edits, *, work: Work | None = None, by=None) -> Copy:
    """A new copy of a new edition, of an existing work (the same film on DVD and Blu-ray shares
    one Work) or a new one."""
    edition = Edition(format=edits.edition.get("format", "DVD"))
    _save_edition(edition, edits.edition)
    work = work or Work()
    if not work.pk:
        _save_work(work, edits)
    EditionWork.objects.create(edition=edition, work=work, order=0)
    copy = Copy(collection=collection, edition=edition, index=None)
    _save_copy(copy, edits.copy)
    record(copy, ChangeAction.ADDED, by)
    return copy


# -- many copies at once ----------------------------------------------------------------------


@dataclass
class BatchChange:
    location: tuple[str, ...] = ()
    storage_device: str = ""
    owner: str = ""
    status: str = ""
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()


@transaction.atomic
def batch_edit(collection: Collection, copies: QuerySet[Copy], change: BatchChange, by=None) -> int:
    """Apply one change to many copies: all of them or (on any error) none."""
    chosen = list(copies.filter(collection=collection).select_for_update())
    fields: dict = {}
    if change.location:
        fields["location"] = location_at(collection, change.location)
    if change.storage_device:
        fields["storage_device"] = _named(
            StorageDevice, [change.storage_device], collection=collection
        )[0]
    if change.owner:
        fields["owner"] = change.owner
    if change.status:
        fields["status"] = change.status
    add = _named(Tag, change.add_tags, collection=collection)
    tags = index_of(Tag, collection=collection)
    remove = [tags[name] for name in change.remove_tags if name in tags]
    for copy in chosen:
        before = snapshot(copy)
        for name, value in fields.items():
            setattr(copy, name, value)
        copy.save()
        copy.tags.add(*add)
        copy.tags.remove(*remove)
        record(copy, ChangeAction.BATCH, by, differences(before, snapshot(copy)))
    return len(chosen)


# -- the trash --------------------------------------------------------------------------------


@transaction.atomic
def trash(copies: Iterable[Copy], by=None) -> int:
    """Move copies to the trash: out of every list, kept whole for TRASH_DAYS days."""
    count = 0
    for copy in copies:
        Copy.everything.filter(pk=copy.pk).update(trashed_at=timezone.now())
        record(copy, ChangeAction.TRASHED, by)
        count += 1
    revision.bump()
    return count


@transaction.atomic
def restore(copies: Iterable[Copy], by=None) -> int:
    """Bring copies back from the trash, with everything they had."""
    count = 0
    for copy in copies:
        Copy.everything.filter(pk=copy.pk).update(trashed_at=None)
        record(copy, ChangeAction.RESTORED, by)
        count += 1
    revision.bump()
    return count


def purge_trash(now: dt.datetime | None = None) -> int:
    """Delete for good what has been in the trash longer than TRASH_DAYS days."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=TRASH_DAYS)
    expired = Copy.everything.filter(trashed_at__lt=cutoff)
    count = expired.count()
    for copy in expired:
        copy.delete()
    return count


def in_trash(collection: Collection) -> QuerySet[Copy]:
    return Copy.everything.filter(collection=collection, trashed_at__isnull=False)
