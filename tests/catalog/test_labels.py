"""Alice prints stickers for her shelves, her binders and her discs."""

import io

import pytest
from pypdf import PdfReader

from cinecat.catalog import label_sheet, slots
from cinecat.catalog.models import Copy, Location
from cinecat.catalog.records import CopyRecord, EditionRecord, Record, WorkRecord
from cinecat.catalog.selectors import copy_rows
from cinecat.interchange.writer import apply_records


@pytest.fixture
def shelf(alice_collection):
    slots.save_device(alice_collection, None, name="TD 05", kind="binder", capacity=40)
    apply_records(
        [
            Record(
                works=(WorkRecord(title, year=year),),
                edition=EditionRecord(format=fmt),
                copy=CopyRecord(
                    index=index,
                    location=("Study", "Shelf 2"),
                    storage_device=device,
                    storage_slot=slot,
                ),
            )
            for index, title, year, fmt, device, slot in [
                (7, "Fargo", 1996, "DVD", "TD 05", "12"),
                (8, "Ōkami", 2007, "Blu-ray", "", ""),
            ]
        ],
        alice_collection,
    )
    return alice_collection


def text_of(response) -> tuple[str, int]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    return "\n".join(page.extract_text() for page in pages), len(pages)


def test_a_copy_label_holds_its_index_title_format_and_place_and_links_its_page(shelf):
    copy = copy_rows(Copy.objects.filter(index=7), ("index",)).get()
    label = label_sheet.copy_label(copy, "http://shelf.example/c/alice/7/")
    assert label == label_sheet.Label(
        "#7",
        ("Fargo (1996)", "DVD", "Study › Shelf 2", "TD 05 / 12"),
        "http://shelf.example/c/alice/7/",
    )


def test_the_copy_page_prints_its_label(client, shelf):
    page = client.get("/c/alice/7/").content.decode()
    assert 'href="/c/alice/7/label.pdf"' in page
    text, pages = text_of(client.get("/c/alice/7/label.pdf"))
    assert pages == 1
    assert "#7" in text and "Fargo (1996)" in text and "TD 05 / 12" in text


def test_titles_keep_their_accents_on_a_label(client, shelf):
    text, _ = text_of(client.get("/c/alice/8/label.pdf"))
    assert "Ōkami (2007)" in text


def test_a_place_prints_its_label_and_those_of_the_places_inside(client, shelf):
    study = Location.objects.get(name="Study")
    text, _ = text_of(client.get(f"/c/alice/locations/labels.pdf?location={study.pk}"))
    assert "Study" in text and "Study › Shelf 2" in text and "2 copies" in text


def test_a_device_prints_its_label_and_those_of_its_copies(client, shelf):
    device = slots.device_named(shelf, "TD 05")
    page = client.get(f"/c/alice/storage/{device.pk}/").content.decode()
    assert f"/c/alice/storage/labels.pdf?device={device.pk}" in page
    text, _ = text_of(client.get(f"/c/alice/storage/labels.pdf?device={device.pk}"))
    assert "TD 05" in text and "Binder" in text and "1 copy, slots 1–40" in text
    text, _ = text_of(client.get(f"/c/alice/storage/{device.pk}/copy-labels.pdf"))
    assert "#7" in text and "Ōkami" not in text


def test_twenty_five_labels_take_two_sheets(client, alice_collection):
    apply_records(
        [Record(works=(WorkRecord(f"Film {n}"),), copy=CopyRecord(index=n)) for n in range(1, 26)],
        alice_collection,
    )
    _, pages = text_of(client.get("/c/alice/print/labels.pdf"))
    assert pages == 2


def test_a_label_for_a_place_that_is_no_id_is_not_found(client, shelf):
    assert client.get("/c/alice/locations/labels.pdf?location=shelf").status_code == 404
    assert client.get("/c/alice/storage/labels.pdf?device=99999999999").status_code == 404


def test_a_long_title_is_cut_to_fit_its_label():
    regular, _ = label_sheet.fonts()
    cut = label_sheet.fit(
        "The Assassination of Jesse James by the Coward Robert Ford", regular, 8, 100
    )
    assert cut.endswith("…") and len(cut) < 40


def test_a_pdf_carries_no_page_policy_that_would_stop_the_browsers_viewer(client, shelf):
    assert "Content-Security-Policy" in client.get("/c/alice/7/")
    assert "Content-Security-Policy" not in client.get("/c/alice/7/label.pdf")
    assert "Content-Security-Policy" not in client.get("/c/alice/print/list.pdf")
