"""Spreadsheets read as CSV: alice's CLZ export, a Libib export, and her own column maps."""

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cinecat.catalog.models import Copy
from cinecat.catalog.records import CreditRecord, LoanRecord
from cinecat.interchange import registry
from cinecat.interchange.formats import csv_cells, csv_export, csv_import
from cinecat.interchange.formats.base import FormatError, Unreadable
from cinecat.interchange.models import ImportJob

SHARED = Path(__file__).resolve().parents[3] / "shared"
SAMPLES = sorted(p for p in (SHARED / "data" / "exports").rglob("*") if p.is_file())
SAMPLES.append(SHARED / "seeds" / "the-death-of-stalin.clz-page.txt")
# The format each sample folder holds; Delicious Library's files say their version first.
OWN_FORMAT = {
    "clz": "clz-xml",
    "datacrow": "datacrow",
    "dvdprofiler": "dvdprofiler",
    "gcstar": "gcstar",
    "griffith": "griffith",
    "tellico": "tellico",
    "seeds": "clz-page",
}

CLZ_HEADER = [
    "Index", "Title", "Sort Title", "Original Title", "Release Year", "Runtime", "Genre",
    "Country", "Language", "Color", "Plot", "Director", "Actor", "Format", "Edition",
    "Distributor", "Release Date", "UPC", "Audience Rating", "Region", "Nr Discs", "Packaging",
    "Screen Ratios", "Audio Tracks", "Subtitles", "Collection Status", "Owner", "Location",
    "Storage Device", "Slot", "Purchase Date", "Purchase Price", "Purchase Store", "Condition",
    "Notes", "Tags", "My Rating", "Seen It", "Added Date", "Modified Date", "IMDb Url",
    "TMDb ID", "Loaned To", "Loan Date", "Due Date", "Quantity",
]  # fmt: skip
STALIN = [
    "1279", "The Death Of Stalin", "Death Of Stalin, The", "La mort de Staline", "2017", "1:47",
    "Comedy; Drama; History", "UK, France", "English", "Color",
    "Follows the Soviet dictator's last days.", "Armando Iannucci",
    "Steve Buscemi as Nikita Khrushchev\nSimon Russell Beale (Lavrenti Beria)\nJason Isaacs",
    "DVD", "Special Edition", "IFC Films", "Sep 08, 2017", "191329079843", "US - R",
    "Region 1", "1", "Keep Case", "2.39:1", "English Dolby Digital 5.1 | French",
    "English; Spanish", "In Collection", "Alice", "Living room / Shelf 2", "Binder A", "14",
    "7/25/2020 1:45:22 PM", "$44.55", "Amazon", "Mint", "Signed sleeve", "satire, politics",
    "8", "Yes", "1/4/2026 6:20:50 PM", "2026-01-05 10:00:00",
    "https://www.imdb.com/title/tt4686844/", "402897", "Bob", "12/20/2025", "01/31/2026", "2",
]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], *, delimiter=",", encoding="utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


def read(path: Path, column_map=None) -> list:
    with path.open("rb") as stream:
        return list(csv_import.read(stream, column_map))


def import_csv(path: Path, *options: str) -> None:
    call_command("import", str(path), "--collection", "alice", *options, stdout=io.StringIO())


@pytest.fixture
def clz_csv(tmp_path) -> Path:
    paddington = dict.fromkeys(CLZ_HEADER, "")
    paddington.update({"Title": "Paddington 2", "Format": "Blu-ray", "Collection Status": "Wish"})
    return write_csv(tmp_path / "clz.csv", [CLZ_HEADER, STALIN, list(paddington.values())])


def test_a_clz_export_is_read_field_by_field(clz_csv):
    stalin, paddington = read(clz_csv)
    work, edition, copy = stalin.works[0], stalin.edition, stalin.copy
    assert (work.title, work.sort_title, work.original_title) == (
        "The Death Of Stalin",
        "Death Of Stalin, The",
        "La mort de Staline",
    )
    assert (work.year, work.runtime_minutes, work.colour) == (2017, 107, "Color")
    assert (work.genres, work.countries) == (("Comedy", "Drama", "History"), ("UK", "France"))
    assert work.languages == ("English",)
    assert [plot.text for plot in work.plots] == ["Follows the Soviet dictator's last days."]
    assert work.credits == (
        CreditRecord("Armando Iannucci", job="Director", role="crew"),
        CreditRecord("Steve Buscemi", "Nikita Khrushchev"),
        CreditRecord("Simon Russell Beale", "Lavrenti Beria"),
        CreditRecord("Jason Isaacs"),
    )
    assert (work.imdb_id, work.tmdb_id) == ("tt4686844", 402897)
    assert (edition.format, edition.name, edition.distributor) == (
        "DVD",
        "Special Edition",
        "IFC Films",
    )
    assert (edition.release_date, edition.barcode) == (dt.date(2017, 9, 8), "191329079843")
    assert (edition.rating_country, edition.rating, edition.regions) == ("US", "R", ("1",))
    assert (edition.discs, edition.packaging, edition.aspect_ratio) == (1, "Keep Case", "2.39:1")
    assert edition.audio == ("English Dolby Digital 5.1", "French")
    assert edition.subtitles == ("English", "Spanish")
    assert (copy.index, copy.status, copy.owner) == (1279, "owned", "Alice")
    assert copy.location == ("Living room", "Shelf 2")
    assert (copy.storage_device, copy.storage_slot) == ("Binder A", "14")
    assert copy.purchased_on == dt.date(2020, 7, 25)
    assert (copy.purchase_price, copy.purchase_currency) == (Decimal("44.55"), "USD")
    assert (copy.purchase_store, copy.condition, copy.notes) == ("Amazon", "Mint", "Signed sleeve")
    assert copy.tags == ("satire", "politics")
    assert (copy.my_rating, copy.viewings) == (8, 1)
    assert copy.added_at == dt.datetime(2026, 1, 4, 18, 20, 50)
    assert copy.modified_at == dt.datetime(2026, 1, 5, 10, 0)
    assert copy.loans == (LoanRecord("Bob", dt.date(2025, 12, 20), dt.date(2026, 1, 31)),)
    assert (stalin.where, stalin.unmapped) == ("line 2", ())
    assert copy.other_details == (("Quantity", "2"),)  # no CLZ column cinecat knows
    # The cast cell spans three lines, so the next row starts on line 5.
    assert (paddington.works[0].title, paddington.where) == ("Paddington 2", "line 5")
    assert (paddington.edition.format, paddington.copy.status) == ("Blu-ray", "wish")
    assert (paddington.copy.loans, paddington.copy.other_details) == ((), ())
    assert paddington.unmapped == ()


def test_a_clz_export_imports_into_alices_collection(clz_csv, alice_collection):
    import_csv(clz_csv)
    stalin = Copy.objects.get(index=1279)
    assert (stalin.location.name, stalin.location.parent.name) == ("Shelf 2", "Living room")
    # The writer stores the UPC-A as its EAN-13.
    assert (stalin.edition.barcode, stalin.purchase_price) == ("0191329079843", Decimal("44.55"))
    assert sorted(tag.name for tag in stalin.tags.all()) == ["politics", "satire"]
    assert stalin.loans.get().borrower.name == "Bob"
    assert Copy.objects.get(status="wish").edition.format == "Blu-ray"


def test_a_libib_export_is_guessed_right(tmp_path):
    header = [
        "item_type", "title", "creators", "first_name", "last_name", "ean_isbn13", "upc_isbn10",
        "description", "publisher", "publish_date", "group", "tags", "notes", "price", "length",
        "number_of_discs", "aspect_ratio", "rating", "review", "status", "began", "completed",
        "added", "copies",
    ]  # fmt: skip
    row = [
        "movie", "Alien", "Ridley Scott", "", "", "", "024543617907", "In space…",
        "20th Century Fox", "1999-10-05", "Sci-fi shelf", "horror", "", "9.99", "117", "1",
        "2.35:1", "", "", "Completed", "", "", "2020-07-25", "1",
    ]  # fmt: skip
    [alien] = read(write_csv(tmp_path / "libib.csv", [header, row]))
    assert csv_import.guess_map(header)["upc_isbn10"] == "barcode"
    work, edition, copy = alien.works[0], alien.edition, alien.copy
    assert work.credits == (CreditRecord("Ridley Scott", job="Director", role="crew"),)
    assert (work.runtime_minutes, work.plots[0].text) == (117, "In space…")
    assert (edition.barcode, edition.distributor) == ("024543617907", "20th Century Fox")
    assert (edition.release_date, edition.discs) == (dt.date(1999, 10, 5), 1)
    assert (copy.tags, copy.purchase_price, copy.purchase_currency) == (
        ("Sci-fi shelf", "horror"),
        Decimal("9.99"),
        "",
    )
    assert (copy.added_at, copy.status) == (dt.datetime(2020, 7, 25), "owned")
    # The item type, a watching status and the copies have no place in cinecat: they are kept.
    assert copy.other_details == (("item_type", "movie"), ("status", "Completed"), ("copies", "1"))
    assert alien.unmapped == ()


@pytest.mark.parametrize(
    ("column", "field"),
    [
        ("Title", "title"),
        ("TITLE", "title"),
        ("Nr. Discs", "discs"),
        ("nr_discs", "discs"),
        (" Purchase  Price ", "purchase_price"),
        ("IMDb Url", "imdb_id"),
        ("ean_isbn13", "barcode"),
        ("Collection Status", "status"),
        ("Running Time", "runtime"),
        ("Loaned To", "loaned_to"),
        ("Favourite snack", "other_details"),
    ],
)
def test_guess_map_knows_columns_by_name_whatever_their_case_or_punctuation(column, field):
    assert csv_import.guess_map([column]) == {column: field}


def test_every_column_cinecat_exports_is_read_into_a_field_of_its_own():
    guessed = csv_import.guess_map(list(csv_export.COLUMNS))
    kept_as_details = [column for column, field in guessed.items() if field == "other_details"]
    assert kept_as_details == ["other_details"]


def test_the_columns_of_cinecats_own_export_are_read_back_field_by_field(tmp_path):
    row = {
        "title": "Alien",
        "runtime_minutes": "117",
        "trailer_url": "https://example.com/alien",
        "rating_country": "US",
        "rating": "R",
        "purchase_price": "39.99",
        "purchase_currency": "EUR",
        "added_at": "2024-12-24T20:00:05.123456+00:00",
        "modified_at": "2025-05-01T09:30:00+00:00",
        "source_id": "box-1",
    }
    [alien] = read(write_csv(tmp_path / "cinecat.csv", [list(row), list(row.values())]))
    work, edition, copy = alien.works[0], alien.edition, alien.copy
    assert (work.runtime_minutes, work.trailer_url) == (117, "https://example.com/alien")
    assert (edition.rating_country, edition.rating) == ("US", "R")
    assert (copy.purchase_price, copy.purchase_currency) == (Decimal("39.99"), "EUR")
    assert copy.added_at == dt.datetime(2024, 12, 24, 20, 0, 5, 123456, tzinfo=dt.UTC)
    assert copy.modified_at == dt.datetime(2025, 5, 1, 9, 30, tzinfo=dt.UTC)
    assert (alien.source_id, copy.other_details) == ("box-1", ())


@pytest.mark.parametrize(
    ("price", "currency", "expected"),
    [
        ("39.99", "eur", (Decimal("39.99"), "EUR")),
        ("12.50", "£", (Decimal("12.50"), "GBP")),
        ("$44.55", "EUR", (Decimal("44.55"), "USD")),  # the price's own symbol comes first
        ("", "EUR", (None, "EUR")),
        ("9.99", "", (Decimal("9.99"), "")),
    ],
)
def test_a_currency_column_gives_the_currency_of_a_bare_price(tmp_path, price, currency, expected):
    rows = [["Title", "Price", "Currency"], ["Alien", price, currency]]
    [alien] = read(write_csv(tmp_path / "prices.csv", rows))
    assert (alien.copy.purchase_price, alien.copy.purchase_currency) == expected


def test_a_rating_country_column_is_kept_beside_a_bare_rating(tmp_path):
    rows = [["Title", "Rating", "Rating Country"], ["Alien", "R", "US"], ["Heat", "UK - 15", ""]]
    alien, heat = read(write_csv(tmp_path / "ratings.csv", rows))
    assert (alien.edition.rating_country, alien.edition.rating) == ("US", "R")
    assert (heat.edition.rating_country, heat.edition.rating) == ("UK", "15")


@pytest.mark.parametrize(
    ("cell", "path"),
    [
        ("Living room > Shelf 2 > Box A", ("Living room", "Shelf 2", "Box A")),
        ("Living room / Shelf 2", ("Living room", "Shelf 2")),
        ("A/V cabinet > Top shelf", ("A/V cabinet", "Top shelf")),
        ("Movies-01", ("Movies-01",)),
    ],
)
def test_a_location_path_is_cut_at_its_separator(tmp_path, cell, path):
    [alien] = read(write_csv(tmp_path / "shelves.csv", [["Title", "Location"], ["Alien", cell]]))
    assert alien.copy.location == path


def test_a_location_written_by_cinecat_imports_as_nested_places(tmp_path, alice_collection):
    import_csv(write_csv(tmp_path / "out.csv", [["title", "location"], ["Alien", "Den > Box A"]]))
    box = Copy.objects.get().location
    assert (box.name, box.parent.name, box.parent.parent) == ("Box A", "Den", None)


def test_a_box_set_exported_with_the_default_columns_imports_as_a_box_set(
    tmp_path, alice_collection
):
    header = csv_export.DEFAULT_COLUMNS
    box = dict.fromkeys(header, "")
    box.update(index="1", title="Alien; Aliens", year="1979; 1986", format="DVD", status="owned")
    import_csv(write_csv(tmp_path / "out.csv", [header, list(box.values())]))
    works = [(w.title, w.year) for w in Copy.objects.get(index=1).edition.works.all()]
    assert works == [("Alien", 1979), ("Aliens", 1986)]


def test_a_box_sets_cells_give_each_work_its_own_value(tmp_path):
    rows = [
        ["Title", "Original Title", "Year", "Runtime", "IMDb", "Genres", "Director"],
        ["Alien; Aliens; Alien 3", "Alien; ; ", "1979; 1986; 1992", "117; 137; 114",
         "tt0078748; ; tt0103644", "Sci-Fi; Horror", "Ridley Scott; James Cameron"],
    ]  # fmt: skip
    [box] = read(write_csv(tmp_path / "box.csv", rows))
    alien, aliens, alien3 = box.works
    assert [(w.title, w.year, w.runtime_minutes) for w in box.works] == [
        ("Alien", 1979, 117),
        ("Aliens", 1986, 137),
        ("Alien 3", 1992, 114),
    ]
    assert [(w.original_title, w.imdb_id) for w in box.works] == [
        ("Alien", "tt0078748"),
        ("", ""),
        ("", "tt0103644"),
    ]
    # The lists are the whole set's: the first work holds them.
    assert (alien.genres, len(alien.credits), aliens.genres, alien3.credits) == (
        ("Sci-Fi", "Horror"),
        2,
        (),
        (),
    )
    assert box.copy.other_details == ()


def test_a_box_set_cell_of_one_value_goes_to_the_first_work_and_a_miscount_is_kept(tmp_path):
    rows = [
        ["Title", "Runtime", "Year", "IMDb", "Color"],
        ["Alien; Aliens; Alien 3", "117; 137; 114", "1979; 1986", "tt0078748", "Color"],
    ]
    [box] = read(write_csv(tmp_path / "box.csv", rows))
    assert [(w.title, w.runtime_minutes, w.year, w.imdb_id, w.colour) for w in box.works] == [
        ("Alien", 117, None, "tt0078748", "Color"),
        ("Aliens", 137, None, "", ""),
        ("Alien 3", 114, None, "", ""),
    ]
    assert box.copy.other_details == (("Year", "1979; 1986"),)


def test_a_single_film_takes_its_text_cells_whole_and_keeps_a_year_of_two(tmp_path):
    rows = [["Title", "Colour", "Year"], ["The Wizard of Oz", "Color; Black & White", "1939; 1998"]]
    [oz] = read(write_csv(tmp_path / "oz.csv", rows))
    assert [(w.title, w.colour, w.year) for w in oz.works] == [
        ("The Wizard of Oz", "Color; Black & White", None)
    ]
    assert oz.copy.other_details == (("Year", "1939; 1998"),)


def test_a_box_set_without_a_title_column_is_counted_by_its_original_titles(tmp_path):
    rows = [
        ["Original Title", "Year"],
        ["Trois couleurs : Bleu; Trois couleurs : Blanc", "1993; 1994"],
    ]
    [box] = read(write_csv(tmp_path / "box.csv", rows))
    assert [(w.title, w.original_title, w.year) for w in box.works] == [
        ("Trois couleurs : Bleu", "Trois couleurs : Bleu", 1993),
        ("Trois couleurs : Blanc", "Trois couleurs : Blanc", 1994),
    ]


@pytest.mark.parametrize(
    ("title", "year"),
    [("Pippa Passes; or, The Song of Conscience", "1909"), ("Alien; Aliens", "")],
)
def test_a_title_with_a_semicolon_and_one_year_or_none_is_one_film(tmp_path, title, year):
    rows = [["Title", "Year", "Genres"], [title, year, "Drama"]]
    [film] = read(write_csv(tmp_path / "films.csv", rows))
    assert [(w.title, w.year) for w in film.works] == [(title, int(year) if year else None)]


def test_every_field_offered_for_mapping_can_be_read():
    assert set(csv_cells.SETTERS) | {"ignore"} == set(csv_import.FIELDS)
    assert all(isinstance(label, str) and label for label in csv_import.FIELDS.values())
    assert list(csv_import.FIELDS)[-2:] == ["other_details", "ignore"]


def test_a_column_cinecat_does_not_know_is_kept_under_its_name(tmp_path):
    rows = [
        ["Title", "Favourite snack", "Mood", "", "Loan Date"],
        ["Alien", "Popcorn", "", "shelf B", "12/20/2025"],
    ]
    [alien] = read(write_csv(tmp_path / "mine.csv", rows))
    # An empty cell keeps nothing; a header left empty is named by its place; loan dates
    # without a borrower make no loan.
    assert alien.copy.other_details == (
        ("Favourite snack", "Popcorn"),
        ("column 4", "shelf B"),
        ("Loan Date", "12/20/2025"),
    )
    assert (alien.copy.loans, alien.unmapped) == ((), ())


def test_a_column_mapped_to_ignore_is_dropped_and_another_kept_on_request(tmp_path):
    rows = [["Title", "Favourite snack", "Shelf notes"], ["Alien", "Popcorn", "Top row"]]
    path = write_csv(tmp_path / "mine.csv", rows)
    [alien] = read(path, {"Favourite snack": "ignore", "Shelf notes": "other_details"})
    assert (alien.copy.other_details, alien.unmapped) == ((("Shelf notes", "Top row"),), ())
    assert alien.copy.notes == ""


def test_a_kept_column_is_stored_on_the_imported_copy(tmp_path, alice_collection):
    rows = [["Title", "Favourite snack"], ["Alien", "Popcorn"]]
    import_csv(write_csv(tmp_path / "mine.csv", rows))
    assert Copy.objects.get().other_details == [["Favourite snack", "Popcorn"]]
    assert ImportJob.objects.get().kept == ["Favourite snack"]


def test_a_row_with_a_wrong_number_of_columns_is_refused_with_its_line(tmp_path, alice_collection):
    path = write_csv(tmp_path / "short.csv", [["Title", "Year"], ["Alien", "1979"], ["Heat"]])
    before = Copy.objects.count()
    with pytest.raises(CommandError) as error:
        import_csv(path)
    assert str(error.value).startswith("short.csv: 1 entry could not be imported")
    assert "line 3: expected 2 columns, as in the header, but found 1" in str(error.value)
    assert "Nothing was imported." in str(error.value)
    assert Copy.objects.count() == before


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("Purchase Date", "31/12/2020", "'31/12/2020' is not a date"),
        ("Release Year", "late 70s", "'late 70s' is not a year"),
        ("Purchase Price", "cheap", "'cheap' is not a price"),
        ("Runtime", "long", "'long' is not a running time"),
        ("Currency", "dollars", "'dollars' is not a currency (EUR, USD, € …)"),
    ],
)
def test_a_bad_value_names_its_line_and_column(tmp_path, column, value, message):
    rows = [["Title", column], ["Alien", ""], ["Heat", value]]
    alien, heat = read(write_csv(tmp_path / "bad.csv", rows))
    assert alien.works[0].title == "Alien"  # the rest of the file is still read
    assert heat == Unreadable(
        "line 3",
        f"column {column!r}: {message}"
        + (" (YYYY-MM-DD, MM/DD/YYYY or Mon DD, YYYY)" if column == "Purchase Date" else ""),
        "Heat",
    )


def test_a_cell_too_large_for_the_csv_module_names_its_line(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("Title,Notes\nAlien,short\nHeat," + "x" * 200_000 + "\n")
    with pytest.raises(FormatError, match="line 3: the row cannot be read"):
        read(path)


def test_a_row_without_a_title_is_refused_with_its_line(tmp_path):
    rows = read(write_csv(tmp_path / "untitled.csv", [["Title", "Year"], ["", "1979"]]))
    assert rows == [Unreadable("line 2", "the entry has no title", "")]


def test_map_overrides_the_guess_end_to_end(tmp_path, alice_collection):
    rows = [["Title", "Location", "Shelf notes"], ["Alien", "Binder A", "Top row"]]
    path = write_csv(tmp_path / "mine.csv", rows)
    import_csv(path, "--map", "Location=storage_device", "--map", "shelf notes=notes")
    alien = Copy.objects.get()
    assert (alien.storage_device.name, alien.notes, alien.location) == ("Binder A", "Top row", None)
    assert alien.first_work.title == "Alien"
    job = ImportJob.objects.get()
    assert (job.format_key, job.column_map) == (
        "csv",
        {"Location": "storage_device", "shelf notes": "notes"},
    )


def test_map_is_refused_for_another_format(tmp_path, alice_collection):
    path = write_csv(tmp_path / "mine.csv", [["Title"], ["Alien"]])
    with pytest.raises(CommandError, match="--map is for CSV files"):
        import_csv(path, "--format", "tellico", "--map", "Title=title")


def test_map_refuses_a_field_cinecat_does_not_have(tmp_path, alice_collection):
    path = write_csv(tmp_path / "mine.csv", [["Title", "Mood"], ["Alien", "tense"]])
    with pytest.raises(CommandError, match="FIELD one of: title, original_title, sort_title"):
        import_csv(path, "--map", "Mood=mood")
    assert Copy.objects.count() == 0


def test_a_column_map_naming_a_missing_column_is_refused(tmp_path):
    path = write_csv(tmp_path / "mine.csv", [["Title"], ["Alien"]])
    with pytest.raises(FormatError, match="no such column: moods; columns: Title"):
        read(path, {"Moods": "notes"})


def test_preview_shows_the_header_and_the_first_rows_as_they_will_be_stored(clz_csv):
    with clz_csv.open("rb") as stream:
        header, records = csv_import.preview(stream, {"Quantity": "notes"}, rows=1)
    assert header == CLZ_HEADER
    assert [(r.works[0].title, r.copy.notes, r.copy.other_details) for r in records] == [
        ("The Death Of Stalin", "Signed sleeve", ())
    ]


def test_a_row_that_is_not_utf8_is_read_as_windows_1252(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "Title;Notes\r\nLéon;café\r\n".encode() + "Amélie;crème brûlée €5\r\n".encode("cp1252")
    )
    assert [(r.works[0].title, r.copy.notes) for r in read(path)] == [
        ("Léon", "café"),
        ("Amélie", "crème brûlée €5"),
    ]


def test_rows_are_read_one_at_a_time(tmp_path):
    rows = [["Title", "Year"]] + [[f"Film {n}", "1999"] for n in range(20_000)]
    path = write_csv(tmp_path / "big.csv", rows)
    with path.open("rb") as stream:
        first = next(csv_import.read(stream))
        assert first.works[0].title == "Film 0"
        assert stream.tell() < path.stat().st_size / 2


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(",", "utf-8"), (";", "utf-8-sig"), ("\t", "cp1252")]
)
def test_a_spreadsheet_is_detected_as_csv(tmp_path, delimiter, encoding):
    rows = [["Collection Number", "Title", "Genres"], ["7", "Amélie", "Comedy, Romance"]]
    path = write_csv(tmp_path / "list.csv", rows, delimiter=delimiter, encoding=encoding)
    assert registry.detect(path.read_bytes()).key == "csv"
    assert read(path)[0].works[0].genres == ("Comedy", "Romance")


@pytest.mark.parametrize(
    "head",
    [
        b"Shopping list\n\nmilk\neggs\n",
        b"Phone,Email\n555-0100,bob@example.com\n",
        b'[{"title": "Alien", "year": 1979}]',
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<title>Alien</title>,<year/>\n',
    ],
)
def test_a_text_without_a_title_column_xml_or_json_is_not_csv(head):
    assert not csv_import.detect(head)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.name)
def test_every_shared_sample_is_detected_as_its_own_format_never_csv(sample):
    head = sample.read_bytes()[: registry.HEAD_SIZE]
    folder = sample.parent.name
    expected = sample.stem.split("_")[0] if folder == "delicious" else OWN_FORMAT[folder]
    assert (registry.detect(head).key, csv_import.detect(head)) == (expected, False)


# "Unicode text" as spreadsheets save it on Windows: UTF-16 LE after its BOM, tab-separated.
UNICODE_SHEET = [
    ["Title", "Year", "Format", "Location"],
    ["Amélie", "2001", "DVD", "Salon / Étagère 2"],
    ["Сталкер", "1979", "Blu-ray", ""],
    ["千と千尋の神隠し", "2001", "DVD", ""],
]


def unicode_text(rows: list[list[str]], encoding: str = "utf-16-le") -> bytes:
    text = "".join("\t".join(row) + "\r\n" for row in rows)
    return "\ufeff".encode(encoding) + text.encode(encoding)


def test_a_spreadsheet_saved_as_unicode_text_imports_through_the_command(
    tmp_path, alice_collection
):
    path = tmp_path / "films.txt"
    path.write_bytes(unicode_text(UNICODE_SHEET))
    out = io.StringIO()

    call_command("import", str(path), "--collection", "alice", stdout=out)

    assert "3 created, 0 updated, 0 skipped" in out.getvalue()
    assert ImportJob.objects.get().format_key == "csv"
    copies = Copy.objects.order_by("index")
    assert [(c.first_work.title, c.first_work.year) for c in copies] == [
        ("Amélie", 2001),
        ("Сталкер", 1979),
        ("千と千尋の神隠し", 2001),
    ]
    assert copies[0].location.path == "Salon › Étagère 2"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_spreadsheet_is_read_in_the_unicode_encoding_its_bom_names(tmp_path, encoding):
    path = tmp_path / "films.txt"
    path.write_bytes(unicode_text(UNICODE_SHEET, encoding))

    assert registry.detect(path.read_bytes()[: registry.HEAD_SIZE]).key == "csv"
    assert [r.works[0].title for r in read(path)] == ["Amélie", "Сталкер", "千と千尋の神隠し"]


def test_a_utf16_head_cut_inside_a_character_is_still_detected():
    head = unicode_text([["Title"], ["😀 Alien"]])  # the emoji: two UTF-16 units
    assert csv_import.detect(head[:-5])


def test_a_utf16_spreadsheet_is_read_one_row_at_a_time(tmp_path):
    path = tmp_path / "big.txt"
    rows = [["Title", "Year"]] + [[f"Film {n}", "1999"] for n in range(20_000)]
    path.write_bytes(unicode_text(rows))
    with path.open("rb") as stream:
        first = next(csv_import.read(stream))
        assert first.works[0].title == "Film 0"
        assert stream.tell() < path.stat().st_size / 2


def test_a_file_that_says_utf16_but_ends_inside_a_character_is_refused_with_why(tmp_path):
    path = tmp_path / "films.txt"
    rows = [["Title", "Year"]] + [[f"Film {n}", "1999"] for n in range(5_000)]
    path.write_bytes(unicode_text(rows) + b"\x00")  # an odd byte: half of a UTF-16 unit
    expected = r"but bytes after line \d+ are not UTF-16 text \(truncated data\)"
    with pytest.raises(FormatError, match=expected):
        read(path)


def test_a_file_that_says_utf16_but_holds_half_a_character_is_refused_with_why(tmp_path):
    path = tmp_path / "films.txt"
    path.write_bytes(unicode_text(UNICODE_SHEET) + b"\x00\xd8A\x00\r\x00\n\x00")
    expected = "starts with the byte order mark of UTF-16, but some of its bytes are not UTF-16"
    with pytest.raises(FormatError, match=expected):
        read(path)


def test_a_utf16_text_that_is_no_table_is_refused(tmp_path, alice_collection):
    path = tmp_path / "letter.txt"
    path.write_bytes(unicode_text([["Dear Bob"], ["Thanks for the films."], ["Alice"]]))

    with pytest.raises(CommandError, match="does not recognise this file's format"):
        import_csv(path)
    with pytest.raises(CommandError) as error:
        import_csv(path, "--format", "csv")

    assert "line 1: no column holds the titles: the header names 'Dear Bob'; map the one" in str(
        error.value
    )
    assert "Nothing was imported." in str(error.value)
    assert Copy.objects.count() == 0
