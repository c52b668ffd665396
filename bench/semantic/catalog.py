"""The evaluation set as data, and as a throw-away catalog searched by the product's full text.

Films and queries are read from films.toml and queries.toml beside this file. The catalog is
a fresh SQLite database in a temporary data directory, filled through ``apply_records`` (one
copy per film, its index the film's position), and searched as the collection page does:
``Browse`` with the query as ``q``, in its relevance order. That search wants every word of
the query in a film, which a told story seldom has; ``any_word_ranking`` is the looser leg the
evaluation sets beside it: FTS5 over the same documents, any word, ordered by bm25.
"""

import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Film:
    id: str
    title: str
    year: int
    plot: str
    original_title: str = ""
    plot_language: str = "en"

    @property
    def titles(self) -> list[str]:
        return [self.title, self.original_title] if self.original_title else [self.title]


@dataclass(frozen=True)
class Query:
    text: str
    expect: tuple[str, ...]
    lang: str = "en"
    kind: str = "story"
    group: str = field(init=False, default="")

    def __post_init__(self) -> None:
        group = "title" if self.kind == "title" else "en" if self.lang == "en" else "de/fr"
        object.__setattr__(self, "group", group)


def films() -> list[Film]:
    with (HERE / "films.toml").open("rb") as handle:
        return [Film(**entry) for entry in tomllib.load(handle)["film"]]


def queries() -> list[Query]:
    with (HERE / "queries.toml").open("rb") as handle:
        entries = tomllib.load(handle)["query"]
    return [Query(**{**entry, "expect": tuple(entry["expect"])}) for entry in entries]


@contextmanager
def full_text_catalog(chosen: list[Film]) -> Iterator["FullText"]:
    """A fresh catalog of these films on SQLite, gone when the block ends."""
    with TemporaryDirectory(prefix="cinecat-semantic-eval-") as data_dir:
        os.environ["CINECAT_DATA_DIR"] = data_dir
        os.environ.pop("CINECAT_DATABASE_URL", None)  # the throw-away catalog is SQLite's
        os.environ["DJANGO_SETTINGS_MODULE"] = "cinecat.settings"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield FullText(chosen)


class FullText:
    """The product's full-text search over the evaluation films."""

    def __init__(self, chosen: list[Film]) -> None:
        from cinecat.catalog.models import Collection
        from cinecat.catalog.records import CopyRecord, PlotRecord, Record, WorkRecord
        from cinecat.interchange.writer import apply_records

        self.collection = Collection.objects.create(name="Evaluation", slug="evaluation")
        records = [
            Record(
                works=(
                    WorkRecord(
                        title=film.title,
                        original_title=film.original_title,
                        year=film.year,
                        plots=(PlotRecord(film.plot),),
                    ),
                ),
                copy=CopyRecord(index=position),
            )
            for position, film in enumerate(chosen, 1)
        ]
        apply_records(records, self.collection)
        self.ids = {position: film.id for position, film in enumerate(chosen, 1)}
        copies = self.collection.copies.values_list("pk", "index")
        self.by_copy = {pk: self.ids[index] for pk, index in copies}

    def ranking(self, text: str) -> list[str]:
        """Film ids as the collection page lists them for this search, best first."""
        from django.http import QueryDict

        from cinecat.search.queries import Browse

        params = QueryDict(mutable=True)
        params["q"] = text
        browse = Browse.from_query(self.collection, params)
        indexes = browse.copies().order_by(*browse.ordering()).values_list("index", flat=True)
        return [self.ids[index] for index in indexes]

    def any_word_ranking(self, text: str, limit: int = 100) -> list[str]:
        """Film ids whose document holds any word of the search (as a prefix), best bm25 first."""
        from django.db import connection

        from cinecat.search.text import words

        terms = " OR ".join(f'"{term}"*' for term in dict.fromkeys(words(text)))
        if not terms:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
                " ORDER BY bm25(search_fts) LIMIT %s",
                [terms, limit],
            )
            return [self.by_copy[row[0]] for row in cursor.fetchall()]
