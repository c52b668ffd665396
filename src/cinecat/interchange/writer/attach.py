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

from django.utils import timezone

from cinecat.catalog.changes import changed, writing
from cinecat.catalog.models import ChangeAction, Collection, Copy, CopyChange, CopyStatus, Viewing
from cinecat.catalog.ratings import stars
from cinecat.catalog.records import Record
from cinecat.catalog.viewings import described
from cinecat.core.bulk import chunks, update_objects
from cinecat.core.folding import fold

from ..export import records_of
from ..formats import cinecat_json
from ..formats.base import Unreadable
from ..models import OnDuplicate
from .run import ImportFailed, ImportReport, ItemResult, apply_records

BATCH_SIZE = 500
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
    found: list[tuple[int, Record, int]] = []
    with writing():
        films = Films(collection)
        for position, item in enumerate(records, 1):
            if isinstance(item, Unreadable):
                report.items.append(
                    ItemResult(position, item.where, item.title, "failed", message=item.message)
                )
                continue
            pk = films.find(item)
            if pk is not None:
                found.append((position, item, pk))
            elif item.copy.status == CopyStatus.WISH_LIST or add_unmatched:
                to_add.append((position, item))
            else:
                report.items.append(
                    ItemResult(position, item.where, _title(item), "skipped", message=NOT_THERE)
                )
        for batch in chunks(found, BATCH_SIZE):
            report.items += _attach_batch(batch)
        report.items += _added(to_add, collection, keep_going)
        report.items.sort(key=lambda item: item.position)
        if on_batch:
            on_batch(report.items)
        if report.failures and not keep_going:
            raise ImportFailed(report)
    return report


def _attach_batch(batch: list[tuple[int, Record, int]]) -> list[ItemResult]:
    """One batch of films found in the collection, attached in a fixed number of queries:
    each copy as it was (to undo the import), its log, its new viewings, its history."""
    pks = sorted({pk for _, _, pk in batch})
    copies = Copy.objects.select_for_update().in_bulk(pks)
    ordered = Copy.everything.filter(pk__in=pks).order_by("pk")
    stored = dict(zip(pks, records_of(ordered), strict=True))
    logs: dict[int, dict[tuple, Viewing]] = {pk: {} for pk in pks}
    for viewing in Viewing.objects.filter(copy__in=pks):
        logs[viewing.copy_id][_key(viewing)] = viewing
    results, added, noted, notes, touched = [], [], [], [], {}
    for position, record, pk in batch:
        copy, title = copies[pk], _title(record)
        if record.copy.status == CopyStatus.WISH_LIST:
            said = f"already in the collection as #{copy.index}: not added to the wish list"
            results.append(ItemResult(position, record.where, title, "skipped", copy, said))
            continue
        changes = _attach(copy, record, logs[pk], added, noted)
        if not changes:
            results.append(ItemResult(position, record.where, title, "same", copy))
            continue
        touched[pk] = copy
        notes.append(CopyChange(copy=copy, action=ChangeAction.IMPORTED, changes=changes))
        before = cinecat_json.as_plain(stored[pk])
        said = f"attached to #{copy.index}"
        results.append(
            ItemResult(position, record.where, title, "updated", copy, said, changes, before)
        )
    Viewing.objects.bulk_create(added)
    update_objects(Viewing, noted, ["note"])
    now = timezone.now()
    for copy in touched.values():  # as Copy.save() stamps an edit
        copy.modified_at, copy.version = now, copy.version + 1
    fields = ["viewings", "my_rating", "modified_at", "version"]
    update_objects(Copy, list(touched.values()), fields)
    CopyChange.objects.bulk_create(notes)
    changed(copies=list(touched))
    return results


def _attach(copy: Copy, record: Record, logged: dict, added: list, noted: list) -> dict:
    """The record's viewings and rating onto the copy (its new viewings go onto ``added``,
    those given a note onto ``noted``); what changed, by label."""
    changes = {}
    new = []
    for viewing in record.copy.viewing_log:
        there = logged.get(_key(viewing))
        if there is None:
            there = logged[_key(viewing)] = Viewing(copy=copy, **vars(viewing))
            new.append(there)
        elif viewing.note and not there.note:
            there.note = viewing.note
            noted.append(there)
            changes["Review"] = ["", viewing.note]
    added += new
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
