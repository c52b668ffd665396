"""Copies that shared an edition in a backup share it again once restored.

The record writer finds an existing edition by barcode only: two copies of one edition without
a barcode (a second copy of a box set, a disc typed in by hand) would come back on two
editions, and the second without the first's covers. A backup numbers each entry's edition
(``Entry.edition_key``); a restore moves every copy onto the edition made for the first entry
of its number, and removes the editions (and the works only they held) left without copies.
"""

from cinecat.catalog.changes import changed
from cinecat.catalog.models import Copy, Edition, Work
from cinecat.core.bulk import update_objects


class SharedEditions:
    """The backup's edition numbers and the editions a restore has made for them."""

    def __init__(self) -> None:
        self.kept: dict[int, int] = {}  # the backup's number → the restored edition
        self.spare: set[int] = set()  # editions made twice over, their copies moved
        self.moved: list[Copy] = []  # copies to move onto their number's edition

    def place(self, key: int | None, copy_id: int, edition_id: int) -> None:
        """Put a restored copy on the edition of its number (the first one made for it)."""
        if key is None:
            return
        kept = self.kept.setdefault(key, edition_id)
        if kept != edition_id:
            self.spare.add(edition_id)
            self.moved.append(Copy(pk=copy_id, edition_id=kept))

    def finish(self) -> None:
        """Move the copies, then remove the spare editions no copy is on, with the works no
        other edition holds."""
        if not self.spare:
            return
        update_objects(Copy, self.moved, ["edition"])
        empty = set(self.spare) - set(
            Copy.everything.filter(edition__in=self.spare).values_list("edition", flat=True)
        )
        works = set(
            Work.objects.filter(edition_links__edition__in=empty).values_list("pk", flat=True)
        )
        Edition.objects.filter(pk__in=empty).delete()
        Work.objects.filter(pk__in=works, edition_links__isnull=True).delete()
        changed(copies=[copy.pk for copy in self.moved])
