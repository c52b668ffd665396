"""Changing many copies at once from a list: picked ones, or all that the list matches."""

import pytest

from cinecat.catalog.models import Copy
from cinecat.catalog.records import CopyRecord, EditionRecord, Record, WorkRecord
from cinecat.interchange.writer import apply_records


@pytest.fixture
def shelf(alice_collection):
    films = [("Alien", "Blu-ray"), ("Aliens", "Blu-ray"), ("Alien 3", "DVD"), ("Heat", "Blu-ray")]
    apply_records(
        [
            Record(
                works=(WorkRecord(title),),
                edition=EditionRecord(format=kind),
                copy=CopyRecord(index=i),
            )
            for i, (title, kind) in enumerate(films, 1)
        ],
        alice_collection,
    )
    return alice_collection


def owners() -> dict[str, str]:
    return dict(Copy.objects.values_list("edition__works__title", "owner"))


def test_all_matching_changes_every_copy_of_the_list_on_every_page(client, shelf):
    matching = "q=alien&format=Blu-ray&per_page=1"
    response = client.post(
        "/c/alice/batch/",
        {"all_matching": "on", "matching": matching, "owner": "Dawn", "action": "apply"},
        follow=True,
    )
    assert "2 copies updated." in response.content.decode()
    assert owners() == {"Alien": "Dawn", "Aliens": "Dawn", "Alien 3": "", "Heat": ""}


def test_picked_copies_alone_change_when_all_matching_is_not_ticked(client, shelf):
    heat = Copy.objects.get(index=4)
    client.post(
        "/c/alice/batch/",
        {"copies": [heat.pk], "matching": "q=alien", "owner": "Kerry", "action": "apply"},
    )
    assert owners() == {"Alien": "", "Aliens": "", "Alien 3": "", "Heat": "Kerry"}


def test_a_copy_deleted_while_picked_is_left_out_and_the_rest_change(client, shelf):
    gone, kept = Copy.objects.get(index=1), Copy.objects.get(index=2)
    client.post(f"/c/alice/{gone.index}/delete/")
    response = client.post(
        "/c/alice/batch/",
        {"copies": [gone.pk, kept.pk], "owner": "Dawn", "action": "apply"},
        follow=True,
    )
    assert "1 copy updated." in response.content.decode()
    assert Copy.objects.get(pk=kept.pk).owner == "Dawn"


def test_nothing_picked_says_so(client, shelf):
    response = client.post("/c/alice/batch/", {"owner": "Dawn", "action": "apply"}, follow=True)
    assert "Select copies first." in response.content.decode()
    assert set(owners().values()) == {""}


def test_a_batch_delete_offers_undo_that_brings_every_copy_back(client, shelf):
    response = client.post(
        "/c/alice/batch/",
        {"all_matching": "on", "matching": "q=alien", "action": "trash"},
        follow=True,
    )
    page = response.content.decode()
    assert "3 copies moved to the trash." in page
    assert Copy.objects.count() == 1
    undo = page[page.index("3 copies moved") :]
    form = undo[: undo.index("</form>")]
    ids = [
        value
        for value in Copy.everything.filter(trashed_at__isnull=False).values_list("pk", flat=True)
    ]
    for pk in ids:
        assert f'value="{pk}"' in form
    client.post("/c/alice/trash/restore/", {"copies": ids})
    assert Copy.objects.count() == 4


def test_the_list_offers_to_pick_the_page_or_all_it_matches(client, shelf):
    page = client.get("/c/alice/?q=alien&view=table").content.decode()
    assert "Select all on this page" in page
    assert "All 3 copies matching this list" in page
    assert 'name="matching" value="q=alien&amp;view=table"' in page
