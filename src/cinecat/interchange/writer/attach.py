"""Films a source names, attached to the collection's copies of them (Letterboxd's diary).

A film is found by its title whatever its case and accents and its year, else by its original
title and year, among the copies outside the trash (one in the collection first, then the
lowest index). Its viewings go onto that copy's log: one of the same day, a rewatch or not as
it is, already there is not added again (its note is filled in when it had none). Its rating
becomes my rating; its count of times seen is raised to what the source says. A film not in
the collection is listed, and added as watched, not owned, only when asked (``add_unmatched``);
a watchlist's film becomes a wish-list entry unless the collection has it already.
"""

from collections.abc import Callable, Iterable
from dataclasses import replace

from cinecat.catalog import history
from cinecat.catalog.changes import changed, writing
from cinecat.catalog.models import ChangeAction, Collection, Copy, CopyStatus, Viewing
from cinecat.catalog.ratings import stars
from cinecat.catalog.records import Record
from cinecat.catalog.viewings import described
from cinecat.core.folding import fold

from ..formats import cinecat_json
from ..formats.base import Unreadable
from ..models import OnDuplicate
from .run import ImportFailed, ImportReport, ItemResult, apply_records

NOT_THERE = (
    "not in the collection: skipped (import again with “add the films I do not own” "
    "to keep it as watched, not owned)"
)


class Films:
    """The collection's copies by folded title and year, and by folded original title and year."""

    def __init__(self, collection: Collection) -> None:
        self.by_title: dict[tuple, list[tuple]] = {}
        self.by_original: dict[tuple, list[tuple]] = {}
        rows = Copy.objects.filter(collection=collection).values_list(
            "pk",
            "index",
            "status",
            "edition__edition_works__work__title",
            "edition__edition_works__work__original_title",
            "edition__edition_works__work__year",
        )
        for pk, index, status, title, original, year in rows:
            rank = (status != CopyStatus.OWNED, index, pk)
            if title:
                self.by_title.setdefault((fold(title), year), []).append(rank)
            if original:
                self.by_original.setdefault((fold(original), year), []).append(rank)

    def find(self, record: Record) -> int | None:
        work = record.works[0]
        key = (fold(work.title), work.year)
        found = self.by_title.get(key) or self.by_original.get(key)
        return min(found)[2] if found else None


def attach_records(
    records: Iterable[Record | Unreadable],
    collection: Collection,
    *,
    keep_going: bool = False,
    add_unmatched: bool = False,
    on_batch: Callable[[list[ItemResult]], None] | None = None,
) -> ImportReport:
    """Attach each film's viewings and rating to its copy, in one transaction; unless
    ``keep_going``, an entry that fails rolls it all back (ImportFailed)."""
    report = ImportReport()
    to_add: list[tuple[int, Record]] = []
    with writing():
        films = Films(collection)
        for position, item in enumerate(records, 1):
            if isinstance(item, Unreadable):
                result = ItemResult(
                    position, item.where, item.title, "failed", message=item.message
                )
            else:
                result = _one(position, item, films, add_unmatched, to_add)
            if result is not None:
                report.items.append(result)
        report.items += _added(to_add, collection, keep_going)
        report.items.sort(key=lambda item: item.position)
        if on_batch:
            on_batch(report.items)
        if report.failures and not keep_going:
            raise ImportFailed(report)
    return report


def _one(
    position: int, record: Record, films: Films, add_unmatched: bool, to_add: list
) -> ItemResult | None:
    title = _title(record)
    wished = record.copy.status == CopyStatus.WISH_LIST
    pk = films.find(record)
    if pk is None:
        if wished or add_unmatched:
            to_add.append((position, record))
            return None
        return ItemResult(position, record.where, title, "skipped", message=NOT_THERE)
    copy = Copy.objects.select_for_update().get(pk=pk)
    if wished:
        said = f"already in the collection as #{copy.index}: not added to the wish list"
        return ItemResult(position, record.where, title, "skipped", copy, said)
    before = cinecat_json.as_plain(history.record_of(copy))
    changes = _attach(copy, record)
    if not changes:
        return ItemResult(position, record.where, title, "same", copy)
    history.note(copy, ChangeAction.IMPORTED, None, changes)
    changed(copies=[copy.pk])
    said = f"attached to #{copy.index}"
    return ItemResult(position, record.where, title, "updated", copy, said, changes, before)


def _attach(copy: Copy, record: Record) -> dict[str, list[str]]:
    """The record's viewings and rating onto the copy; what changed, by label."""
    changes = {}
    logged = {_key(viewing): viewing for viewing in copy.viewing_log.all()}
    new = []
    for viewing in record.copy.viewing_log:
        there = logged.get(_key(viewing))
        if there is None:
            new.append(Viewing(copy=copy, **vars(viewing)))
        elif viewing.note and not there.note:
            there.note = viewing.note
            there.save(update_fields=["note"])
            changes["Review"] = ["", viewing.note]
    Viewing.objects.bulk_create(new)
    if new:
        changes["Viewing"] = ["", "\n".join(map(described, new))]
    count = max(copy.viewings + len(new), record.copy.viewings)
    if count != copy.viewings:
        changes["Viewings"] = [str(copy.viewings), str(count)]
        copy.viewings = count
    rating = record.copy.my_rating
    if rating is not None and rating != copy.my_rating:
        changes["My rating"] = [stars(copy.my_rating), stars(rating)]
        copy.my_rating = rating
    if changes:
        copy.save()
    return changes


def _key(viewing) -> tuple:
    """What makes a viewing the same one again: its day and whether it was a rewatch; one
    without a date, its note too."""
    return (viewing.watched_on, viewing.rewatch, "" if viewing.watched_on else viewing.note)


def _added(to_add: list[tuple[int, Record]], collection: Collection, keep_going: bool) -> list:
    """The films not in the collection that are to be: as new copies, numbered as they came."""
    if not to_add:
        return []
    records = [record for _, record in to_add]
    report = apply_records(
        records,
        collection,
        source_key="letterboxd",
        on_duplicate=OnDuplicate.ADD,
        keep_going=keep_going,
    )
    said = {
        CopyStatus.WISH_LIST: "added to the wish list",
        CopyStatus.WATCHED: "added as watched, not owned",
    }
    return [
        replace(
            item,
            position=position,
            title=_title(record),
            message=item.message or said.get(record.copy.status, ""),
        )
        for (position, record), item in zip(to_add, report.items, strict=True)
    ]


def _title(record: Record) -> str:
    work = record.works[0]
    return f"{work.title} ({work.year})" if work.year else work.title
