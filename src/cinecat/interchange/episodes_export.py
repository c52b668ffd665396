"""The episodes of a collection's season boxes as CSV: one row per episode, by copy and disc.

    index,title,disc,disc_label,place,season,number,episode,air_date,runtime_minutes,seen

``place`` is the episode's among its edition's (1 the first), ``disc`` the number of the disc
carrying it (empty when no disc is said to), ``seen`` how many times it was seen. A copy of a
film has no rows. The one-row-per-copy CSV (``--format csv``) stays as it is beside this.
"""

import csv
import io
from collections import Counter
from collections.abc import Iterable
from typing import BinaryIO

from cinecat.catalog.records import Record

COLUMNS = (
    "index",
    "title",
    "disc",
    "disc_label",
    "place",
    "season",
    "number",
    "episode",
    "air_date",
    "runtime_minutes",
    "seen",
)
# The parts of a record the rows are made of.
PARTS = frozenset({"episodes", "disc_list", "viewing_log"})


def write_episodes(records: Iterable[Record], stream: BinaryIO) -> int:
    """Write the rows of every record's episodes; how many were written."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    count = 0
    for record in records:
        for row in _rows(record):
            writer.writerow(row)
            count += 1
    text.detach()  # the stream is the caller's to close
    return count


def _rows(record: Record) -> Iterable[tuple]:
    carried: dict[int, tuple[int, str]] = {}
    for number, disc in enumerate(record.edition.disc_list, 1):
        for place in disc.episodes:
            carried.setdefault(place, (number, disc.label))
    seen = Counter(v.episode for v in record.copy.viewing_log if v.episode is not None)
    episodes = [(work, episode) for work in record.works for episode in work.episodes]
    for place, (work, episode) in enumerate(episodes, 1):
        disc, label = carried.get(place, ("", ""))
        yield (
            record.copy.index,
            work.title,
            disc,
            label,
            place,
            _blank(episode.season),
            _blank(episode.number),
            episode.title,
            episode.air_date.isoformat() if episode.air_date else "",
            _blank(episode.runtime_minutes),
            seen[place],
        )


def _blank(value: int | None):
    return "" if value is None else value
