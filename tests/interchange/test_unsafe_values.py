"""What an import stores is safe to show and to export: a trailer URL that is no web address
is no link, a cell a spreadsheet would run as a formula is exported as text, and a barcode in
full-width digits is the barcode it reads as."""

import csv
import io

import pytest

from cinecat.catalog.fits import checked
from cinecat.catalog.models import Copy, Work
from cinecat.catalog.records import CopyRecord, EditionRecord, Record, WorkRecord
from cinecat.core import barcodes
from cinecat.interchange.formats import csv_export
from cinecat.interchange.services import import_files
from cinecat.interchange.writer import apply_records

EVIL = "javascript:alert(document.cookie)"

GRIFFITH = f"""<?xml version="1.0" encoding="utf-8"?>
<root><movie><number>1</number><title>Heat</title><trailer>{EVIL}</trailer></movie></root>
""".encode()


@pytest.mark.parametrize(
    "address",
    [EVIL, "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"],
)
def test_a_trailer_url_that_is_no_web_address_is_kept_flagged_and_no_link(address):
    record = Record(works=(WorkRecord("Heat", trailer_url=address),))
    found = checked(record).record
    assert found.works[0].trailer_url == ""
    assert ("Trailer URL", address) in found.copy.other_details
    assert found.copy.flags[0][0] == "Trailer URL"
    assert "not a web address" in found.copy.flags[0][1]


def test_a_web_address_stays_the_trailer_url():
    record = Record(works=(WorkRecord("Heat", trailer_url="https://youtu.be/abc"),))
    assert checked(record).record.works[0].trailer_url == "https://youtu.be/abc"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("films.csv", f"Title,Trailer URL\nHeat,{EVIL}\n".encode()),
        ("griffith.xml", GRIFFITH),
    ],
)
def test_an_imported_javascript_trailer_is_no_link_on_the_copy_page(
    client, alice_collection, tmp_path, name, content
):
    path = tmp_path / name
    path.write_bytes(content)
    import_files([path], alice_collection)

    assert Work.objects.get().trailer_url == ""
    copy = Copy.objects.get()
    page = client.get(copy.get_absolute_url()).content.decode()
    assert 'href="javascript:' not in page
    assert "Trailer URL" in page  # kept, said why


FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]


def test_a_cell_a_spreadsheet_would_run_is_exported_as_text(alice_collection):
    apply_records(
        [
            Record(
                works=(WorkRecord(text),),
                copy=CopyRecord(index=n, notes=text, purchase_price=None),
            )
            for n, text in enumerate(FORMULAS, start=1)
        ],
        alice_collection,
    )
    out = io.BytesIO()
    csv_export.write(_records(alice_collection), out, columns=["index", "title", "notes"])
    rows = list(csv.reader(io.StringIO(out.getvalue().decode())))[1:]
    for (_, title, notes), text in zip(rows, FORMULAS, strict=True):
        assert title == notes == "'" + text


def test_a_negative_number_is_exported_as_a_number(alice_collection):
    from decimal import Decimal

    apply_records(
        [
            Record(
                works=(WorkRecord("Heat"),),
                copy=CopyRecord(index=1, purchase_price=Decimal("-5.5")),
            )
        ],
        alice_collection,
    )
    out = io.BytesIO()
    csv_export.write(_records(alice_collection), out, columns=["purchase_price"])
    assert out.getvalue().decode().splitlines()[1] == "-5.50"


def _records(collection):
    from cinecat.interchange.export import records_of

    return records_of(collection.copies.order_by("index"))


@pytest.mark.parametrize(
    "written", ["０２４５４３６１７９０７", "０２４５４３－６１７９０７", "024543617907"]
)
def test_a_barcode_in_full_width_digits_is_the_barcode_it_reads_as(written):
    assert barcodes.normalize(written) == "0024543617907"


def test_a_full_width_barcode_finds_the_disc_already_owned(alice_collection):
    apply_records(
        [Record(works=(WorkRecord("Alien"),), edition=EditionRecord(barcode="024543617907"))],
        alice_collection,
    )
    report = apply_records(
        [
            Record(
                works=(WorkRecord("Alien"),),
                edition=EditionRecord(barcode="０２４５４３６１７９０７"),
            )
        ],
        alice_collection,
        on_duplicate="skip",
    )
    assert report.count("skipped") == 1
    assert Copy.objects.count() == 1


@pytest.mark.parametrize("text", [*FORMULAS, "'quoted", "'", "plain", "-5.50", "'=already"])
def test_a_cell_marked_as_text_reads_back_as_it_was(text):
    assert csv_export.unmarked(csv_export.safe_cell(text)) == text
