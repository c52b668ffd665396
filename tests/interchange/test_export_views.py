"""Alice prints or downloads exactly what her list shows."""

import csv
import io

import pytest
from pypdf import PdfReader

from cinecat.catalog.models import Copy
from cinecat.catalog.records import CopyRecord, EditionRecord, Record, WorkRecord
from cinecat.interchange import registry
from cinecat.interchange.export import export_collection
from cinecat.interchange.formats import csv_export
from cinecat.interchange.writer import apply_records
from cinecat.search import columns as table_columns


@pytest.fixture
def shelf(alice_collection):
    films = [("Fargo", "DVD", 1), ("Heat", "Blu-ray", 2), ("Alien", "Blu-ray", 3)]
    apply_records(
        [
            Record(
                works=(WorkRecord(title),),
                edition=EditionRecord(format=fmt),
                copy=CopyRecord(index=index),
            )
            for title, fmt, index in films
        ],
        alice_collection,
    )


def test_the_csv_export_holds_the_filtered_selection_with_the_columns_picked(client, shelf):
    response = client.get("/c/alice/export/?as=csv&format=Blu-ray&col=index&col=title")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="alice-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [["index", "title"], ["2", "Heat"], ["3", "Alien"]]


def test_the_csv_export_takes_the_columns_the_table_shows(client, shelf):
    page = client.get("/c/alice/?view=table&col=index&col=storage&col=slot&col=added")
    assert "col=storage&amp;col=slot&amp;col=added&amp;as=csv" in page.content.decode()
    response = client.get("/c/alice/export/?as=csv&col=index&col=storage&col=slot&col=added")
    assert response.status_code == 200
    header, *rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert header == ["index", "storage_device", "storage_slot", "added_at"]
    assert [row[0] for row in rows] == ["1", "2", "3"]


def test_every_table_column_has_a_csv_column():
    for column in table_columns.COLUMNS:
        assert column.export_name in csv_export.COLUMNS, column.key


def test_an_unknown_column_is_refused_with_the_known_ones(client, shelf):
    response = client.get("/c/alice/export/?as=csv&col=shoe_size")
    assert response.status_code == 400
    assert "unknown column(s) shoe_size" in response.content.decode()


def test_the_json_export_of_a_search_holds_only_what_matched(client, shelf):
    response = client.get("/c/alice/export/?as=cinecat-json&q=alien")
    body = b"".join(response.streaming_content).decode()
    assert '"Alien"' in body and '"Heat"' not in body


def test_the_printable_list_shows_the_selection_for_paper(client, shelf):
    page = client.get("/c/alice/print/?q=fargo").content.decode()
    assert "print.css" in page
    assert "Fargo" in page and "Heat" not in page
    assert "1 copy matching “fargo”" in page


def test_the_printable_list_stops_at_its_limit_and_offers_the_whole_list_as_a_file(
    client, shelf, settings
):
    settings.CINECAT_PRINT_LIMIT = 2
    page = client.get("/c/alice/print/?sort=title").content.decode()
    assert "The first 2 of 3 copies are listed (at most 2 are printed)" in page
    assert "/c/alice/export/?sort=title&amp;as=csv" in page
    assert "Alien" in page and "Fargo" in page and "Heat" not in page


def test_the_printable_list_shows_every_row_of_a_selection_within_its_limit(client, shelf):
    page = client.get("/c/alice/print/").content.decode()
    assert "3 copies" in page and "The first" not in page
    assert page.index("Fargo") < page.index("Heat") < page.index("Alien")  # by index


def test_the_printable_list_has_no_inline_script(client, shelf):
    page = client.get("/c/alice/print/").content.decode()
    assert "onclick" not in page


def test_the_csv_export_is_streamed_as_it_is_written(client, shelf):
    response = client.get("/c/alice/export/?as=csv&col=index&col=title")
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) > 1  # the header, then the rows as they come
    assert b"".join(chunks).decode().splitlines() == ["index,title", "1,Fargo", "2,Heat", "3,Alien"]


@pytest.mark.parametrize("fmt", [fmt.key for fmt in registry.writable()])
def test_every_format_is_sent_as_the_command_writes_it(client, shelf, alice_collection, fmt):
    response = client.get(f"/c/alice/export/?as={fmt}")
    sent = b"".join(response.streaming_content)
    written = io.BytesIO()
    export_collection(alice_collection, fmt, written)
    assert sent == written.getvalue()


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_printable_list_states_its_filters_and_comes_as_a_pdf(client, shelf):
    page = client.get("/c/alice/print/?format=Blu-ray").content.decode()
    assert "Format: Blu-ray" in page and "2 copies" in page
    assert 'href="/c/alice/print/list.pdf?format=Blu-ray"' in page
    text = pdf_text(client.get("/c/alice/print/list.pdf?format=Blu-ray"))
    assert "Alice's shelves" in text and "Format: Blu-ray" in text and "2 copies" in text
    assert "Heat" in text and "Alien" in text and "Fargo" not in text


def test_the_list_offers_its_pdf_and_its_labels(client, shelf):
    page = client.get("/c/alice/?format=DVD").content.decode()
    assert 'href="/c/alice/print/list.pdf?format=DVD"' in page
    assert 'href="/c/alice/print/labels.pdf?format=DVD"' in page


def test_the_labels_of_a_selection_give_each_copy_its_index_and_title(client, shelf):
    text = pdf_text(client.get("/c/alice/print/labels.pdf?q=fargo"))
    assert "#1" in text and "Fargo" in text and "Heat" not in text


def test_a_pdf_stops_at_the_print_limit_and_says_so(client, shelf, settings):
    settings.CINECAT_PRINT_LIMIT = 2
    text = pdf_text(client.get("/c/alice/print/list.pdf"))
    assert "3 copies" in text and "The first 2 of 3 copies are listed." in text
    assert "Fargo" in text and "Heat" in text and "Alien" not in text


def test_more_labels_than_the_print_limit_are_refused_with_what_to_do(client, shelf, settings):
    settings.CINECAT_PRINT_LIMIT = 2
    response = client.get("/c/alice/print/labels.pdf")
    assert response.status_code == 400
    assert "At most 2 labels are printed at once (CINECAT_PRINT_LIMIT)" in response.content.decode()


def test_the_printed_list_adds_the_columns_the_table_picked(client, shelf):
    Copy.objects.filter(index=2).update(owner="Bob")
    page = client.get("/c/alice/print/?col=owner&col=title&col=barcode").content.decode()
    headings = page.split("<thead>")[1].split("</thead>")[0]
    assert headings.count("<th>") == 8 and headings.index("Storage") < headings.index("Owner")
    assert headings.count("Title") == 1 and "Barcode" in headings
    assert "<td>Heat</td><td></td><td>Blu-ray</td><td></td><td></td><td>Bob</td>" in page
    text = pdf_text(client.get("/c/alice/print/list.pdf?col=owner&col=barcode"))
    assert "Owner" in text and "Barcode" in text and "Bob" in text


def test_a_printed_column_that_is_none_is_refused_with_the_columns(client, shelf):
    for url in ("/c/alice/print/?col=shoe_size", "/c/alice/print/list.pdf?col=shoe_size"):
        response = client.get(url)
        assert response.status_code == 400
        assert "No such column: shoe_size (the columns: index, title" in response.content.decode()
