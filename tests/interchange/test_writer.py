"""The record writer: duplicates, indexes, failures, loans and box sets."""

import datetime as dt
import gc
from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cinecat.catalog.models import Copy, Credit, Edition, Work
from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    PlotRecord,
    Record,
    WorkRecord,
)
from cinecat.interchange.writer import ImportFailed, apply_records
from cinecat.interchange.writer.matching import Incoming, find_existing
from cinecat.lending.models import Loan
from tests.factories import CollectionFactory

ALIEN_UPC = "024543617907"


def entry(title="Alien", *, barcode="", index=None, source_id="", year=1979, fmt="DVD", **copy):
    return Record(
        works=(
            WorkRecord(
                title=title,
                year=year,
                genres=("Horror", "Sci-Fi"),
                credits=(
                    CreditRecord("Sigourney Weaver", "Ripley"),
                    CreditRecord("Ridley Scott", job="Director", role="crew"),
                ),
                plots=(PlotRecord("In space no one can hear you scream.", "me"),),
            ),
        ),
        edition=EditionRecord(format=fmt, barcode=barcode, distributor="Fox"),
        copy=CopyRecord(index=index, **copy),
        source_id=source_id,
        where=f"entry {title}",
    )


def test_new_entries_are_created_with_their_people_and_plots(alice_collection):
    report = apply_records([entry(barcode=ALIEN_UPC, index=3)], alice_collection)
    assert report.count("created") == 1
    copy = Copy.objects.get()
    assert copy.index == 3
    work = copy.first_work
    assert list(work.genres.values_list("name", flat=True)) == ["Horror", "Sci-Fi"]
    assert list(work.cast.values_list("person__name", "character")) == [
        ("Sigourney Weaver", "Ripley")
    ]
    assert list(work.crew.values_list("person__name", "job")) == [("Ridley Scott", "Director")]
    assert work.plots.get().author == "me"


def test_the_same_barcode_again_updates_by_default(alice_collection):
    apply_records([entry(barcode=ALIEN_UPC, owner="Alice")], alice_collection)
    report = apply_records([entry(barcode=ALIEN_UPC, owner="Bob")], alice_collection)
    assert report.count("updated") == 1
    assert Copy.objects.get().owner == "Bob"
    assert Credit.objects.count() == 2  # replaced, not doubled


def test_an_update_rewrites_what_changed_and_keeps_what_did_not(alice_collection):
    apply_records([entry(barcode=ALIEN_UPC, tags=("Space",))], alice_collection)
    first = entry(barcode=ALIEN_UPC, tags=("Space", "Classics"))
    work = first.works[0]
    cast = (CreditRecord("Tom Skerritt", "Dallas"), work.credits[1])
    changed = replace(first, works=(replace(work, genres=("Sci-Fi",), credits=cast),))
    apply_records([changed], alice_collection)
    copy = Copy.objects.get()
    assert list(copy.first_work.genres.values_list("name", flat=True)) == ["Sci-Fi"]
    credits = copy.first_work.credits.order_by("order")
    assert list(credits.values_list("person__name", "order")) == [
        ("Tom Skerritt", 0),
        ("Ridley Scott", 1),
    ]
    assert set(copy.tags.values_list("name", flat=True)) == {"Space", "Classics"}
    assert "skerritt" in copy.search_document.people_text
    stored = list(Credit.objects.values_list("pk", flat=True))
    apply_records([changed], alice_collection)  # the same again: the rows stay as they are
    assert list(Credit.objects.values_list("pk", flat=True)) == stored


def test_the_user_may_skip_duplicates(alice_collection):
    apply_records([entry(barcode=ALIEN_UPC, owner="Alice")], alice_collection)
    report = apply_records(
        [entry(barcode=ALIEN_UPC, owner="Bob")], alice_collection, on_duplicate="skip"
    )
    assert report.count("skipped") == 1
    assert Copy.objects.get().owner == "Alice"


def test_the_user_may_add_duplicates_as_new_copies_of_one_edition(alice_collection):
    apply_records([entry(barcode=ALIEN_UPC)], alice_collection)
    apply_records([entry(barcode=ALIEN_UPC)], alice_collection, on_duplicate="add")
    assert Copy.objects.count() == 2
    assert Edition.objects.count() == 1


def test_a_source_id_finds_the_copy_before_anything_else(alice_collection):
    apply_records([entry(source_id="A1")], alice_collection, source_key="test")
    report = apply_records(
        [entry(title="Alien (Director's Cut)", source_id="A1")],
        alice_collection,
        source_key="test",
    )
    assert report.count("updated") == 1
    assert Copy.objects.get().first_work.title == "Alien (Director's Cut)"


def test_without_barcode_title_year_and_format_find_the_copy(alice_collection):
    apply_records([entry()], alice_collection)
    assert apply_records([entry(title="ALIEN")], alice_collection).count("updated") == 1
    assert apply_records([entry(fmt="Blu-ray")], alice_collection).count("created") == 1
    assert apply_records([entry(year=1986)], alice_collection).count("created") == 1


def test_a_taken_index_gives_the_next_free_one_and_says_so(alice_collection):
    apply_records([entry(title="Heat", index=5)], alice_collection)
    report = apply_records([entry(index=5)], alice_collection)
    assert report.items[0].message == "index 5 is taken; this copy got 6"
    assert Copy.objects.get(index=6).first_work.title == "Alien"


def test_a_code_that_is_no_barcode_is_kept_as_written_flagged_and_reported(alice_collection):
    report = apply_records([entry(), entry(title="Heat", barcode="024543617908")], alice_collection)
    assert [item.action for item in report.items] == ["created", "created"]
    assert "Barcode: The barcode 024543617908 has a wrong check digit" in report.items[1].message
    heat = Copy.objects.get(edition__barcode_as_given="024543617908")
    assert heat.edition.barcode == ""
    assert heat.flags == [
        [
            "Barcode",
            "The barcode 024543617908 has a wrong check digit. It is kept as written, "
            "not as a barcode.",
        ]
    ]


def test_an_entry_that_cannot_be_stored_fails_the_whole_import_by_default(alice_collection):
    with pytest.raises(ImportFailed, match="entry Heat: the owner"):
        apply_records([entry(), entry(title="Heat", owner="O" * 201)], alice_collection)
    assert Copy.objects.count() == 0


def test_keep_going_imports_the_valid_entries_and_reports_the_rest(alice_collection):
    report = apply_records(
        [entry(), entry(title="Heat", owner="O" * 201)], alice_collection, keep_going=True
    )
    assert [item.action for item in report.items] == ["created", "failed"]
    assert "the owner 'OOO" in report.items[1].message
    assert Copy.objects.count() == 1


def test_loans_are_kept_with_their_borrower(alice_collection):
    loan = LoanRecord("Bob", lent_on=dt.date(2025, 5, 1), due_on=dt.date(2025, 6, 1))
    apply_records([entry(loans=(loan,))], alice_collection)
    stored = Loan.objects.get()
    assert (stored.borrower.name, stored.lent_on, stored.is_open) == (
        "Bob",
        dt.date(2025, 5, 1),
        True,
    )


def test_a_box_set_is_one_edition_holding_its_works_in_order(alice_collection):
    box = Record(
        works=(WorkRecord("Alien"), WorkRecord("Aliens"), WorkRecord("Alien 3")),
        edition=EditionRecord(format="Blu-ray", name="Quadrilogy"),
    )
    apply_records([box], alice_collection)
    edition = Edition.objects.get()
    assert edition.is_box_set
    assert [link.work.title for link in edition.edition_works.all()] == [
        "Alien",
        "Aliens",
        "Alien 3",
    ]


def test_two_collections_owning_one_dvd_share_its_edition(alice_collection):
    bob = CollectionFactory(slug="bob")
    apply_records([entry(barcode=ALIEN_UPC)], alice_collection)
    apply_records([entry(barcode="0" + ALIEN_UPC)], bob)
    assert Copy.objects.count() == 2
    assert Edition.objects.count() == Work.objects.count() == 1


def test_a_value_longer_than_its_column_fails_the_entry_with_its_length(alice_collection):
    long = Record(works=(WorkRecord("Heat", colour="x" * 150),), where="entry Heat")
    report = apply_records([entry(), long], alice_collection, keep_going=True)
    assert report.items[1].action == "failed"
    assert report.items[1].message.startswith("the colour 'xxxx")
    assert "is 150 characters; at most 100 fit" in report.items[1].message


def test_a_credit_past_its_column_fails_the_entry_with_the_first_such_value(alice_collection):
    cast = (
        CreditRecord("Al Pacino", "Vincent Hanna"),
        CreditRecord("Robert De Niro", "C" * 301),
        CreditRecord("Michael Mann", job="J" * 101, role="crew"),
    )
    heat = replace(entry("Heat"), works=(replace(entry("Heat").works[0], credits=cast),))
    report = apply_records([entry(), heat], alice_collection, keep_going=True)
    assert [item.action for item in report.items] == ["created", "failed"]
    assert report.items[1].message.startswith("the character 'CCCC")
    assert "is 301 characters; at most 300 fit" in report.items[1].message


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda r: replace(r, works=(replace(r.works[0], credits=(CreditRecord("N" * 250),)),)),
            "the person's name 'NNNN",
        ),
        (lambda r: replace(r, copy=replace(r.copy, tags=("ok", "T" * 201))), "the tag 'TTTT"),
        (
            lambda r: replace(r, copy=replace(r.copy, location=("Room", "S" * 300))),
            "the location 'SSSS",
        ),
        (
            lambda r: replace(r, works=(replace(r.works[0], genres=("G" * 201,)),)),
            "the genre 'GGGG",
        ),
        (
            lambda r: replace(r, edition=replace(r.edition, distributor="D" * 201)),
            "the distributor 'DDDD",
        ),
    ],
)
def test_a_name_longer_than_its_table_takes_fails_the_entry(alice_collection, change, message):
    # PostgreSQL would refuse the row and abort the whole import; SQLite would store it.
    report = apply_records([entry(), change(entry("Heat"))], alice_collection, keep_going=True)
    assert [item.action for item in report.items] == ["created", "failed"]
    assert report.items[1].message.startswith(message)
    assert "characters; at most 200 fit" in report.items[1].message
    assert Copy.objects.count() == 1


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: replace(r, edition=replace(r.edition, discs=99999)), "the discs 99999"),
        (lambda r: replace(r, copy=replace(r.copy, index=2**31)), f"the index {2**31}"),
        (lambda r: replace(r, copy=replace(r.copy, viewings=-1)), "the viewings -1"),
        (
            lambda r: replace(r, works=(replace(r.works[0], runtime_minutes=40000),)),
            "the runtime minutes 40000",
        ),
        (lambda r: replace(r, works=(replace(r.works[0], year=32768),)), "the year 32768"),
    ],
)
def test_a_number_past_its_column_fails_the_entry_with_the_range(alice_collection, change, message):
    # PostgreSQL would refuse the row and abort the whole import; SQLite would store it, and a
    # backup of it would then not restore on PostgreSQL.
    report = apply_records([entry(), change(entry("Heat"))], alice_collection, keep_going=True)
    assert [item.action for item in report.items] == ["created", "failed"]
    assert report.items[1].message.startswith(f"{message} is out of range: ")
    assert Copy.objects.count() == 1


def _plot(record, **changes):
    work = record.works[0]
    return replace(record, works=(replace(work, plots=(replace(work.plots[0], **changes),)),))


def _copy(record, **changes):
    return replace(record, copy=replace(record.copy, **changes))


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda r: replace(r, works=(replace(r.works[0], title="He\x00at"),)),
            "a value holds a NUL",
        ),
        (lambda r: _copy(r, other_details=(("Note", "a\x00b"),)), "a value holds a NUL"),
        (lambda r: _plot(r, author="A" * 201), "the author 'AAAA"),
        (lambda r: replace(r, source_id="S" * 101), "the source id 'SSSS"),
        (lambda r: _copy(r, purchase_price=Decimal("123456789.50")), "the purchase price"),
        (
            lambda r: _copy(
                r, added_at=dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5)))
            ),
            "the added at 0001-01-01",
        ),
        (
            lambda r: _copy(r, modified_at=dt.datetime(9999, 12, 31, 23, tzinfo=dt.UTC)),
            "the modified at 9999-12-31",
        ),
    ],
)
def test_a_value_no_database_could_keep_fails_the_entry_with_what_it_is(
    alice_collection, change, message
):
    # PostgreSQL would refuse the row and abort the whole import; SQLite would store it (a NUL,
    # a price past its digits) or fail the whole import (a time past the calendar's ends).
    report = apply_records([entry(), change(entry("Heat"))], alice_collection, keep_going=True)
    assert [item.action for item in report.items] == ["created", "failed"]
    assert report.items[1].message.startswith(message)
    assert Copy.objects.count() == 1


def test_a_title_whose_sort_title_would_be_longer_than_its_column_is_cut_to_fit(
    alice_collection,
):
    title = "The " + "x" * 296  # 300 characters; "xxx…, The" would be 301
    apply_records([entry(title)], alice_collection)
    work = Work.objects.get()
    assert (work.title, len(work.sort_title)) == (title, 300)
    assert work.sort_title.startswith("xxx")


def test_an_import_of_one_whole_batch_leaves_statistics_on_either_database(
    alice_collection, monkeypatch
):
    from cinecat.interchange.writer import run

    monkeypatch.setattr(run, "BATCH_SIZE", 3)
    apply_records([entry(f"Film {n}") for n in range(3)], alice_collection)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'catalog_copy'")
            assert cursor.fetchone()[0] >= 3
        else:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'catalog_copy'")
            assert cursor.fetchone()[0] > 0


def test_the_planner_statistics_follow_an_import_as_its_tables_double(
    alice_collection, monkeypatch
):
    # Lookups of the import itself (by source id, by barcode) are planned on these statistics:
    # taken while the tables were empty, they would have every batch walk every copy.
    from cinecat.interchange.writer import run

    copies_at_refresh = []
    monkeypatch.setattr(run, "BATCH_SIZE", 3)
    monkeypatch.setattr(
        run.planner,
        "refresh_statistics",
        lambda **_: copies_at_refresh.append(Copy.objects.count()) or True,
    )
    records = [entry(f"Film {n}", source_id=str(n)) for n in range(20)]
    apply_records(records, alice_collection, source_key="test")
    assert copies_at_refresh == [3, 6, 12, 20]  # after batches 1, 2, 4 and once done
    copies_at_refresh.clear()
    apply_records(records, alice_collection, source_key="test")  # all as stored: nothing to do
    assert copies_at_refresh == []
    changed = [replace(record, works=(replace(record.works[0], year=1980),)) for record in records]
    apply_records(changed, alice_collection, source_key="test")  # all updated: no growth
    assert copies_at_refresh == [20]


def test_copies_given_no_dates_take_the_time_of_their_import(alice_collection):
    apply_records([entry(f"Film {n}") for n in range(3)], alice_collection)
    stamps = set(Copy.objects.values_list("added_at", "modified_at"))
    assert len(stamps) == 1
    added, modified = stamps.pop()
    assert added == modified


# What SQLite's sampled ANALYZE (analysis_limit=1000) says of one collection of 100,000 copies:
# ~1,000 rows for a collection, a source key, "not in the trash"; one row for an id or barcode.
SAMPLED_ROWS_PER_VALUE = {
    "collection_id": 1001,
    "trashed_at": 1001,
    "source_key": 1001,
    "storage_device_id": 1001,
    "location_id": 1001,
    "distributor_id": 1001,
}


def test_duplicate_lookups_use_their_indexes_in_a_collection_of_100000(alice_collection):
    # Planned as a walk through the collection, each lookup took 100 ms at 100,000 copies.
    if connection.vendor != "sqlite":  # PostgreSQL keeps whole statistics of its own
        assert connection.vendor == "postgresql"
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        for table in ("catalog_copy", "catalog_edition"):
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [table])
            cursor.execute(f"PRAGMA index_list({table})")
            for index in [row[1] for row in cursor.fetchall()]:
                cursor.execute(f"PRAGMA index_info({index})")
                counts, rows = ["100000"], 100000
                for column in [row[2] for row in cursor.fetchall()]:
                    rows = min(rows, SAMPLED_ROWS_PER_VALUE.get(column, 1))
                    counts.append(str(rows))
                cursor.execute(
                    "INSERT INTO sqlite_stat1 VALUES (%s, %s, %s)",
                    [table, index, " ".join(counts)],
                )
        cursor.execute("ANALYZE sqlite_schema")  # read the statistics again
    entries = [
        Incoming(n, entry(f"Film {n}", source_id=f"S{n}"), barcode=f"{n:013d}") for n in range(300)
    ]
    with CaptureQueriesContext(connection) as queries:
        find_existing(alice_collection, "test", entries)
    lookups = [q["sql"] for q in queries if " IN (" in q["sql"] and "catalog_copy" in q["sql"]]
    assert len(lookups) >= 2  # by source id, then by barcode
    with connection.cursor() as cursor:
        for sql in lookups:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " / ".join(row[3] for row in cursor.fetchall())
            assert "source_id=?" in plan or "barcode=?" in plan, plan


def test_an_import_runs_the_cycle_collector_less_often_and_then_as_before(alice_collection):
    from cinecat.core import cycles

    before = gc.get_threshold()
    during = []
    apply_records(
        [entry()], alice_collection, on_batch=lambda _: during.append(gc.get_threshold()[0])
    )
    assert during == [cycles.THRESHOLD]
    assert gc.get_threshold() == before


def test_the_search_documents_an_import_makes_are_those_a_rebuild_makes(alice_collection):
    # New copies' documents are made from what the import wrote, not read back: they must be
    # what a rebuild from the catalog makes of the same copies.
    from cinecat.search.index import reindex_all
    from cinecat.search.models import SearchDocument

    crew_first = (
        CreditRecord("Ridley Scott", job="Director", role="crew"),
        CreditRecord("Sigourney Weaver", "Ripley"),
        CreditRecord("Ian Holm"),
    )
    alien, aliens = entry().works[0], entry("Aliens").works[0]
    box = replace(
        entry(barcode=ALIEN_UPC, tags=("scifi", "box", "scifi"), notes="Shelf A"),
        works=(replace(alien, credits=crew_first, original_title="Alien (1979)"), aliens),
    )
    again = replace(
        entry(barcode=ALIEN_UPC, other_details=(("Note", "signed"),)),
        edition=EditionRecord(barcode=ALIEN_UPC, distributor="Another"),
    )
    heat = entry("Heat", index=7)  # a name written as another's, but for its case
    heat = replace(heat, works=(replace(heat.works[0], credits=(CreditRecord("ian holm"),)),))
    records = [box, again, heat, replace(entry("Fargo"), edition=EditionRecord())]
    apply_records(records, alice_collection)
    # A copy on an edition stored before the import has its edition's works read back.
    apply_records([entry(barcode=ALIEN_UPC)], CollectionFactory(slug="bob"))
    fields = ["copy", "title_text", "people_text", "body_text"]
    imported = sorted(SearchDocument.objects.values_list(*fields))
    SearchDocument.objects.all().delete()
    reindex_all()
    assert len(imported) == 5
    assert imported == sorted(SearchDocument.objects.values_list(*fields))
