"""A CSV row's works: one film, or a box set whose cells hold one value a work.

cinecat's CSV export writes a box set as one row: each work's own value (title, year, running
time, ids …) joined by "; " in the works' order, an empty part for a work without one ("Alien;
Aliens", "1979; 1986", "tt0078748; "). Read back:

- a title cut at ";" into several parts makes a box set of that many works (the original title
  counts them when there is no title column) when a work's number (year, running time, IMDb
  or TMDb id) is cut into as many parts, as the export writes it; otherwise the title is one
  film's ("Pippa Passes; or, The Song of Conscience", 1909);
- a work's cell with as many parts gives each work its part; a cell of one value gives it to the
  first work; a cell with any other number of parts is kept whole as an other detail under its
  column's name, and no work takes a value from it;
- a row with one title takes its text cells whole (a colour "Color; Black & White" is one
  value) and keeps a year, running time or id holding several values as an other detail.

A box set none of whose works has a year, running time or id comes back as one film titled
"A; B": nothing in the row tells it from a film so named.

Lists (genres, countries, languages, directors, cast) are the whole set's in the export, which
does not say which work each came from: csv_import gives them to the first work.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_NAMES = ("title", "original_title")  # the cell that counts the works: the first given
_TEXT = frozenset({"title", "original_title", "sort_title", "colour", "trailer_url"})


@dataclass(frozen=True)
class Cell:
    """A cell of one of a work's own fields, as written and as values, one a part."""

    column: str
    value: str
    parts: tuple[Any, ...]  # None for an empty part


def cell(column: str, value: str, convert: Callable[[str], Any]) -> Cell:
    """``value`` cut at ";", each part given to ``convert`` (which may raise ValueError)."""
    parts = (part.strip() for part in value.split(";"))
    return Cell(column, value, tuple(convert(part) if part else None for part in parts))


def works(cells: dict[str, Cell], keep: Callable[[str, str], None]) -> list[dict[str, Any]]:
    """Each work's own fields, in order, from ``cells`` (field → cell); ``keep(column, value)``
    takes a cell no work can be given."""
    names = next((cells[name] for name in _NAMES if name in cells), None)
    titles = [part for part in names.parts if part] if names else []
    if len(titles) < 2 or not _counted_alike(cells, len(titles)):
        return [_one_work(cells, keep)]
    found: list[dict[str, Any]] = [{} for _ in titles]
    for attribute, given in cells.items():
        values = titles if given is names else given.parts
        if len(values) == len(found):
            for work, value in zip(found, values, strict=True):
                work[attribute] = value
        elif len(values) == 1:
            found[0][attribute] = values[0]
        else:
            keep(given.column, given.value)
    return [{name: value for name, value in work.items() if value is not None} for work in found]


def _counted_alike(cells: dict[str, Cell], count: int) -> bool:
    """Whether a work's number is cut into ``count`` parts, one a work, as the export cuts it."""
    return any(len(given.parts) == count for name, given in cells.items() if name not in _TEXT)


def _one_work(cells: dict[str, Cell], keep: Callable[[str, str], None]) -> dict[str, Any]:
    work: dict[str, Any] = {}
    for attribute, given in cells.items():
        if attribute in _TEXT:
            work[attribute] = given.value
        elif len(given.parts) == 1:
            work[attribute] = given.parts[0]
        else:
            keep(given.column, given.value)
    return work
