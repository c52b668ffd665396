""" "What shall we watch tonight?": a film of the list not seen yet, picked at random."""

import random
from dataclasses import dataclass

from django.db.models import QuerySet

from cinecat.catalog.models import Copy
from cinecat.catalog.selectors import copy_rows


@dataclass(frozen=True)
class Pick:
    copy: Copy | None  # None: every copy of the list was seen
    unseen: int  # how many copies of the list were not seen yet


def pick_unseen(
    copies: QuerySet[Copy], *, besides: int | None = None, rng: random.Random | None = None
) -> Pick:
    """One copy of ``copies`` whose film was not seen yet, any one as likely as another;
    not ``besides`` (the one picked before, when "another" is asked) while there are others."""
    unseen = copies.filter(viewings=0)
    count = unseen.count()
    candidates = unseen.exclude(pk=besides) if besides is not None and count > 1 else unseen
    left = count if candidates is unseen else candidates.count()
    if not left:
        return Pick(None, count)
    # An offset into the ids, not ORDER BY RANDOM(): that would sort the whole list.
    at = (rng or random).randrange(left)
    pk = candidates.order_by("pk").values_list("pk", flat=True)[at]
    return Pick(copy_rows(Copy.objects.filter(pk=pk), ("pk",)).get(), count)
