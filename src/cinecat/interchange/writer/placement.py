"""What a backup knows of an entry beyond its record, written with it in one pass.

A backup's entry (``BackupEntry``) says when its copy went to the trash, which of the backup's
editions it is on (numbered: copies that shared an edition share it again, though it has no
barcode to find it by) and, on the first entry of an edition, that edition's covers. The
writer puts a created copy straight into the trash, on the edition of its number, and the
covers on that edition: nothing is written to be moved or deleted afterwards. A copy an import
updates stays where the catalog has it: an import never takes a copy off the shelves.
"""

from django.utils import timezone

from cinecat.catalog.models import Cover
from cinecat.core.bulk import insert_rows

from ..formats.cinecat_json import BackupEntry


class Placements:
    """The editions made for a backup's edition numbers (across the runs of one restore, when
    ``shared`` is given), and the covers already on editions."""

    def __init__(self, shared: dict[int, int] | None = None) -> None:
        self.editions = {} if shared is None else shared  # the backup's number → edition id
        self.trashed = 0  # copies created into the trash
        self.stored_covers = 0

    def edition_of(self, placement: BackupEntry | None) -> int | None:
        """The edition made already for this entry's edition number, if any."""
        if placement is None or placement.edition_key is None:
            return None
        return self.editions.get(placement.edition_key)

    def made(self, placement: BackupEntry | None, edition_id: int) -> None:
        if placement is not None and placement.edition_key is not None:
            self.editions.setdefault(placement.edition_key, edition_id)

    def covers(self, placed: list[tuple[int, BackupEntry]]) -> int:
        """Store the entries' covers on their editions, where the edition has no cover of that
        side yet (two editions of one barcode become one: the first one's cover stays)."""
        wanted = {}
        for edition, placement in placed:
            for cover in placement.covers:
                wanted.setdefault((edition, cover.side), cover)
        if not wanted:
            return 0
        editions = {edition for edition, _ in wanted}
        for taken in Cover.objects.filter(edition__in=editions).values_list("edition", "side"):
            wanted.pop(taken, None)
        # Plain rows: the backup's upload time goes in as it is (the model would stamp now).
        now = timezone.now()
        fields = ["edition", "side", "image", "width", "height", "uploaded_at"]
        rows = [
            (edition, side, c.image, c.width, c.height, c.uploaded_at or now)
            for (edition, side), c in wanted.items()
        ]
        insert_rows(Cover, fields, rows)
        self.stored_covers += len(rows)
        return len(rows)


def trash_note(placement: BackupEntry | None, created: bool, in_trash: bool) -> str:
    """What the report says of an entry whose copy was in the trash in the file."""
    if placement is None or placement.trashed_at is None:
        return ""
    since = f"{placement.trashed_at:%Y-%m-%d}"
    if created:
        return f"into the trash, as in the file (there since {since})"
    if not in_trash:
        return f"in the trash in the file (since {since}): the copy it updated stays in the catalog"
    return ""
