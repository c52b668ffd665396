"""IMDb's datasets as a provider: titles searched and fetched in the local reference store.

No network and no key: the user downloads IMDb's non-commercial datasets and loads them with
``cinecat reference import-imdb DIR``. A title is found by any of its titles (the other titles
of ``title.akas`` too: *Der Untergang* and *La Chute* find *Downfall*), whatever its case and
accents; exact titles come first, then titles that start so, the most voted first.
"""

from django.db import connection
from django.db.models import QuerySet

from cinecat.catalog.models.work import sort_key
from cinecat.catalog.records import CreditRecord, Record, WorkRecord

from .base import Candidate, Found, NotFound
from .imdb_files import CAST, title_key
from .models import (
    ImdbAka,
    ImdbCrew,
    ImdbLoad,
    ImdbName,
    ImdbPrincipal,
    ImdbRating,
    ImdbSeason,
    ImdbTitle,
)

ATTRIBUTION = "Information courtesy of IMDb (https://www.imdb.com). Used with permission."
LIMIT = 20
PREFIX_LIMIT = 200  # titles that merely start with the query, looked at before ranking
# Typed without its article, a title is still found whole: 'death of stalin' is 'The Death of
# Stalin', 'untergang' 'Der Untergang'.
ARTICLES = ("the", "a", "an", "le", "la", "les", "l", "der", "die", "das", "el", "il", "lo")
# IMDb's principal categories → cinecat's crew jobs, in the order crew is listed.
JOBS = {
    "director": "Director",
    "writer": "Writer",
    "producer": "Producer",
    "composer": "Composer",
    "cinematographer": "Director of Photography",
}
_JOB_ORDER = {job: position for position, job in enumerate(JOBS.values())}


def imdb_number(value: str) -> int | None:
    """'tt0137523' (or '0137523') → 137523; None when it is no title id."""
    value = value.strip().removeprefix("tt")
    return int(value) if value.isdigit() and len(value) <= 10 else None


class ImdbProvider:
    """Titles of IMDb's datasets, loaded into the reference store."""

    key = "imdb"
    name = "IMDb (local datasets)"
    setup = (
        "download IMDb's datasets (the .tsv.gz files of https://datasets.imdbws.com/) into a "
        "folder and run `cinecat reference import-imdb FOLDER`."
    )

    @classmethod
    def is_configured(cls) -> bool:
        return ImdbLoad.objects.filter(file="title.basics", complete=True).exists()

    def __init__(self, *, refresh: bool = False) -> None:
        pass  # local data: nothing to refresh

    def search(self, query: str, *, year: int | None = None) -> list[Candidate]:
        """Titles called ``query`` in any language (or starting so), of ``year`` if given."""
        number = imdb_number(query) if query.strip().startswith("tt") else None
        if number is not None:
            return self._candidates([number])
        key = title_key(query)
        if not key:
            return []
        keys = [key, *(f"{article} {key}" for article in ARTICLES)]
        exact = set(_ids(ImdbTitle.objects.filter(key__in=keys), "id"))
        exact |= set(_ids(ImdbAka.objects.filter(key__in=keys), "title_id"))
        prefixed = set(_ids(_starting(ImdbTitle, key), "id", PREFIX_LIMIT))
        prefixed |= set(_ids(_starting(ImdbAka, key), "title_id", PREFIX_LIMIT))
        found = exact | prefixed
        titles = ImdbTitle.objects.filter(id__in=found)
        if year is not None:
            titles = titles.filter(start_year__in=(year - 1, year, year + 1))
        ratings = ImdbRating.objects.filter(title_id__in=found)
        votes = dict(ratings.values_list("title_id", "votes"))
        ranked = sorted(
            titles.values_list("id", "start_year"),
            key=lambda row: (
                row[0] not in exact,
                year is not None and row[1] != year,
                -votes.get(row[0], 0),
            ),
        )
        return self._candidates([pk for pk, _ in ranked[:LIMIT]])

    def fetch(self, id: str) -> Found:
        """The title ``tt…`` with its principals, crew, genres, runtime, year and rating."""
        number = imdb_number(str(id))
        title = ImdbTitle.objects.filter(id=number).first() if number is not None else None
        if title is None:
            raise NotFound(f"IMDb's datasets (as loaded) have no title {id}.")
        imdb_id = f"tt{title.id:07d}"
        work = WorkRecord(
            title=title.title,
            sort_title=sort_key(title.title),
            original_title=title.original_title or title.title,
            year=title.start_year,
            runtime_minutes=title.runtime_minutes,
            genres=tuple(genre for genre in title.genres.split(",") if genre),
            credits=_credits(title.id),
            imdb_id=imdb_id,
        )
        return Found(
            provider=self.key,
            id=imdb_id,
            record=Record(works=(work,)),
            extras=_extras(title),
            source_url=f"https://www.imdb.com/title/{imdb_id}/",
            attribution=ATTRIBUTION,
        )

    def _candidates(self, ids: list[int]) -> list[Candidate]:
        rows = ImdbTitle.objects.in_bulk(ids)
        directors = _first_directors(ids)
        return [
            Candidate(
                provider=self.key,
                id=f"tt{pk:07d}",
                title=rows[pk].title,
                original_title=rows[pk].original_title or rows[pk].title,
                year=rows[pk].start_year,
                kind=rows[pk].kind,
                director=directors.get(pk, ""),
            )
            for pk in ids
            if pk in rows
        ]


def _ids(rows: QuerySet, column: str, limit: int | None = None) -> list[int]:
    return list(rows.values_list(column, flat=True)[:limit])


def _starting(model: type, key: str) -> QuerySet:
    """Rows whose key starts with ``key``, on the key's index: a range on SQLite (its LIKE
    ignores case, so cannot use a plain index), LIKE on PostgreSQL (text_pattern_ops)."""
    rows = model.objects.exclude(key=key)
    if connection.vendor == "sqlite":
        return rows.filter(key__gt=key, key__lt=key + "\U0010ffff").order_by("key")
    return rows.filter(key__startswith=key).order_by("key")


def _names(ids) -> dict[int, str]:
    return dict(ImdbName.objects.filter(id__in=set(ids)).values_list("id", "name"))


def _first_directors(title_ids: list[int]) -> dict[int, str]:
    crews = ImdbCrew.objects.filter(title_id__in=title_ids).values_list("title_id", "directors")
    first = {title: int(d.split(",")[0]) for title, d in crews if d}
    names = _names(first.values())
    return {title: names[person] for title, person in first.items() if person in names}


def _credits(title_id: int) -> tuple[CreditRecord, ...]:
    """The principals in billing order (cast, then crew by job), then the directors and
    writers of ``title.crew`` the principals leave out."""
    principals = list(
        ImdbPrincipal.objects.filter(title_id=title_id)
        .order_by("ordering")
        .values_list("person_id", "category", "characters")
    )
    crew_row = ImdbCrew.objects.filter(title_id=title_id).first()
    listed = [
        (int(person), job)
        for people, job in (
            (crew_row.directors if crew_row else "", "Director"),
            (crew_row.writers if crew_row else "", "Writer"),
        )
        for person in people.split(",")
        if person
    ]
    names = _names([p for p, _, _ in principals] + [p for p, _ in listed])
    cast = [CreditRecord(names[p], c) for p, cat, c in principals if cat in CAST and p in names]
    crew = [(p, JOBS[cat]) for p, cat, _ in principals if cat in JOBS]
    crew += [pair for pair in listed if pair not in crew]
    crew.sort(key=lambda pair: _JOB_ORDER[pair[1]])
    cast += [CreditRecord(names[p], job=job, role="crew") for p, job in crew if p in names]
    return tuple(dict.fromkeys(cast))


def _extras(title: ImdbTitle) -> tuple[tuple[str, str], ...]:
    extras = []
    rating = ImdbRating.objects.filter(title_id=title.id).first()
    if rating is not None:
        extras += [("IMDb rating", f"{rating.average:.1f}"), ("IMDb votes", str(rating.votes))]
    seasons = list(ImdbSeason.objects.filter(series_id=title.id).values_list("season", "episodes"))
    if seasons:
        numbered = [season for season, _ in seasons if season]
        if numbered:
            extras.append(("Seasons", str(len(numbered))))
        extras.append(("Episodes", str(sum(count for _, count in seasons))))
    if title.end_year:
        extras.append(("Ended", str(title.end_year)))
    return tuple(extras)
