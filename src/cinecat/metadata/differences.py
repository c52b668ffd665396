"""Updating an entry from a provider: where the provider's film differs from ours, field by
field, and the entry as the fields ticked leave it.

Nothing is overwritten that the person did not tick: a field is ticked at first only when ours
is empty (filling a gap loses nothing); where ours holds something else it is shown beside
theirs, unticked. Cast and crew are separate fields, so taking a provider's cast keeps our
crew; taking its plots keeps ours by other authors.
"""

import dataclasses
from collections.abc import Callable, Collection
from dataclasses import dataclass

from cinecat.catalog.records import CreditRecord, PlotRecord, Record, WorkRecord

COVER = "cover"


@dataclass(frozen=True)
class Difference:
    """One field where the provider has something we do not: both values as a person reads
    them, and whether it is taken unless the person says otherwise."""

    key: str
    label: str
    ours: str
    theirs: str
    ticked: bool


@dataclass(frozen=True)
class _Field:
    label: str
    read: Callable[[WorkRecord], object]
    show: Callable[[object], str] = str


def _joined(values) -> str:
    return ", ".join(values)


def _cast(work: WorkRecord) -> tuple[tuple[str, str], ...]:
    return tuple((c.name, c.character) for c in work.credits if c.role != "crew")


def _crew(work: WorkRecord) -> tuple[tuple[str, str], ...]:
    return tuple((c.name, c.job) for c in work.credits if c.role == "crew")


def _people(pairs) -> str:
    return "; ".join(f"{name} ({what})" if what else name for name, what in pairs)


def _plots(work: WorkRecord) -> tuple[str, ...]:
    return tuple(plot.text for plot in work.plots)


# The work's fields a provider fills, in the order the page lists them.
WORK = {
    "title": _Field("Title", lambda w: w.title),
    "original_title": _Field("Original title", lambda w: w.original_title),
    "year": _Field("Year", lambda w: w.year),
    "runtime_minutes": _Field("Runtime", lambda w: w.runtime_minutes),
    "genres": _Field("Genres", lambda w: w.genres, _joined),
    "countries": _Field("Countries", lambda w: w.countries, _joined),
    "languages": _Field("Languages", lambda w: w.languages, _joined),
    "cast": _Field("Cast", _cast, _people),
    "crew": _Field("Crew", _crew, _people),
    "plots": _Field("Plots", _plots, "\n\n".join),
    "tagline": _Field("Tagline", lambda w: w.tagline),
    "studios": _Field("Studios", lambda w: w.studios, _joined),
    "series": _Field("Series", lambda w: w.series),
    "trailer_url": _Field("Trailer URL", lambda w: w.trailer_url),
    "imdb_id": _Field("IMDb ID", lambda w: w.imdb_id),
    "tmdb_id": _Field("TMDb ID", lambda w: w.tmdb_id),
}
RATING = "rating"
LABELS = {**{key: field.label for key, field in WORK.items()}, RATING: "Audience rating"}
LABELS[COVER] = "Front cover"
KEYS = tuple(LABELS)
# What a film lacks when the batch fill looks at it.
GAPS = ("cast", "plots")


def _empty(value) -> bool:
    return value in (None, "", ())


def _same(key: str, ours, theirs) -> bool:
    if key == "plots":  # ours may hold more plots than theirs: theirs all there is the same
        return set(theirs) <= set(ours)
    return ours == theirs


def compare(
    ours: WorkRecord,
    rating: tuple[str, str],
    theirs: Record,
    *,
    has_cover: bool,
    poster_url: str = "",
) -> list[Difference]:
    """The fields where ``theirs`` (a provider's entry) has a value ours differs from: our
    work, our edition's (country, rating) and whether it has a front cover."""
    found = []
    work = theirs.works[0]
    for key, field in WORK.items():
        mine, their = field.read(ours), field.read(work)
        if _empty(their) or _same(key, mine, their):
            continue
        shown = field.show(mine) if not _empty(mine) else "", field.show(their)
        found.append(Difference(key, field.label, *shown, _empty(mine)))
    their_rating = (theirs.edition.rating_country, theirs.edition.rating)
    if their_rating[1] and their_rating != rating:
        shown = " · ".join(filter(None, rating)), " · ".join(filter(None, their_rating))
        found.append(Difference(RATING, LABELS[RATING], *shown, not rating[1]))
    if poster_url:
        ours_said = "a front cover" if has_cover else ""
        found.append(Difference(COVER, LABELS[COVER], ours_said, "their poster", not has_cover))
    return found


def gaps(differences: list[Difference]) -> set[str]:
    """The keys of the differences where ours is empty: what the batch fill takes."""
    return {difference.key for difference in differences if difference.ticked}


def applied(ours: WorkRecord, theirs: WorkRecord, keys: Collection[str]) -> WorkRecord:
    """Our work with their values of the fields ``keys`` (ticked), all else as it was."""
    unknown = set(keys) - set(KEYS)
    if unknown:
        raise ValueError(f"There is no field {', '.join(sorted(unknown))} to update from.")
    listed = {"cast", "crew", "plots"}  # taken with ours kept beside them
    plain = {key: getattr(theirs, key) for key in WORK if key in keys and key not in listed}
    credits = _credits(ours.credits, theirs.credits, "cast" in keys, "crew" in keys)
    plots = _merged_plots(ours.plots, theirs.plots) if "plots" in keys else ours.plots
    return dataclasses.replace(ours, **plain, credits=credits, plots=plots)


def _credits(ours, theirs, cast: bool, crew: bool) -> tuple[CreditRecord, ...]:
    """The cast from theirs or ours, then the crew from theirs or ours."""
    pick_cast = theirs if cast else ours
    pick_crew = theirs if crew else ours
    return tuple(c for c in pick_cast if c.role != "crew") + tuple(
        c for c in pick_crew if c.role == "crew"
    )


def _merged_plots(ours, theirs) -> tuple[PlotRecord, ...]:
    """Their plots, then ours by other authors (a plot we wrote stays)."""
    authors = {plot.author for plot in theirs}
    texts = {plot.text for plot in theirs}
    kept = tuple(p for p in ours if p.author not in authors and p.text not in texts)
    return tuple(theirs) + kept
