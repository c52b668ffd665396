"""Updating a copy's film from a provider: which entry of it is the film, what differs, and
the ticked fields written as one edit, put on the copy's history as the provider's update.
"""

import dataclasses
from dataclasses import dataclass

from cinecat.catalog import covers, history
from cinecat.catalog import services as catalog_services
from cinecat.catalog.models import ChangeAction, Copy
from cinecat.catalog.records import Record, WorkRecord

from . import differences, posters, registry, services
from .base import Candidate, Found, ProviderError
from .differences import COVER, RATING, Difference

# The providers an update asks, the richer first: TMDb has plots and posters, the datasets not.
PREFERRED = ("tmdb", "imdb")


def update_providers() -> list[str]:
    """The configured providers a copy can be updated from, the richer first."""
    available = registry.available()
    return [key for key in PREFERRED if key in available]


def known_id(work: WorkRecord, provider: str) -> str:
    """The film's id at ``provider`` as the catalog knows it, or "": TMDb's own id, else the
    IMDb id (which both providers take)."""
    if provider == "tmdb" and work.tmdb_id:
        return str(work.tmdb_id)
    return work.imdb_id


def search_for(work: WorkRecord, provider: str) -> list[Candidate]:
    """The films of the work's title and year at ``provider``, to pick one from."""
    candidates, _ = services.find_by_title(work.title, year=work.year, provider=provider)
    return candidates


def find_entry(work: WorkRecord, provider: str) -> Found | None:
    """The provider's entry for the work, by its known id, else by the one search result
    that leaves no doubt; None when there is no such result."""
    entry_id = known_id(work, provider)
    if not entry_id:
        match = services.clear_match(search_for(work, provider), work.title, work.year)
        if match is None:
            return None
        entry_id = match.id
    return registry.get(provider).fetch(entry_id)


@dataclass(frozen=True)
class Proposal:
    """What an update from ``found`` would change on the film ``film`` of the copy."""

    found: Found
    film: int
    version: int
    differences: list[Difference]


def propose(copy: Copy, found: Found, film: int = 0) -> Proposal:
    """The fields where the provider's entry differs from the copy's film ``film`` as it is
    stored now (with the version it has now, so a form opened after a conflict can be saved)."""
    version = Copy.everything.filter(pk=copy.pk).values_list("version", flat=True).get()
    stored = history.record_of(copy)
    if film >= len(stored.works):
        raise ValueError(f"#{copy.index} has no film {film + 1}.")
    edition = stored.edition
    has_cover = copy.edition.covers.filter(side="front").exists()
    found_differences = differences.compare(
        stored.works[film],
        (edition.rating_country, edition.rating),
        _theirs(found),
        has_cover=has_cover,
        poster_url=found.poster_url,
    )
    return Proposal(found, film, version, found_differences)


def _theirs(found: Found) -> Record:
    """The provider's entry as it would be added: tagline, studios and series on the work."""
    entry = services.entry(found)
    return dataclasses.replace(entry, edition=found.record.edition)


@dataclass(frozen=True)
class Updated:
    copy: Copy
    taken: tuple[str, ...]  # the labels of the fields written
    warnings: tuple[str, ...] = ()


def update_copy(
    copy: Copy, found: Found, keys, *, version: int | None, film: int = 0, by=None
) -> Updated:
    """Write the provider's values of the fields ``keys`` on the copy's film ``film``, as one
    edit on its history ("Updated from TMDb"); EditConflict if the copy changed since
    ``version``. A poster that cannot be had or is no cover is left out, with a warning."""
    keys = set(keys)
    stored = history.record_of(copy)
    if film >= len(stored.works):
        raise ValueError(f"#{copy.index} has no film {film + 1}.")
    theirs = _theirs(found)
    work = differences.applied(stored.works[film], theirs.works[0], keys)
    edition = stored.edition
    if RATING in keys:
        rating = theirs.edition
        edition = dataclasses.replace(
            edition, rating_country=rating.rating_country, rating=rating.rating
        )
    warnings, front = [], ()
    if COVER in keys and found.poster_url:
        try:
            front = (("front", _poster(found.poster_url)),)
        except (ProviderError, covers.CoverError) as exc:
            warnings.append(f"The poster was not taken: {exc}")
    edit = catalog_services.EntryEdit(
        work=work, edition=edition, copy=stored.copy, film=film, covers=front
    )
    action = ChangeAction(found.provider)
    saved = catalog_services.save_edits(copy, edit, version=version, by=by, action=action)
    taken = tuple(label for key, label in differences.LABELS.items() if key in keys)
    return Updated(saved, taken, tuple(warnings))


def _poster(url: str) -> bytes:
    """The poster's bytes, checked as an uploaded cover is."""
    data = posters.download_poster(url).data
    covers.validate_cover(data)
    return data
