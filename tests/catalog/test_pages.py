"""The collection page and the Copy page, read as a visitor reads them."""

import html
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CopyFactory, EditionFactory, WorkFactory

SKIPPED_HEADINGS = {"SYNPOSIS", "Trailer"}  # spelt "Synopsis" here; no trailer in the reference


def visible_text(content: bytes) -> str:
    body = content.decode().split("<main", 1)[1]
    text = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def reference_values(path) -> list[str]:
    """The reference's lines in order, without the three lines before the title."""
    lines = [line.strip() for line in path.read_text().splitlines()][3:]
    return [line for line in lines if line and line not in SKIPPED_HEADINGS]


def assert_in_order(values: list[str], text: str) -> None:
    """Each value in the text after the one before; labels may be cased otherwise ("Nr Discs"
    of the reference is "Nr discs" here, in sentence case)."""
    position = 0
    text = text.casefold()
    for value in values:
        found = text.find(value.casefold(), position)
        assert found >= 0, f"{value[:60]!r} is missing or out of order"
        position = found + len(value)


@pytest.fixture
def reference(alice_collection, reference_path):
    call_command("import", str(reference_path), "--collection", "alice", stdout=None)
    return reference_path


def test_the_copy_page_shows_every_value_of_the_reference_in_its_order(client, reference):
    response = client.get("/c/alice/1279/")
    assert response.status_code == 200
    values = reference_values(reference)
    cast_start = values.index("Cast View all") + 1
    shown = values[: cast_start + 12] + values[cast_start + 25 :]
    assert_in_order(shown, visible_text(response.content))


def test_the_copy_page_shows_the_first_dozen_of_the_cast_then_view_all(client, reference):
    text = visible_text(client.get("/c/alice/1279/").content)
    assert "Cast View all" in text
    assert "Andrei Korzhenevsky Man in Layers of Clothes" in text  # the 12th
    assert "Roger Ashton-Griffiths" not in text  # the 13th


def test_view_all_swaps_in_the_whole_cast_in_order(client, reference):
    response = client.get("/c/alice/1279/cast/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content  # a fragment, not a page
    values = reference_values(reference)
    start = values.index("Cast View all") + 1
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))
    assert_in_order(values[start : start + 25], text)


def test_view_all_without_javascript_opens_a_page_with_the_whole_cast(client, reference):
    response = client.get("/c/alice/1279/cast/")
    assert b"<html" in response.content
    assert "Alex Harvey-Brown Soldier" in visible_text(response.content)


def test_the_copy_page_shows_the_details_an_earlier_cataloguer_kept(client, alice_collection):
    CopyFactory(
        collection=alice_collection,
        index=5,
        other_details=[["IMDb rating", "7.3"], ["Features", "Commentary\nTrailer <HD>"]],
    )
    response = client.get("/c/alice/5/")
    assert "Other details IMDb rating 7.3 Features Commentary Trailer <HD>" in visible_text(
        response.content
    )
    assert b"Commentary<br>Trailer &lt;HD&gt;" in response.content


def test_an_unknown_copy_or_collection_is_not_found(client, reference):
    assert client.get("/c/alice/9999/").status_code == 404
    assert client.get("/c/bob/1279/").status_code == 404


def test_the_home_page_opens_the_first_collection(client, alice_collection):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/c/alice/"


def test_an_empty_installation_says_how_to_start(client, db):
    assert "Your catalog is empty" in visible_text(client.get("/").content)


def test_the_collection_page_links_each_copy_to_its_page(client, reference):
    text = client.get("/c/alice/").content.decode()
    assert 'href="/c/alice/1279/?from=' in text  # the copy's page, knowing the list
    assert "The Death Of Stalin" in text
    assert "2017 · DVD" in text
    assert "#1279" in text


@pytest.fixture
def shelf(alice_collection):
    titles = ["Zulu", "Alien", "The Birds", "Memento"]
    for number, title in enumerate(titles, 1):
        edition = EditionFactory(works=[WorkFactory(title=title, year=1960 + number)])
        CopyFactory(collection=alice_collection, edition=edition, index=number)
    return titles


def rows(client, url: str) -> list[str]:
    return re.findall(r'class="row-title">([^<]+)<', client.get(url).content.decode())


def test_the_collection_page_sorts_by_index_or_by_title(client, shelf):
    assert rows(client, "/c/alice/") == ["Zulu", "Alien", "The Birds", "Memento"]
    assert rows(client, "/c/alice/?sort=title") == ["Alien", "The Birds", "Memento", "Zulu"]


def test_the_collection_page_is_paginated(client, shelf, settings):
    settings.CINECAT_PAGE_SIZE = 3
    assert rows(client, "/c/alice/") == ["Zulu", "Alien", "The Birds"]
    assert rows(client, "/c/alice/?page=2") == ["Memento"]
    assert "Page 2 of 2" in client.get("/c/alice/?page=2").content.decode()


def test_the_collection_page_costs_the_same_queries_for_many_copies(
    client, shelf, alice_collection
):
    with CaptureQueriesContext(connection) as few:
        client.get("/c/alice/")
    for _ in range(35):
        CopyFactory(collection=alice_collection)
    with CaptureQueriesContext(connection) as many:
        client.get("/c/alice/")
    assert len(many) == len(few)


def test_static_files_are_served_locally(client, shelf):
    page = client.get("/c/alice/")
    assert b"/static/django_htmx/htmx-2.min.js" in page.content
    assert b"/static/cinecat/site.css" in page.content
    assert b"https://" not in page.content
    assert client.get("/static/cinecat/site.css").status_code == 200


def test_a_plain_plot_is_shown_as_paragraphs_not_as_escaped_tags(client, reference):
    page = client.get("/c/alice/1279/").content.decode()
    assert "&lt;p&gt;" not in page
    assert "<p>Moscow, 1953." in page
