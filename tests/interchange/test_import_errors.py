"""A file that cannot be read stops the import with the line and the problem, and writes
nothing; a value that is not what its field takes is kept on its entry, flagged and reported
with its line, and the rest is imported."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cinecat.catalog.models import Collection, Copy, Edition, Person, Work


def catalog_state() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Collection, Copy, Edition, Work, Person))


@pytest.fixture
def page(tmp_path, reference_path):
    """A copy of the reference page with one change applied."""

    def make(old: str = "", new: str = "", text: str | None = None):
        body = reference_path.read_text() if text is None else text
        path = tmp_path / "page.txt"
        path.write_text(body.replace(old, new, 1) if old else body)
        return path

    return make


@pytest.fixture
def before(alice_collection):
    return catalog_state()


def refused(path, message: str) -> None:
    with pytest.raises(CommandError) as error:
        call_command("import", str(path), "--collection", "alice")
    assert message in str(error.value)
    assert "Nothing was imported." in str(error.value)


def test_an_empty_file_is_refused(page, before):
    refused(page(text=""), "page.txt: line 1: the file is empty")
    assert catalog_state() == before


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_a_spreadsheet_saved_empty_is_refused_as_empty(tmp_path, before, encoding):
    path = tmp_path / "sheet.csv"
    path.write_bytes("\r\n".encode(encoding))  # a byte order mark and a line end
    refused(path, "sheet.csv: line 1: the file is empty")
    assert catalog_state() == before


def test_a_file_that_is_not_a_collection_page_is_refused(page, before):
    refused(page(text="Shopping list\n\nmilk\neggs\n"), "page.txt: cinecat does not recognise")
    refused(
        page(text="Shopping list\n"), "format; pass --format with one of: cinecat-json, clz-page"
    )
    assert catalog_state() == before


def test_a_page_forced_on_a_text_without_a_distributor_line_names_line_one(page, before):
    with pytest.raises(CommandError, match="line 1: this is not a collection page"):
        call_command(
            "import", str(page(text="milk\n")), "--collection", "alice", "--format", "clz-page"
        )
    assert catalog_state() == before


def imported(path) -> tuple[Copy, str]:
    out = StringIO()
    call_command("import", str(path), "--collection", "alice", stdout=out)
    return Copy.objects.get(), out.getvalue()


def test_a_barcode_with_a_wrong_check_digit_is_kept_flagged_and_reported(page, before):
    copy, said = imported(page("191329079843", "191329079842"))
    assert (copy.edition.barcode, copy.edition.barcode_as_given) == ("", "191329079842")
    assert [name for name, _ in copy.flags] == ["Barcode"]
    assert "1 created" in said and "The barcode 191329079842 has a wrong check digit" in said
    assert copy.first_work.title == "The Death Of Stalin"  # the rest of the entry is there


def test_an_impossible_release_date_is_kept_flagged_and_reported_with_its_line(page, before):
    copy, said = imported(page("Sep 08, 2017", "Feb 30, 2017"))
    assert copy.edition.release_date is None
    assert ["Release date", "Feb 30, 2017"] in copy.other_details
    assert "Release date: 'Feb 30, 2017' (line 8) is not a date like 'Sep 08, 2017'" in said
    assert copy.edition.barcode == "0191329079843"  # the rest of the entry is there


def test_an_impossible_added_date_is_kept_flagged_and_reported_with_its_line(page, before):
    copy, said = imported(page("Jan 04, 2026 18:20:50", "Jan 32, 2026 18:20:50"))
    assert copy.added_at is not None  # stamped now, as a copy without its date is
    assert ["Added", "Jan 32, 2026 18:20:50"] in copy.other_details
    assert [name for name, _ in copy.flags] == ["Added"]
    assert "Added: 'Jan 32, 2026 18:20:50' (line 120) is not a date and time" in said


def test_a_bad_second_file_leaves_the_first_unimported(page, before, reference_path):
    with pytest.raises(CommandError):
        call_command("import", str(reference_path), str(page(text="")), "--collection", "alice")
    assert catalog_state() == before


def test_a_missing_file_is_named(before, tmp_path):
    refused(tmp_path / "nowhere.txt", "nowhere.txt: cannot be read")
    assert catalog_state() == before


def test_an_unknown_collection_is_named(db, reference_path):
    with pytest.raises(CommandError, match="There is no collection 'bob'"):
        call_command("import", str(reference_path), "--collection", "bob")
