"""Taking an import back as a whole: the copies it made go, the copies it updated get back
what they had, while nothing it touched was changed since.

Every update an import made keeps what it replaced (``ImportItem.before``, the copy's entry as
a record), and every change since (an edit, a batch edit, the trash, a later import) is on the
copy's history: an import whose copies have history after it cannot be undone, for that would
lose those changes. Undoing is one transaction.
"""

from dataclasses import dataclass

from django.utils import timezone

from cinecat.catalog import history, saving
from cinecat.catalog.changes import changed, writing
from cinecat.catalog.models import ChangeAction, Copy, CopyChange, Edition, EditionWork, Work
from cinecat.catalog.records import Record
from cinecat.lending.models import Borrower, Loan

from .formats import cinecat_json
from .models import ImportItem, ImportJob


class UndoRefused(Exception):
    """This import cannot be undone; the message says why."""


@dataclass
class Undone:
    removed: int = 0  # copies the import had made
    restored: int = 0  # copies given back what the import replaced


def undo_import(job: ImportJob, by=None) -> Undone:
    """Take ``job`` back; raise UndoRefused when it cannot be, naming why."""
    if job.status != ImportJob.Status.DONE:
        raise UndoRefused(f"the import is {job.get_status_display().lower()}: only a done one")
    with writing():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        items = list(job.items.filter(action__in=["created", "updated"], copy__isnull=False))
        _refuse_if_changed_since(job, items)
        done = Undone()
        for item in items:
            if item.action == "updated" and item.before is not None:
                _give_back(item.copy, cinecat_json.from_plain(item.before), by)
                done.restored += 1
        created = [item.copy_id for item in items if item.action == "created"]
        done.removed = _remove(created)
        job.status, job.undone_at = ImportJob.Status.UNDONE, timezone.now()
        job.save(update_fields=["status", "undone_at"])
        return done


def _refuse_if_changed_since(job: ImportJob, items: list[ImportItem]) -> None:
    copies = [item.copy_id for item in items]
    later = CopyChange.objects.filter(copy__in=copies, at__gt=job.finished_at)
    first = later.select_related("copy").order_by("at").first()
    if first is not None:
        raise UndoRefused(
            f"copy #{first.copy.index} was changed after the import "
            f"({first.get_action_display().lower()} on {first.at:%Y-%m-%d %H:%M}): undoing "
            "the import would lose that change"
        )


def _give_back(copy: Copy, before: Record, by) -> None:
    """Write the copy's entry back as it was: every field, the empty ones too."""
    names = saving.Names(copy.collection)
    now = history.snapshot(history.record_of(copy))
    works = [link.work for link in copy.edition.edition_works.select_related("work")]
    for work, record in zip(works, before.works, strict=False):
        saving.save_work(work, record, names)
    EditionWork.objects.filter(edition=copy.edition, order__gte=len(before.works)).delete()
    saving.save_edition(copy.edition, before.edition, names)
    saving.save_copy(copy, before.copy, names, check_slots=False)
    Copy.everything.filter(pk=copy.pk).update(modified_at=before.copy.modified_at)
    Loan.objects.filter(copy=copy).delete()
    for loan in before.copy.loans:
        borrower, _ = Borrower.objects.get_or_create(collection=copy.collection, name=loan.borrower)
        Loan.objects.create(
            copy=copy,
            borrower=borrower,
            lent_on=loan.lent_on,
            due_on=loan.due_on,
            returned_on=loan.returned_on,
            notes=loan.notes,
        )
    then = history.snapshot(history.record_of(copy))
    history.note(copy, ChangeAction.UNDONE, by, history.differences(now, then))
    changed(copies=[copy.pk], editions=[copy.edition_id], works=[work.pk for work in works])


def _remove(copy_ids: list[int]) -> int:
    """Delete the copies, then the editions and works that only they held."""
    copies = Copy.everything.filter(pk__in=copy_ids)
    editions = set(copies.values_list("edition", flat=True))
    copies.delete()
    spare = Edition.objects.filter(pk__in=editions, copies__isnull=True)
    works = set(Work.objects.filter(edition_links__edition__in=spare).values_list("pk", flat=True))
    spare.delete()
    Work.objects.filter(pk__in=works, edition_links__isnull=True).delete()
    changed(counts=True)
    return len(copy_ids)
