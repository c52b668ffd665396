"""TMDb's movie documents (API v3) as cinecat's records: field by field, nothing invented.

``found`` reads ``movie/{id}`` with ``append_to_response=credits,release_dates,videos,images,
external_ids``; ``candidate`` reads one result of ``search/movie`` or ``find``.
"""

import datetime as dt
from dataclasses import dataclass

from cinecat.catalog.models.work import sort_key
from cinecat.catalog.records import CreditRecord, EditionRecord, PlotRecord, Record, WorkRecord

from .base import BadResponse, Candidate, Found, Release

ATTRIBUTION = "This product uses the TMDB API but is not endorsed or certified by TMDB."
PHYSICAL = 5  # TMDb's release types: 1 premiere, 2 limited, 3 theatrical, 4 digital, 6 TV
THEATRICAL = 3
# TMDb's crew jobs → cinecat's, in the order crew is listed.
JOBS = {
    "Director": "Director",
    "Screenplay": "Writer",
    "Writer": "Writer",
    "Producer": "Producer",
    "Original Music Composer": "Composer",
    "Music": "Composer",
    "Director of Photography": "Director of Photography",
}
_JOB_ORDER = {job: position for position, job in enumerate(dict.fromkeys(JOBS.values()))}


@dataclass(frozen=True)
class Images:
    """Where TMDb's pictures are (``configuration``): a base URL, and the sizes posters come in."""

    base_url: str = "https://image.tmdb.org/t/p/"
    poster_sizes: tuple[str, ...] = ("w92", "w154", "w185", "w342", "w500", "w780", "original")

    def poster(self, path: str | None, *, thumbnail: bool = False) -> str:
        if not path:
            return ""
        sizes = self.poster_sizes or ("original",)
        if thumbnail:
            size = "w185" if "w185" in sizes else sizes[0]
        else:
            size = "original" if "original" in sizes else sizes[-1]
        return f"{self.base_url.rstrip('/')}/{size}{path}"


def images_from(configuration: dict) -> Images:
    images = _dict(configuration.get("images"), "configuration")
    base = images.get("secure_base_url") or images.get("base_url")
    if not isinstance(base, str) or not base:
        raise BadResponse("TMDb's configuration names no image server; try again later.")
    return Images(base, tuple(images.get("poster_sizes") or ()))


def candidate(result: dict, images: Images) -> Candidate:
    return Candidate(
        provider="tmdb",
        id=str(result["id"]),
        title=result.get("title") or result.get("original_title") or "",
        original_title=result.get("original_title") or "",
        year=_year(result.get("release_date")),
        poster_thumbnail_url=images.poster(result.get("poster_path"), thumbnail=True),
    )


def found(movie: dict, images: Images, country: str) -> Found:
    """The movie as a Found: its work, an edition with what TMDb knows of releases in
    ``country`` (the certification, a physical release's date) and the values beside them."""
    releases = physical_releases(movie, country)
    edition = EditionRecord(
        rating_country=country if certification(movie, country) else "",
        rating=certification(movie, country),
        release_date=releases[0].date if releases else None,
    )
    collection = movie.get("belongs_to_collection") or {}
    poster = movie.get("poster_path") or _first_poster(movie)
    return Found(
        provider="tmdb",
        id=str(movie["id"]),
        record=Record(works=(work(movie),), edition=edition),
        poster_url=images.poster(poster),
        poster_thumbnail_url=images.poster(poster, thumbnail=True),
        tagline=movie.get("tagline") or "",
        studios=tuple(c["name"] for c in movie.get("production_companies") or () if c.get("name")),
        collection=collection.get("name") or "",
        releases=releases,
        release_note=releases[0].note if releases else "",
        source_url=f"https://www.themoviedb.org/movie/{movie['id']}",
        attribution=ATTRIBUTION,
    )


def work(movie: dict) -> WorkRecord:
    title = movie.get("title") or movie.get("original_title")
    if not title:
        raise BadResponse(f"TMDb's movie {movie.get('id')} has no title; try again later.")
    overview = (movie.get("overview") or "").strip()
    external = movie.get("external_ids") or {}
    return WorkRecord(
        title=title,
        sort_title=sort_key(title),
        original_title=movie.get("original_title") or "",
        year=_year(movie.get("release_date")),
        runtime_minutes=movie.get("runtime") or None,
        genres=tuple(genre["name"] for genre in movie.get("genres") or ()),
        countries=tuple(country["name"] for country in movie.get("production_countries") or ()),
        languages=languages(movie),
        plots=(PlotRecord(overview, author="TMDb"),) if overview else (),
        credits=credits(movie),
        trailer_url=trailer(movie),
        imdb_id=movie.get("imdb_id") or external.get("imdb_id") or "",
        tmdb_id=movie["id"],
    )


def languages(movie: dict) -> tuple[str, ...]:
    """The spoken languages' English names, the original language's first."""
    spoken = movie.get("spoken_languages") or ()
    original = movie.get("original_language")
    ordered = sorted(spoken, key=lambda language: language.get("iso_639_1") != original)
    names = (language.get("english_name") or language.get("name") for language in ordered)
    return tuple(dict.fromkeys(name for name in names if name))


def credits(movie: dict) -> tuple[CreditRecord, ...]:
    """The cast in billing order with their characters, then the crew of JOBS by job."""
    found = movie.get("credits") or {}
    cast = [member for member in found.get("cast") or () if member.get("name")]
    cast.sort(key=lambda member: member.get("order", 0))
    crew = [m for m in found.get("crew") or () if m.get("job") in JOBS and m.get("name")]
    crew.sort(key=lambda member: _JOB_ORDER[JOBS[member["job"]]])
    records = [CreditRecord(member["name"], member.get("character") or "") for member in cast]
    records += [
        CreditRecord(member["name"], job=JOBS[member["job"]], role="crew") for member in crew
    ]
    return tuple(dict.fromkeys(records))  # a producer listed twice is one credit


def certification(movie: dict, country: str) -> str:
    """The audience rating in ``country``: the theatrical release's, else any release's."""
    dates = sorted(_release_dates(movie, country), key=lambda d: d.get("type") != THEATRICAL)
    ratings = ((d.get("certification") or "").strip() for d in dates)
    return next((rating for rating in ratings if rating), "")


def physical_releases(movie: dict, country: str) -> tuple[Release, ...]:
    """The disc and tape releases (type 5) in ``country``, oldest first."""
    releases = [
        Release(date, (d.get("note") or "").strip(), (d.get("certification") or "").strip())
        for d in _release_dates(movie, country)
        if d.get("type") == PHYSICAL and (date := _date(d.get("release_date")))
    ]
    return tuple(sorted(releases, key=lambda release: release.date))


def trailer(movie: dict) -> str:
    """A YouTube trailer, an official one first."""
    videos = (movie.get("videos") or {}).get("results") or ()
    trailers = [v for v in videos if v.get("site") == "YouTube" and v.get("type") == "Trailer"]
    trailers.sort(key=lambda video: not video.get("official"))
    return f"https://www.youtube.com/watch?v={trailers[0]['key']}" if trailers else ""


def _release_dates(movie: dict, country: str) -> list[dict]:
    for entry in (movie.get("release_dates") or {}).get("results") or ():
        if entry.get("iso_3166_1") == country:
            return list(entry.get("release_dates") or ())
    return []


def _first_poster(movie: dict) -> str:
    posters = (movie.get("images") or {}).get("posters") or ()
    return posters[0].get("file_path") or "" if posters else ""


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _dict(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise BadResponse(f"TMDb's {what} is not what its API documents; try again later.")
    return value
