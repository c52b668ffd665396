"""Where the values of one file landed, per source field: a census of an import.

A reader that counts (``read(stream, census=Census())``) notes, as it reads, where each value
it takes goes: a record field (``credit.credited_as``, ``edition.features``), the copy's other
details, its source extras, or ``derived`` (a form of a value kept in a field, such as a price's
formatted text, or the format's default, such as "count as 1"). What the source holds is seen
apart from what the reader takes: the XML readers count every attribute and text that holds a
value, the others every field an entry carries, so that a value no code reads shows as dropped.

The share is of the meaningful values, every value but source extras and derived ones: how many
landed in a field of their own, rather than in the other details or nowhere.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

OTHER = "other details"
EXTRAS = "source extras"
DERIVED = "derived"
DROPPED = "dropped"
# The parts of a record a field names: "credit.credited_as" is a field of its own.
RECORD_PARTS = frozenset(
    {"work", "plot", "credit", "episode", "edition", "disc", "copy", "loan", "viewing", "record"}
)
NOT_MEANINGFUL = frozenset({EXTRAS, DERIVED})


def is_field(where: str) -> bool:
    """Whether ``where`` (a destination, or several joined by " + ") is fields of a record."""
    return all(part.partition(".")[0] in RECORD_PARTS for part in where.split(" + "))


@dataclass(frozen=True)
class Row:
    path: str
    values: int
    landed: tuple[tuple[str, int], ...]  # (destination, count), most first


@dataclass(frozen=True)
class Totals:
    in_fields: int
    other: int
    dropped: int
    extras: int
    derived: int

    @property
    def meaningful(self) -> int:
        return self.in_fields + self.other + self.dropped

    @property
    def share(self) -> float:
        """The share of meaningful values in a field of their own (1.0 when there are none)."""
        return self.in_fields / self.meaningful if self.meaningful else 1.0


class Census:
    """Counts, per source path, the values a file holds and where each landed."""

    def __init__(self, source: str = "") -> None:
        self.source = source
        self.entries = 0
        self.seen: Counter[str] = Counter()
        self.landed: dict[str, Counter[str]] = {}

    def note(self, path: str, where: str, count: int = 1) -> None:
        """``count`` values of ``path`` landed in ``where``."""
        if count:
            found = self.landed.get(path)
            if found is None:
                found = self.landed[path] = Counter()
            found[where] += count

    def see(self, path: str, count: int = 1) -> None:
        """The source holds ``count`` values at ``path``."""
        self.seen[path] += count

    def see_element(self, element: etree._Element, has_value: Callable[[str], bool]) -> None:
        """Every attribute and text below ``element`` that ``has_value``, by its path."""
        for path, _ in values_below(element, has_value):
            self.seen[path] += 1

    def note_element(
        self,
        element: etree._Element,
        where: str,
        has_value: Callable[[str], bool],
        prefix: str = "",
    ) -> None:
        """Every value of ``element`` (at ``prefix``, its path) landed in ``where``."""
        prefix = prefix or element.tag
        for path, _ in values_below(element, has_value, prefix):
            self.note(path, where)

    def rows(self) -> list[Row]:
        """Each path in the order first met, with what a reader took nowhere as dropped."""
        rows = []
        for path in dict.fromkeys([*self.seen, *self.landed]):
            landed = Counter(self.landed.get(path, {}))
            values = max(self.seen.get(path, 0), sum(landed.values()))
            if values > sum(landed.values()):
                landed[DROPPED] += values - sum(landed.values())
            rows.append(Row(path, values, tuple(landed.most_common())))
        return rows

    def overcounted(self) -> list[str]:
        """Paths where a reader noted more values than the source was seen to hold: a reader
        that counts its values wrongly (a test holds it at none)."""
        return [
            path
            for path, landed in self.landed.items()
            if path in self.seen and sum(landed.values()) > self.seen[path]
        ]

    def totals(self) -> Totals:
        counts = Counter()
        for row in self.rows():
            for where, count in row.landed:
                counts[_kind(where)] += count
        return Totals(
            counts["field"], counts[OTHER], counts[DROPPED], counts[EXTRAS], counts[DERIVED]
        )

    def lines(self) -> list[str]:
        """The census as a person reads it: a line a source field, then the share."""
        rows = self.rows()
        width = max((len(row.path) for row in rows), default=10)
        out = [f"{self.source}: {self.entries} entries; source field, values, where they landed"]
        for row in rows:
            landed = ", ".join(
                where if count == row.values else f"{where} {count:,}"
                for where, count in row.landed
            )
            out.append(f"  {row.path:<{width}}  {row.values:>7,}  {landed}")
        out.append(summary(self.totals()))
        return out


def _landing(where: str, count: int, values: int) -> str:
    return where if count == values else f"{where} {count:,}"


def summary(totals: Totals) -> str:
    return (
        f"  meaningful values in a field of their own: {totals.in_fields:,} of "
        f"{totals.meaningful:,} ({totals.share:.1%}); in other details {totals.other:,}, "
        f"dropped {totals.dropped:,}; not counted: source extras {totals.extras:,}, "
        f"derived {totals.derived:,}"
    )


def _kind(where: str) -> str:
    if where in (OTHER, EXTRAS, DERIVED, DROPPED):
        return where
    if OTHER in where.split(" + "):
        return OTHER  # partly kept as an other detail: not in a field of its own
    return "field" if is_field(where) else DROPPED


def values_below(
    element: etree._Element, has_value: Callable[[str], bool], prefix: str = ""
) -> Iterable[tuple[str, str]]:
    """(path, value) of every attribute and text below ``element`` that holds a value; paths
    run from ``element``'s children ("Actors/Actor/@Role"), or from ``prefix`` when given."""
    stack = [(child, child.tag) for child in reversed(element)] if not prefix else []
    if prefix:
        stack.append((element, prefix))
    while stack:
        node, path = stack.pop()
        if not isinstance(node.tag, str):
            continue  # a comment
        for key, value in node.attrib.items():
            if has_value(value):
                yield f"{path}/@{key}", value
        if len(node):
            stack.extend((child, f"{path}/{child.tag}") for child in reversed(node))
        elif has_value(node.text or ""):
            yield path, node.text


def count(read: Callable[..., Iterable], stream: BinaryIO, source: str = "") -> Census:
    """The census of reading ``stream`` with ``read``, a reader that counts."""
    census = Census(source)
    for _ in read(stream, census=census):
        census.entries += 1
    return census
