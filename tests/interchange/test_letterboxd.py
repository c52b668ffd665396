"""Alice brings her Letterboxd diary: viewings, ratings and reviews go onto the films she has."""

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from cinecat.catalog.models import Copy, CopyStatus, Viewing
from cinecat.interchange import registry
from cinecat.interchange.formats import letterboxd
from cinecat.interchange.formats.base import FormatError, Unreadable
from cinecat.interchange.models import ImportJob
from cinecat.interchange.services import import_files
from cinecat.interchange.undo import undo_import
from cinecat.interchange.writer import ImportFailed
from cinecat.interchange.writer.attach import NOT_THERE, attach_records
from tests.factories import CopyFactory, EditionFactory, WorkFactory

EXPORT = Path(__file__).parent / "letterboxd_export"
FILES = ["profile.csv", *letterboxd.FILES]


def export_zip(tmp_path, *, extra: dict[str, str] | None = None) -> Path:
    """The export as Letterboxd gives it: a ZIP of its CSV files, and folders not to read."""
    path = tmp_path / "letterboxd-alice-2024-03-05-10-00-utc.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in FILES:
            archive.write(EXPORT / name, name)
        archive.writestr("deleted/diary.csv", (EXPORT / "diary.csv").read_text())
        for name, text in (extra or {}).items():
            archive.writestr(name, text)
    return path


def copy_of(collection, title, year, *, original="", index=None, status=CopyStatus.OWNED):
    work = WorkFactory(title=title, year=year, original_title=original)
    edition = EditionFactory(works=[work])
    return CopyFactory(collection=collection, edition=edition, index=index, status=status)


@pytest.fixture
def shelves(alice_collection):
    return {
        "Fargo": copy_of(alice_collection, "Fargo", 1996, index=1),
        "Amelie": copy_of(alice_collection, "AMELIE", 2001, index=2),
        "Tiger": copy_of(
            alice_collection, "Tiger and Dragon", 2000, original="Crouching Tiger, Hidden Dragon"
        ),
        "Heat": copy_of(alice_collection, "Heat", 1995),
        "Alien": copy_of(alice_collection, "Alien", 1979),
    }


def read(data: bytes, name: str = "") -> list:
    stream = io.BytesIO(data)
    stream.name = name
    return list(letterboxd.read(stream))


def by_title(records) -> dict:
    return {record.works[0].title: record for record in records}


# -- reading --------------------------------------------------------------------------------------


def test_each_file_of_the_export_and_the_zip_are_recognised_by_their_content(tmp_path):
    for name in letterboxd.FILES:
        assert registry.detect((EXPORT / name).read_bytes()).key == "letterboxd", name
    assert registry.detect(export_zip(tmp_path).read_bytes()).key == "letterboxd"
    plain = b"Title,Year\nFargo,1996\n"
    assert registry.detect(plain).key == "csv"


def test_the_zip_gives_one_record_a_film_with_everything_its_files_say(tmp_path):
    records = by_title(read(export_zip(tmp_path).read_bytes()))
    assert set(records) == {
        "Fargo",
        "Amélie",
        "Crouching Tiger, Hidden Dragon",
        "Paddington 2",
        "Heat",
        "Perfect Days",
        "Alien",
    }
    fargo = records["Fargo"].copy
    assert [(v.watched_on, v.rewatch) for v in fargo.viewing_log] == [
        (dt.date(2023, 1, 7), False),
        (dt.date(2024, 3, 1), True),
    ]
    assert fargo.viewing_log[1].note == 'Better every time, "you betcha".'
    assert (fargo.my_rating, fargo.viewings, fargo.status) == (10, 2, CopyStatus.WATCHED)
    heat = records["Heat"].copy  # watched and rated, never in the diary
    assert (heat.my_rating, heat.viewings, heat.viewing_log) == (9, 1, ())
    tiger = records["Crouching Tiger, Hidden Dragon"].copy  # no rating now: the diary's
    assert tiger.my_rating == 7
    assert records["Perfect Days"].copy.status == CopyStatus.WISH_LIST
    assert records["Perfect Days"].works[0].year == 2023
    assert records["Heat"].source_id == "https://boxd.it/2b2a"


def test_watched_and_watchlist_files_alone_are_told_apart_by_their_names():
    data = (EXPORT / "watchlist.csv").read_bytes()
    assert {r.copy.status for r in read(data, "imports/watchlist_x1Yz.csv")} == {"wish"}
    assert {r.copy.status for r in read(data, "watched.csv")} == {"watched"}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2024-01-01,Fargo,1996,https://boxd.it/a,7,,,2024-01-01", "Rating '7' is not a rating"),
        ("2024-01-01,Fargo,1996,https://boxd.it/a,3.7,,,2024-01-01", "Rating '3.7' is not"),
        ("2024-01-01,Fargo,19x6,https://boxd.it/a,3,,,2024-01-01", "Year '19x6' is not a year"),
        ("2024-01-01,Fargo,1996,https://boxd.it/a,3,,,2024-02-30", "Watched Date '2024-02-30'"),
        ("2024-01-01,,1996,https://boxd.it/a,3,,,2024-01-01", "no film name"),
        ("2024-01-01,Fargo,1996", "3 columns where the header has 8"),
    ],
)
def test_a_bad_row_is_unreadable_naming_its_file_line_and_value(row, message):
    header = (EXPORT / "diary.csv").read_text().splitlines()[0]
    found = read(f"{header}\n{row}\n".encode(), "diary.csv")
    assert isinstance(found[0], Unreadable)
    assert found[0].where == "diary.csv line 2" and message in found[0].message


def test_a_zip_without_letterboxd_files_or_a_file_with_other_columns_is_refused(tmp_path):
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("diary.txt", "hello")
    with pytest.raises(FormatError, match="none of Letterboxd's diary.csv"):
        read(path.read_bytes())
    with pytest.raises(FormatError, match="not Letterboxd's"):
        read(b"Date,Title\n2024-01-01,Fargo\n", "diary.csv")


# -- attaching ------------------------------------------------------------------------------------


def test_viewings_ratings_and_reviews_attach_to_the_matching_films(
    shelves, alice_collection, tmp_path
):
    [job] = import_files([export_zip(tmp_path)], alice_collection)
    assert (job.format_key, job.status) == ("letterboxd", ImportJob.Status.DONE)
    fargo = Copy.objects.get(pk=shelves["Fargo"].pk)
    assert (fargo.my_rating, fargo.viewings) == (10, 2)
    assert [v.rewatch for v in fargo.viewing_log.order_by("watched_on")] == [False, True]
    amelie = Copy.objects.get(pk=shelves["Amelie"].pk)  # "AMELIE" is "Amélie", folded
    assert (amelie.my_rating, amelie.viewings) == (8, 1)
    tiger = Copy.objects.get(pk=shelves["Tiger"].pk)  # found by its original title
    assert tiger.viewing_log.get().watched_on == dt.date(2023, 9, 29)
    heat = Copy.objects.get(pk=shelves["Heat"].pk)
    assert (heat.my_rating, heat.viewings, heat.viewing_log.count()) == (9, 1, 0)
    change = fargo.changes.first().changes
    assert change["My rating"] == ["", "★★★★★"]
    assert change["Viewing"] == [
        "",
        '2023-01-07\n2024-03-01, rewatch: Better every time, "you betcha".',
    ]


def test_the_report_lists_films_not_in_the_collection_and_the_watchlist(
    shelves, alice_collection, tmp_path
):
    [job] = import_files([export_zip(tmp_path)], alice_collection)
    items = {item.title: item for item in job.items.all()}
    assert items["Paddington 2 (2017)"].action == "skipped"
    assert items["Paddington 2 (2017)"].message == NOT_THERE
    assert items["Alien (1979)"].action == "skipped"
    assert "already in the collection as #" in items["Alien (1979)"].message
    wish = items["Perfect Days (2023)"]
    assert (wish.action, wish.message) == ("created", "added to the wish list")
    assert wish.copy.status == CopyStatus.WISH_LIST
    assert items["Fargo (1996)"].action == "updated"
    assert (job.created, job.updated, job.skipped) == (1, 4, 2)
    assert not Copy.objects.filter(edition__edition_works__work__title="Paddington 2").exists()


def test_films_not_owned_are_added_as_watched_when_asked(shelves, alice_collection, tmp_path):
    import_files([export_zip(tmp_path)], alice_collection, add_unmatched=True)
    paddington = Copy.objects.get(edition__edition_works__work__title="Paddington 2")
    assert (paddington.status, paddington.my_rating, paddington.viewings) == ("watched", 10, 1)
    assert paddington.viewing_log.get().watched_on == dt.date(2024, 1, 19)
    assert paddington.edition.edition_works.get().work.year == 2017


def test_importing_the_same_diary_again_adds_no_viewing_twice(shelves, alice_collection, tmp_path):
    import_files([export_zip(tmp_path)], alice_collection)
    before = Viewing.objects.count()
    [again] = import_files([export_zip(tmp_path)], alice_collection)
    assert Viewing.objects.count() == before
    assert (again.updated, again.same, again.created) == (0, 4, 0)
    assert Copy.objects.filter(status=CopyStatus.WISH_LIST).count() == 1  # Perfect Days once


def test_a_copy_in_the_collection_is_preferred_to_a_wish_and_the_lowest_index_first(
    alice_collection,
):
    copy_of(alice_collection, "Fargo", 1996, index=9, status=CopyStatus.WISH_LIST)
    blu_ray = copy_of(alice_collection, "Fargo", 1996, index=5)
    dvd = copy_of(alice_collection, "Fargo", 1996, index=3)
    records = read((EXPORT / "diary.csv").read_bytes(), "diary.csv")
    attach_records(records, alice_collection)
    assert Copy.objects.get(pk=dvd.pk).viewings == 2
    assert Copy.objects.get(pk=blu_ray.pk).viewings == 0


def test_one_bad_row_imports_nothing_unless_the_valid_rows_are_to_be_kept(
    shelves, alice_collection, tmp_path
):
    bad = (
        EXPORT / "diary.csv"
    ).read_text() + "2024-05-05,Heat,1995,https://boxd.it/z,9,,,2024-05-04\n"
    diary = tmp_path / "diary.csv"
    diary.write_text(bad)
    with pytest.raises(ImportFailed, match="diary.csv line 7: Rating '9'"):
        import_files([diary], alice_collection)
    assert not Viewing.objects.exists()
    [job] = import_files([diary], alice_collection, keep_going=True)
    assert job.failed == 1 and Viewing.objects.count() == 4


def test_a_letterboxd_import_can_be_undone(shelves, alice_collection, tmp_path):
    [job] = import_files([export_zip(tmp_path)], alice_collection)
    undo_import(job)
    fargo = Copy.objects.get(pk=shelves["Fargo"].pk)
    assert (fargo.my_rating, fargo.viewings, fargo.viewing_log.count()) == (None, 0, 0)
    assert not Copy.objects.filter(status=CopyStatus.WISH_LIST).exists()


def test_the_command_imports_the_zip_and_says_what_it_skipped(shelves, alice_collection, tmp_path):
    out = io.StringIO()
    path = export_zip(tmp_path)
    call_command("import", str(path), "--collection", "alice", "--add-unmatched", stdout=out)
    said = out.getvalue()
    assert "created" in said and "Paddington 2 (2017)" in said
    assert "note: added as watched, not owned" in said
    assert "2 created, 4 updated, 1 skipped in Alice's shelves" in said
    assert Copy.objects.filter(status=CopyStatus.WATCHED).count() == 1


def test_the_import_page_offers_to_add_the_films_not_owned(
    client, alice_collection, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assert (
        "Add the films I do not own (Letterboxd)" in client.get("/c/alice/import/").content.decode()
    )
    data = (EXPORT / "diary.csv").read_bytes()
    upload = SimpleUploadedFile("diary.csv", data)
    form = {"upload": upload, "on_duplicate": "update", "add_unmatched": "on"}
    assert client.post("/c/alice/import/", form).status_code == 302
    assert ImportJob.objects.get().add_unmatched


def test_a_rewatch_the_same_day_is_a_viewing_of_its_own_and_a_review_without_a_date_once(
    shelves, alice_collection
):
    header = (EXPORT / "reviews.csv").read_text().splitlines()[0]
    rows = [
        "2024-01-02,Heat,1995,https://boxd.it/h1,4,,Morning.,,2024-01-01",
        "2024-01-02,Heat,1995,https://boxd.it/h2,4.5,Yes,Evening.,,2024-01-01",
        "2024-01-03,Heat,1995,https://boxd.it/h3,4.5,,Undated thoughts.,,",
    ]
    data = "\n".join([header, *rows]).encode()
    for _ in range(2):
        attach_records(read(data, "reviews.csv"), alice_collection)
    heat = Copy.objects.get(pk=shelves["Heat"].pk)
    log = [(v.watched_on, v.rewatch, v.note) for v in heat.viewing_log.order_by("pk")]
    assert log == [
        (dt.date(2024, 1, 1), False, "Morning."),
        (dt.date(2024, 1, 1), True, "Evening."),
        (None, False, "Undated thoughts."),
    ]
    assert (heat.viewings, heat.my_rating) == (3, 9)


def test_a_rating_alone_says_the_film_was_seen():
    [record] = read((EXPORT / "ratings.csv").read_bytes(), "ratings.csv")[2:]
    assert (record.works[0].title, record.copy.status, record.copy.viewings) == (
        "Heat",
        "watched",
        1,
    )


def test_a_zip_member_that_would_escape_the_archive_is_refused(tmp_path):
    path = export_zip(tmp_path, extra={"../diary.csv": "x"})
    with pytest.raises(FormatError, match="unsafe path: ../diary.csv"):
        read(path.read_bytes())
