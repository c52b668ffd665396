"""Alice imports through the web: upload, a background worker runs it, the page follows it."""

import html
import re
from dataclasses import replace
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from cinecat.catalog import services
from cinecat.catalog.models import Copy, Work
from cinecat.catalog.records import CopyRecord, Record, WorkRecord
from cinecat.interchange.formats import clz_page
from cinecat.interchange.models import ImportJob
from cinecat.interchange.services import live_job, publish_progress, run_stored_job
from cinecat.interchange.writer import apply_records


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, name: str, content: bytes, **fields):
    data = {"upload": SimpleUploadedFile(name, content), "on_duplicate": "update", **fields}
    return client.post("/c/alice/import/", data)


@pytest.fixture
def worker_db(transactional_db):
    """The worker closes its database connection when done: data must really be committed."""


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())


def test_the_import_page_offers_every_format(client, alice_collection):
    text = client.get("/c/alice/import/").content.decode()
    for label in ("DVD Profiler", "CLZ Movie Collector", "Tellico", "GCstar", "Delicious Library"):
        assert label in text


def test_an_upload_is_queued_then_run_by_the_worker(
    worker_db, client, alice_collection, reference_path
):
    response = upload(client, "stalin.txt", reference_path.read_bytes())
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/c/alice/imports/{job.pk}/"
    assert job.status == "queued"
    queued = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in queued  # the page keeps asking while it waits

    run_worker()

    job.refresh_from_db()
    assert (job.status, job.created, job.format_key) == ("done", 1, "clz-page")
    assert not job.upload  # the uploaded file is not kept
    page = client.get(f"/c/alice/imports/{job.pk}/").content.decode()
    assert "1 entry read: 1 created, 0 updated, 0 skipped, 0 failed." in page
    assert "hx-trigger" not in page
    assert Copy.objects.get().index == 1279


def test_a_broken_file_fails_with_its_reason_and_changes_nothing(
    worker_db, client, alice_collection
):
    upload(client, "broken.xml", b"<?xml version='1.0'?><movieinfo><movielist><movie>")
    run_worker()
    job = ImportJob.objects.get()
    assert job.status == "failed"
    page = client.get(f"/c/alice/imports/{job.pk}/").content.decode()
    assert "line 1" in page
    assert "Nothing was imported." in page
    assert Copy.objects.count() == 0


def test_an_oversized_upload_is_refused_with_the_limit(client, alice_collection, settings):
    settings.CINECAT_MAX_UPLOAD_MB = 1
    response = upload(client, "huge.xml", b"x" * (2 * 1024 * 1024))
    assert response.status_code == 400
    assert "huge.xml is 2 MB; the largest import accepted is 1 MB." in response.content.decode()
    assert ImportJob.objects.count() == 0


BACKUP_ENTRIES = (
    b'{"format": "cinecat", "version": 2, "entries": [\n'
    b'{"works": [{"title": "Heat"}], "trashed_at": "2026-02-01T09:00:00+00:00"},\n'
    b'{"works": [{"title": "Alien"}]}\n]}\n'
)


def test_a_backups_entries_from_the_trash_are_imported_into_the_trash(client, alice_collection):
    response = upload(client, "cinecat.json", BACKUP_ENTRIES)
    run_stored_job(ImportJob.objects.get().pk)

    page = client.get(response["Location"]).content.decode()

    assert "2 created (1 of them in the trash, as in the file), 0 updated" in page
    assert [copy.first_work.title for copy in Copy.objects.all()] == ["Alien"]
    assert Copy.everything.get(trashed_at__isnull=False).first_work.title == "Heat"
    # What went to the trash afterwards is no part of the import's story.
    services.trash(Copy.objects.all())
    page = client.get(response["Location"]).content.decode()
    assert "2 created (1 of them in the trash, as in the file), 0 updated" in page


def test_the_report_lists_a_created_entry_with_something_to_say(client, alice_collection):
    apply_records([Record(works=(WorkRecord("Heat"),), copy=CopyRecord(index=3))], alice_collection)
    response = upload(
        client,
        "films.json",
        b'{"format": "cinecat", "version": 2, "entries": ['
        b'{"works": [{"title": "Fargo"}], "copy": {"index": 3}},'
        b'{"works": [{"title": "Alien"}], "copy": {"index": 10}}]}',
    )
    run_stored_job(ImportJob.objects.get().pk)

    page = client.get(response["Location"]).content.decode()

    assert "Entries to look at" in page
    assert "index 3 is taken; this copy got 4" in page
    assert "Alien" not in page  # created as asked: nothing to look at


def test_the_page_shows_the_counters_a_running_import_publishes(alice_collection):
    job = ImportJob.objects.create(
        collection=alice_collection, source_name="big.xml", total_bytes=1000
    )
    job.status, job.read_bytes, job.processed, job.created = "running", 400, 120, 120
    publish_progress(job)
    shown = live_job(ImportJob.objects.get(pk=job.pk))
    assert (shown.status, shown.processed, shown.percent) == ("running", 120, 40)


def test_an_unknown_collection_has_no_import_page(client, db):
    assert client.get("/c/nobody/import/").status_code == 404


SHEET = (
    "Film,Year,Medium,EAN,Number,Shelf,Starring\n"
    "Fargo,1996,DVD,024543617907,7,Study / Shelf 1,Steve Buscemi as Carl\n"
    "Heat,1995,Blu-ray,,8,Study / Shelf 2,Al Pacino as Hanna\n"
)


def test_a_spreadsheet_goes_through_the_column_mapping_step(worker_db, client, alice_collection):
    response = upload(client, "films.csv", SHEET.encode())
    job = ImportJob.objects.get()
    assert response["Location"] == f"/c/alice/imports/{job.pk}/map/"
    assert job.status == "mapping"
    page = client.get(response["Location"]).content.decode()
    assert '<option value="title" selected>' in page  # "Film" guessed as the title
    assert "Fargo" in page and "Heat" in page  # the preview

    # Film, Year, Medium, EAN, Number, Shelf, Starring:
    fields = ["title", "year", "format", "barcode", "index", "location", "cast"]
    preview = client.post(
        response["Location"],
        {"field": fields, "action": "preview"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Study › Shelf 1" in preview and "Steve Buscemi (Carl)" in preview

    done = client.post(response["Location"], {"field": fields, "action": "import"})
    assert done["Location"] == f"/c/alice/imports/{job.pk}/"
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.created, job.column_map["Number"]) == ("done", 2, "index")
    fargo = Copy.objects.get(index=7)
    assert fargo.location.path == "Study › Shelf 1"
    assert fargo.first_work.cast.get().character == "Carl"


# A spreadsheet saved as "Unicode text" on Windows: UTF-16 LE after its BOM, tab-separated.
UNICODE_SHEET = "\ufeffFilm\tJahr\r\nAmélie\t2001\r\nСталкер\t1979\r\n".encode("utf-16-le")


def test_a_spreadsheet_saved_as_unicode_text_goes_through_the_mapping_step(
    client, alice_collection
):
    response = upload(client, "films.txt", UNICODE_SHEET)
    job = ImportJob.objects.get()
    assert response["Location"] == f"/c/alice/imports/{job.pk}/map/"
    page = client.get(response["Location"]).content.decode()
    assert '<option value="title" selected>' in page  # "Film"
    assert "Amélie" in page and "Сталкер" in page  # the preview, decoded

    done = client.post(response["Location"], {"field": ["title", "year"], "action": "import"})
    run_stored_job(job.pk)

    assert done["Location"] == f"/c/alice/imports/{job.pk}/"
    titles = [(c.first_work.title, c.first_work.year) for c in Copy.objects.order_by("index")]
    assert titles == [("Amélie", 2001), ("Сталкер", 1979)]


def test_a_mapping_that_breaks_a_row_is_shown_and_not_imported(client, alice_collection):
    response = upload(client, "films.csv", SHEET.encode())
    fields = ["title", "runtime", "format", "barcode", "year", "location", "cast"]
    page = client.post(response["Location"], {"field": fields, "action": "import"}).content.decode()
    assert "line 2" in page
    assert ImportJob.objects.get().status == "mapping"
    assert Copy.objects.count() == 0


@pytest.mark.parametrize(
    "content",
    [b"\nTitle,Year\nAlien,1979\n", b",,\nAlien,1979,DVD\n", b'Title,"' + b"x" * 200_000 + b'"\n'],
    ids=["blank first line", "empty header cells", "header cell too large"],
)
def test_a_spreadsheet_whose_header_cannot_be_read_fails_with_the_line(
    client, alice_collection, content
):
    response = upload(client, "films.csv", content, format_key="csv")
    job = ImportJob.objects.get()

    page = client.get(response["Location"])

    assert page.status_code == 302
    assert page["Location"] == f"/c/alice/imports/{job.pk}/"
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error.startswith("line 1: ")
    assert not job.upload  # the file is not kept
    shown = client.get(page["Location"]).content.decode()
    assert job.error in shown
    assert "Nothing was imported." in shown
    # Nothing left to map: the mapping page leads to the job.
    assert client.get(response["Location"])["Location"] == f"/c/alice/imports/{job.pk}/"


def test_a_spreadsheet_waiting_for_its_columns_leads_back_to_the_mapping_step(
    client, alice_collection
):
    upload(client, "films.csv", SHEET.encode())
    job = ImportJob.objects.get()
    map_url = f"/c/alice/imports/{job.pk}/map/"

    listed = client.get("/c/alice/import/").content.decode()
    assert f'<a href="{map_url}">films.csv</a>' in listed
    assert "Waiting for its columns to be mapped" in listed
    page = client.get(f"/c/alice/imports/{job.pk}/").content.decode()
    assert "Waiting for its columns to be mapped" in page
    assert f'href="{map_url}">Map the columns</a>' in page
    assert "hx-trigger" not in page  # nothing to wait for until the columns are mapped

    run_stored_job(job.pk)  # a task for it, were there one, would leave it alone
    job.refresh_from_db()
    assert (job.status, job.created) == ("mapping", 0)
    assert client.get(map_url).status_code == 200


def test_upgrading_sends_spreadsheets_uploaded_as_csv_back_to_their_mapping_step(
    alice_collection,
):
    def job(name: str, **fields) -> None:
        ImportJob.objects.create(collection=alice_collection, source_name=name, **fields)

    job("films.csv", format_key="csv")  # the state a CSV upload waited in before
    job("mapped.csv", format_key="csv", column_map={"Film": "title"})  # in the task queue
    job("films.xml")
    migration = import_module("cinecat.interchange.migrations.0003_import_job_mapping")

    migration.mark_waiting_spreadsheets(apps, None)

    statuses = dict(ImportJob.objects.values_list("source_name", "status"))
    assert statuses == {"films.csv": "mapping", "mapped.csv": "queued", "films.xml": "queued"}


def form_data(page: str) -> dict[str, list[str]]:
    """What the mapping form sends as the page shows it: its hidden inputs, its selected options."""
    data: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page):
        data.setdefault(name, []).append(html.unescape(value))
    for name, options in re.findall(r'<select [^>]*name="([^"]+)">(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="([^"]*)" selected>', options)
        data.setdefault(name, []).append(selected[1] if selected else "")
    return data


def wide_sheet(columns: int) -> bytes:
    header = ["Title", *(f"Extra {number}" for number in range(2, columns)), "Year"]
    return (",".join(header) + "\n" + ",".join(["Alien", *"x" * (columns - 2), "1979"])).encode()


def test_a_spreadsheet_of_six_hundred_columns_is_mapped_and_imported(client, alice_collection):
    response = upload(client, "wide.csv", wide_sheet(600), format_key="csv")
    page = client.get(response["Location"]).content.decode()
    assert page.count('name="field"') == 600

    done = client.post(response["Location"], {**form_data(page), "action": "import"})

    assert done.status_code == 302
    job = ImportJob.objects.get()
    # A second click or a refresh of the mapping page leads to the job, queued once.
    again = client.post(response["Location"], {**form_data(page), "action": "import"})
    assert again["Location"] == done["Location"] == f"/c/alice/imports/{job.pk}/"
    assert client.get(response["Location"])["Location"] == done["Location"]
    run_stored_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.created, len(job.column_map)) == ("done", 1, 600)
    work = Copy.objects.get().first_work
    assert (work.title, work.year) == ("Alien", 1979)


def test_columns_past_what_one_form_can_send_are_read_as_their_names_suggest(
    client, alice_collection, settings
):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 30
    response = upload(client, "wide.csv", wide_sheet(40), format_key="csv")
    page = client.get(response["Location"]).content.decode()
    assert page.count('name="field"') == 20
    assert "This file has 40 columns; the first 20 are listed here" in page
    assert "The other 20 are read as their names suggest" in page

    posted = form_data(page)
    assert posted["field"][:2] == ["title", "other_details"]  # the guesses
    posted["field"][1:] = ["ignore"] * 19

    done = client.post(response["Location"], {**posted, "action": "import"})

    assert done.status_code == 302
    job = ImportJob.objects.get()
    assert len(job.column_map) == 20
    run_stored_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.created) == ("done", 1)
    copy = Copy.objects.get()
    assert copy.first_work.year == 1979  # the last column, "Year", known by its name
    kept = [name for name, _ in copy.other_details]
    assert kept == [f"Extra {number}" for number in range(21, 40)]  # listed ones were ignored


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cover.png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ("noise.bin", bytes(range(256)) * 4),
        ("feed.xml", b"<?xml version='1.0'?><rss><channel><title>News</title></channel></rss>"),
        ("settings.json", b'{"theme": "dark", "volume": 7}'),
        ("letter.txt", "Dear Bob,\r\nThanks for the films.\r\n".encode("utf-16")),
    ],
    ids=["image", "random bytes", "other XML", "other JSON", "UTF-16 text, no table"],
)
def test_an_upload_of_an_unknown_format_points_to_the_format_menu(
    client, alice_collection, name, content
):
    response = upload(client, name, content)
    job = ImportJob.objects.get()
    run_stored_job(job.pk)

    page = client.get(response["Location"]).content.decode()

    job.refresh_from_db()
    assert job.status == "failed"
    assert "choose its format in the Format menu" in html.unescape(page)
    assert "--format" not in page


def test_a_web_import_that_breaks_on_a_fault_of_cinecat_fails_saying_so(
    alice_collection, reference_path, monkeypatch
):
    def broken(stream):
        raise RuntimeError("a reader's bug")
        yield

    monkeypatch.setattr(clz_page, "FORMAT", replace(clz_page.FORMAT, read=broken))
    upload = SimpleUploadedFile("page.txt", reference_path.read_bytes())
    job = ImportJob.objects.create(
        collection=alice_collection, source_name="page.txt", upload=upload
    )

    with pytest.raises(RuntimeError, match="a reader's bug"):  # for the worker's log
        run_stored_job(job.pk)

    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == 'the import stopped on an error in cinecat: RuntimeError("a reader\'s bug")'
    assert job.upload  # the file was not at fault: kept until it is discarded
    assert Copy.objects.count() == 0


BROKEN_SHEET = (
    "Title,Year,Cast\n"
    'Fargo,1996,"Frances McDormand, William H. Macy, Steve Buscemi"\n'
    'Heat,nineteen ninety-five,"Al Pacino, Robert De Niro"\n'
    'Ronin,1998,"Robert De Niro, Jean Reno"\n'
)


def test_a_value_its_column_cannot_hold_is_shown_then_imported_kept_as_written_and_flagged(
    client, alice_collection
):
    response = upload(client, "films.csv", BROKEN_SHEET.encode())
    page = client.get(response["Location"]).content.decode()
    shown = "line 3 (Heat): Year: 'nineteen ninety-five' is not a year: kept as written"
    assert shown in html.unescape(page)
    assert "<td>Fargo</td>" in page and "<td>Ronin</td>" in page  # the good rows are shown

    blocked = client.post(response["Location"], {**form_data(page), "action": "import"})
    assert blocked.status_code == 200 and ImportJob.objects.get().status == "mapping"

    data = {**form_data(page), "keep_going": "on", "action": "import"}
    assert client.post(response["Location"], data).status_code == 302
    job = ImportJob.objects.get()
    run_stored_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.created, job.failed) == ("done", 3, 0)
    heat = Copy.objects.get(edition__works__title="Heat")
    assert (heat.first_work.year, heat.other_details) == (None, [["Year", "nineteen ninety-five"]])
    assert "Year: 'nineteen ninety-five' is not a year" in job.items.get(where="line 3").message


def test_a_cast_column_cut_at_commas_gives_one_credit_a_person(client, alice_collection):
    response = upload(
        client, "films.csv", BROKEN_SHEET.replace("nineteen ninety-five", "1995").encode()
    )
    page = client.get(response["Location"]).content.decode()
    assert "as found (,)" in page  # what the page found cuts the cast
    client.post(response["Location"], {**form_data(page), "action": "import"})
    run_stored_job(ImportJob.objects.get().pk)
    fargo = Work.objects.get(title="Fargo")
    assert [c.person.name for c in fargo.credits.order_by("order")] == [
        "Frances McDormand",
        "William H. Macy",
        "Steve Buscemi",
    ]


def test_a_separator_chosen_on_the_mapping_page_wins(client, alice_collection):
    response = upload(
        client, "films.csv", BROKEN_SHEET.replace("nineteen ninety-five", "1995").encode()
    )
    page = client.get(response["Location"]).content.decode()
    data = {**form_data(page), "separator-2": "", "action": "import"}  # the cast: not cut
    client.post(response["Location"], data)
    job = ImportJob.objects.get()
    assert job.separators == {"Cast": ""}
    run_stored_job(job.pk)
    assert Work.objects.get(title="Ronin").credits.get().person.name == "Robert De Niro, Jean Reno"


def test_a_body_declared_past_the_limit_is_refused_unread_with_413(
    client, alice_collection, settings
):
    settings.CINECAT_MAX_UPLOAD_MB = 1
    settings.CINECAT_MAX_COVER_MB = 1
    response = client.generic(
        "POST",
        "/c/alice/import/",
        b"x" * 100,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(500 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "This upload is 500 MB; the largest file accepted is 1 MB" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_an_upload_past_the_limit_is_stopped_as_it_streams_in(
    client, alice_collection, settings, monkeypatch
):
    from cinecat import limits

    settings.CINECAT_MAX_UPLOAD_MB = 1
    settings.CINECAT_MAX_COVER_MB = 1
    received = []
    original = limits.LimitedUploadHandler.receive_data_chunk

    def counted(self, raw_data, start):
        received.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(limits.LimitedUploadHandler, "receive_data_chunk", counted)
    # Within the allowance for the form's other fields, so the Content-Length passes.
    response = upload(client, "big.xml", b"x" * (1024 * 1024 + 500 * 1024))
    assert response.status_code == 413
    assert sum(received) < 1024 * 1024 + 2 * 65536  # stopped at the limit, not at the end
    assert ImportJob.objects.count() == 0
