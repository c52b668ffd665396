"""Alice prints or downloads exactly what her list shows."""

import csv
import io
from unittest import mock

import pytest
from pypdf import PdfReader

from cinecat.catalog.records import CopyRecord, EditionRecord, Record, WorkRecord
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


def test_a_pdf_of_more_copies_than_it_holds_is_refused_with_what_to_do(client, shelf, settings):
    from cinecat.interchange.views import exports

    with mock.patch.object(exports, "PDF_LIMIT", 2):
        response = client.get("/c/alice/print/list.pdf")
    assert response.status_code == 400
    assert "A PDF holds at most 2 copies: narrow the list" in response.content.decode()


def test_the_printed_list_adds_the_columns_the_table_picked(client, shelf):
    page = client.get("/c/alice/print/?col=owner&col=title&col=barcode").content.decode()
    headings = page.split("<thead>")[1].split("</thead>")[0]
    assert headings.count("<th>") == 9 and headings.index("Slot") < headings.index("Owner")
    assert headings.count("Title") == 1 and "Barcode" in headings
    text = pdf_text(client.get("/c/alice/print/list.pdf?col=owner&col=barcode"))
    assert "Owner" in text and "Barcode" in text


def test_a_printed_column_that_is_none_is_refused_with_the_columns(client, shelf):
    for url in ("/c/alice/print/?col=shoe_size", "/c/alice/print/list.pdf?col=shoe_size"):
        response = client.get(url)
        assert response.status_code == 400
        assert "No such column: shoe_size (the columns: index, title" in response.content.decode()
