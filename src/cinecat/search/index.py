"""Building search documents, a few queries per 500 copies whatever their number of credits."""

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.db import connection, transaction

from cinecat.catalog import markup
from cinecat.catalog.models import Copy, Credit, EditionWork, Episode, Plot
from cinecat.core import barcodes
from cinecat.core.bulk import chunks, delete_where_in, insert_rows, with_ids

from .models import SearchDocument
from .text import fold

DOCUMENT_FIELDS = ["copy", "collection", "title_text", "people_text", "body_text"]


def reindex(copy_ids: Iterable[int]) -> None:
    """Rebuild the documents of these copies (missing copies just lose theirs)."""
    for chunk in chunks(set(copy_ids), 500):
        documents = _documents(chunk)
        # A document that would be written as it is stays: full-text indexes are slow to write.
        stored = with_ids(SearchDocument.objects, "copy", chunk).values_list(*DOCUMENT_FIELDS)
        unchanged = set(stored).intersection(documents)
        kept = {document[0] for document in unchanged}
        stale = [pk for pk in chunk if pk not in kept]
        delete_where_in(SearchDocument, "copy", stale)
        _insert([d for d in documents if d not in unchanged])


def _insert(documents: list[tuple]) -> None:
    """Insert documents. SQLite's FTS5 table takes them from one INSERT … SELECT, about three
    times faster than from its trigger row by row (see migration 0003); the trigger stands
    aside meanwhile, in a transaction of its own so that no other write ever finds it so."""
    if connection.vendor != "sqlite" or len(documents) < 2:
        insert_rows(SearchDocument, DOCUMENT_FIELDS, documents)
        return
    marks = ", ".join(["%s"] * len(documents))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE search_fts_bulk SET active = 1")
        insert_rows(SearchDocument, DOCUMENT_FIELDS, documents)
        cursor.execute(
            "INSERT INTO search_fts (rowid, title_text, people_text, body_text)"
            " SELECT copy_id, title_text, people_text, body_text FROM search_searchdocument"
            f" WHERE copy_id IN ({marks})",
            [document[0] for document in documents],
        )
        cursor.execute("UPDATE search_fts_bulk SET active = 0")


def index_new(documents: list[tuple], copy_ids: Iterable[int] = ()) -> None:
    """Add the documents of copies just created (they have none yet: nothing to compare or
    delete): those given (rows of ``document``), and those of ``copy_ids``, read back."""
    documents = list(documents)
    for chunk in chunks(set(copy_ids), 500):
        documents += _documents(chunk)
    for chunk in chunks(documents, 500):
        _insert(chunk)


def reindex_works(work_ids: Iterable[int]) -> None:
    """A work changed: every copy of every edition holding it."""
    editions = EditionWork.objects.filter(work__in=list(work_ids)).values("edition")
    reindex(Copy.everything.filter(edition__in=editions).values_list("pk", flat=True))


def reindex_editions(edition_ids: Iterable[int]) -> None:
    """Editions changed, and their works: every copy of any edition holding one of them (an
    edition is shared by collections; a film by a box set and its own release)."""
    for chunk in chunks(set(edition_ids), 500):
        reindex_works(EditionWork.objects.filter(edition__in=chunk).values_list("work", flat=True))


def reindex_all() -> int:
    ids = list(Copy.everything.values_list("pk", flat=True))
    reindex(ids)
    return len(ids)


def _documents(copy_ids: list[int]) -> list[tuple]:
    """Rows of DOCUMENT_FIELDS: plain tuples, a model instance each would cost more."""
    # Copies in the trash keep their documents (lists leave them out), ready for a restore.
    copies = with_ids(Copy.everything, "id", copy_ids).values_list(
        "pk",
        "collection",
        "edition",
        "index",
        "notes",
        "other_details",
        "edition__barcode",
        "edition__distributor__name",
    )
    copies = list(copies)
    works_of = defaultdict(list)  # edition → [work ids]
    titles = defaultdict(list)  # work → titles
    links = with_ids(EditionWork.objects, "edition", {c[2] for c in copies}).order_by("order")
    for edition, work, *names in links.values_list(
        "edition", "work", "work__title", "work__sort_title", "work__original_title"
    ):
        works_of[edition].append(work)
        titles[work].extend(name for name in names if name)
    work_ids = list(titles)
    people = _texts(with_ids(Credit.objects, "work", work_ids), "person__name", "character")
    plots = _plot_texts(work_ids)
    episodes = _texts(with_ids(Episode.objects, "work", work_ids).order_by("order", "pk"), "title")
    tags = defaultdict(list)
    # In the order they were given (as a new copy's document has them), on either database.
    tagged = with_ids(Copy.tags.through.objects, "copy", copy_ids).order_by("id")
    for copy, name in tagged.values_list("copy", "tag__name"):
        tags[copy].append(name)
    return [
        document(
            CopyText(pk, collection, index, notes, details, barcode, distributor, tags[pk]),
            [
                WorkText(titles[w], people.get(w, ""), plots.get(w, ""), episodes.get(w, ""))
                for w in works_of[edition]
            ],
        )
        for pk, collection, edition, index, notes, details, barcode, distributor in copies
    ]


class WorkText(NamedTuple):
    """What a copy's document holds of one of its works."""

    titles: list[str]  # its title, sort title and original title, those not empty
    people: str  # the names and characters of its credits, in their order, joined
    plots: str  # the texts of its plots, in their order, joined
    episodes: str = ""  # the titles of its episodes, in their order, joined


class CopyText(NamedTuple):
    """What a copy's document holds of the copy and its edition."""

    pk: int
    collection: int
    index: int
    notes: str
    details: list | None  # [name, value] pairs
    barcode: str
    distributor: str | None  # its name
    tags: list[str]


def document(copy: CopyText, works: list[WorkText]) -> tuple:
    """A row of DOCUMENT_FIELDS: a copy's texts, folded for search."""
    body = [*(work.plots for work in works), *(work.episodes for work in works)]
    body += [*copy.tags, copy.notes]
    body += [copy.distributor or "", str(copy.index)]
    body += [value for _, value in copy.details or ()]
    if copy.barcode:
        body += [copy.barcode, barcodes.display(copy.barcode)]
    return (
        copy.pk,
        copy.collection,
        fold(" ".join(title for work in works for title in work.titles)),
        fold(" ".join(work.people for work in works)),
        fold(" ".join(part for part in body if part)),
    )


def _plot_texts(work_ids: list[int]) -> dict[int, str]:
    """Each work's plots as words: a formatted (HTML) one without its tags."""
    parts = defaultdict(list)
    rows = with_ids(Plot.objects, "work", work_ids).values_list("work", "text", "markup")
    for work, text, kind in rows:
        if text:
            parts[work].append(plot_words(text, kind))
    return {work: " ".join(values) for work, values in parts.items()}


def plot_words(text: str, kind: str) -> str:
    return markup.plain_text(text) if kind == "html" else text


def _texts(queryset, *fields: str) -> dict[int, str]:
    parts = defaultdict(list)
    for work, *values in queryset.values_list("work", *fields):
        parts[work].extend(value for value in values if value)
    return {work: " ".join(values) for work, values in parts.items()}
