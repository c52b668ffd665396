"""A source's formatted overview is shown formatted, and nothing in it runs."""

import pytest

from cinecat.catalog.markup import plain_text, safe_html
from cinecat.catalog.records import (
    CopyRecord,
    EditionRecord,
    PlotRecord,
    Record,
    WorkRecord,
)
from cinecat.interchange.writer import apply_records
from cinecat.search.full_text import search

OVERVIEW = (
    "When a developer sends thugs into a tenement, presented by <b>Steven Spielberg</b>."
    "<br><br><i>Tiny visitors</i> glide in.<script>alert(1)</script>"
    '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">click</a>'
)


def test_formatting_stays_and_anything_that_runs_goes():
    cleaned = safe_html(OVERVIEW)
    assert "<b>Steven Spielberg</b>" in cleaned and "<i>Tiny visitors</i>" in cleaned
    assert "<br>" in cleaned
    for gone in ("<script", "onerror", "javascript:", "<img", "<a "):
        assert gone not in cleaned


def test_the_words_of_a_formatted_text_keep_its_breaks():
    assert plain_text("A <b>bold</b> move<br>and &amp; more") == "A bold move\nand & more"


@pytest.fixture
def formatted(alice_collection):
    apply_records(
        [
            Record(
                works=(
                    WorkRecord(
                        "*batteries not included", plots=(PlotRecord(OVERVIEW, markup="html"),)
                    ),
                ),
                edition=EditionRecord(easter_eggs="Press <b>left</b> on the menu"),
                copy=CopyRecord(
                    index=9, flags=(("Barcode", "'ABC' is no UPC/EAN. It is kept as written."),)
                ),
            )
        ],
        alice_collection,
    )
    return alice_collection


def test_the_copy_page_shows_a_formatted_plot_formatted_and_safe(client, formatted):
    page = client.get("/c/alice/9/").content.decode()
    assert "<b>Steven Spielberg</b>" in page and "&lt;b&gt;" not in page
    assert "alert(1)" not in page and "onerror" not in page
    assert "Press <b>left</b> on the menu" in page


def test_a_formatted_plot_is_searched_by_its_words_not_its_tags(formatted):
    assert search(formatted.copies.all(), "spielberg tiny visitors").count() == 1
    assert search(formatted.copies.all(), "script").count() == 0


def test_the_copy_page_says_what_an_import_kept_as_written(client, formatted):
    page = client.get("/c/alice/9/").content.decode()
    assert "To look at" in page and "It is kept as written." in page
