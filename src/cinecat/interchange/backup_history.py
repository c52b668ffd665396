"""A backup's history: every copy's changes and every import's record, and back.

``history.jsonl`` in the backup holds one JSON object a line, written and read as a stream:
a copy's change (``"kind": "change"``), an import (``"import"``) and each of its entries
(``"item"``). A copy is named by its collection and index (what a restore keeps), a person by
their user name (a restore links the changes to a user of that name, if there is one), an
import by its number in the backup. The uploaded files of imports are no part of it.
"""

import datetime as dt
from collections.abc import Iterator
from typing import IO

import orjson
from django.contrib.auth import get_user_model
from django.db import models

from cinecat.catalog.models import Collection, Copy, CopyChange
from cinecat.core.bulk import chunks, insert_rows

from .models import ImportItem, ImportJob

HISTORY_MEMBER = "history.jsonl"
_BATCH = 2000
# An import's own fields, as kept: all but its key, collection and file.
_JOB_FIELDS = [
    field
    for field in ImportJob._meta.concrete_fields
    if field.name not in ("id", "collection", "upload")
]
_ITEM_FIELDS = ["position", "where", "title", "action", "message", "changes", "before"]


def _line(kind: str, **values) -> bytes:
    return orjson.dumps({"kind": kind, **values}) + b"\n"


def write_history(member: IO[bytes]) -> tuple[int, int]:
    """Write every change and import to ``member``; how many of each."""
    changes = _write_changes(member)
    jobs = 0
    for job in ImportJob.objects.select_related("collection").order_by("pk").iterator():
        jobs += 1
        values = {field.name: _plain(getattr(job, field.name)) for field in _JOB_FIELDS}
        member.write(_line("import", id=job.pk, collection=job.collection.slug, **values))
        items = job.items.order_by("position").values(*_ITEM_FIELDS, "copy__index")
        for item in items.iterator(chunk_size=_BATCH):
            index = item.pop("copy__index")
            member.write(_line("item", job=job.pk, copy=index, **item))
    return changes, jobs


def _write_changes(member: IO[bytes]) -> int:
    rows = CopyChange.objects.order_by("copy__collection__slug", "copy__index", "at", "pk")
    fields = ("copy__collection__slug", "copy__index", "at", "by__username", "action", "changes")
    count = 0
    for slug, index, at, by, action, changes in rows.values_list(*fields).iterator(_BATCH):
        member.write(
            _line(
                "change",
                collection=slug,
                index=index,
                at=at.isoformat(),
                by=by,
                action=action,
                changes=changes,
            )
        )
        count += 1
    return count


def _plain(value):
    return value.isoformat() if isinstance(value, dt.datetime) else value


def restore_history(member: IO[bytes]) -> tuple[int, int]:
    """Bring back the changes and imports of ``history.jsonl``, onto the copies just restored;
    how many of each."""
    copies = {
        (slug, index): pk
        for pk, slug, index in Copy.everything.values_list("pk", "collection__slug", "index")
    }
    collections = dict(Collection.objects.values_list("slug", "pk"))
    users = dict(get_user_model().objects.values_list("username", "pk"))
    changes, items, jobs, restored = [], [], {}, 0
    for entry in _entries(member):
        kind = entry.pop("kind")
        if kind == "change":
            copy = copies.get((entry["collection"], entry["index"]))
            if copy is not None:
                at = dt.datetime.fromisoformat(entry["at"])
                changes.append(
                    (copy, at, users.get(entry["by"]), entry["action"], entry["changes"])
                )
                restored += 1
        elif kind == "import":
            jobs[entry["id"]] = _restore_job(entry, collections)
        elif kind == "item" and jobs.get(entry["job"]):
            job = jobs[entry["job"]]
            copy = copies.get((job.collection.slug, entry.get("copy")))
            items.append((job.pk, copy, *(entry.get(name) for name in _ITEM_FIELDS)))
        if len(changes) >= _BATCH or len(items) >= _BATCH:
            _flush(changes, items)
    _flush(changes, items)
    return restored, sum(1 for job in jobs.values() if job)


def _entries(member: IO[bytes]) -> Iterator[dict]:
    for number, line in enumerate(member, start=1):
        if not line.strip():
            continue
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise HistoryError(f"{HISTORY_MEMBER}, line {number}: {exc}") from None
        if not isinstance(entry, dict) or entry.get("kind") not in ("change", "import", "item"):
            raise HistoryError(f"{HISTORY_MEMBER}, line {number}: not a change or an import")
        yield entry


class HistoryError(ValueError):
    """A history member that cannot be read; the message names the line."""


def _restore_job(entry: dict, collections: dict[str, int]) -> ImportJob | None:
    collection = collections.get(entry.get("collection"))
    if collection is None:
        return None
    values = {
        field.name: _typed(field, entry[field.name]) for field in _JOB_FIELDS if field.name in entry
    }
    job = ImportJob.objects.create(collection_id=collection, **values)
    # created_at is stamped on creation: given back as the backup has it.
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=values.get("created_at") or job.created_at
    )
    return ImportJob.objects.select_related("collection").get(pk=job.pk)


def _typed(field: models.Field, value):
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value


def _flush(changes: list, items: list) -> None:
    for chunk in chunks(changes, _BATCH):
        insert_rows(CopyChange, ["copy", "at", "by", "action", "changes"], chunk)
    for chunk in chunks(items, _BATCH):
        insert_rows(ImportItem, ["job", "copy", *_ITEM_FIELDS], chunk)
    changes.clear()
    items.clear()
