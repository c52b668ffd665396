"""Alice reorganises her flat: places are renamed, moved, merged and deleted from their pages."""

import pytest

from cinecat.catalog import places
from cinecat.catalog.models import Copy, CopyChange, Location
from cinecat.catalog.records import CopyRecord, Record, WorkRecord
from cinecat.interchange.writer import apply_records


@pytest.fixture
def flat(alice_collection):
    """Study › Shelf 1 holds Alien, Study › Shelf 2 holds Heat, the Living room holds Fargo
    and its Shelf 1 holds Ronin."""
    apply_records(
        [
            Record(works=(WorkRecord(title),), copy=CopyRecord(index=index, location=path))
            for index, title, path in [
                (1, "Alien", ("Study", "Shelf 1")),
                (2, "Heat", ("Study", "Shelf 2")),
                (3, "Fargo", ("Living room",)),
                (4, "Ronin", ("Living room", "Shelf 1")),
            ]
        ],
        alice_collection,
    )
    return {place.path: place for place in Location.objects.all()}


def where(index: int) -> str:
    place = Copy.objects.get(index=index).location
    return place.path if place else ""


def test_the_tree_lists_places_as_shelves_are_walked(client, flat):
    page = client.get("/c/alice/locations/").content.decode()
    assert '<li class="depth-1"><a href="/c/alice/locations/' in page  # no inline style: CSP
    order = ["Living room", "Study", "Shelf 2"]
    assert [page.index(f">{name}</a>") for name in order] == sorted(
        page.index(f">{name}</a>") for name in order
    )
    depths = [
        (place.path, depth, count) for place, depth, count in places.tree(flat["Study"].collection)
    ]
    assert depths == [
        ("Living room", 0, 1),
        ("Living room › Shelf 1", 1, 1),
        ("Study", 0, 0),
        ("Study › Shelf 1", 1, 1),
        ("Study › Shelf 2", 1, 1),
    ]


def test_a_place_is_added_by_its_path(client, flat):
    response = client.post("/c/alice/locations/", {"path": "study / Shelf 3"})
    assert response.status_code == 302
    assert Location.objects.filter(name="Shelf 3", parent=flat["Study"]).exists()


def test_renaming_a_place_renames_the_paths_inside_it(client, flat):
    study = flat["Study"]
    response = client.post(f"/c/alice/locations/{study.pk}/rename/", {"name": "Office"})
    assert response["Location"] == f"/c/alice/locations/{study.pk}/"
    assert where(1) == "Office › Shelf 1"


def test_a_name_already_there_is_refused_and_merge_is_offered(client, flat):
    shelf = flat["Study › Shelf 1"]
    response = client.post(f"/c/alice/locations/{shelf.pk}/rename/", {"name": "shelf 2"})
    assert response.status_code == 400
    assert "Study › Shelf 2 already has" not in response.content.decode()
    assert "Study already has a place named Shelf 2: merge Shelf 1 into it instead." in (
        response.content.decode()
    )
    assert where(1) == "Study › Shelf 1"


def test_moving_a_place_takes_what_it_holds_along(client, flat):
    shelf, room = flat["Study › Shelf 2"], flat["Living room"]
    client.post(f"/c/alice/locations/{shelf.pk}/move/", {"parent": room.pk})
    assert where(2) == "Living room › Shelf 2"
    client.post(f"/c/alice/locations/{shelf.pk}/move/", {"parent": ""})
    assert where(2) == "Shelf 2"


def test_a_place_cannot_move_inside_itself(client, flat):
    study, shelf = flat["Study"], flat["Study › Shelf 1"]
    response = client.post(f"/c/alice/locations/{study.pk}/move/", {"parent": shelf.pk})
    assert response.status_code == 400
    assert "Study cannot go inside itself or a place inside it." in response.content.decode()


def test_merging_moves_copies_and_merges_places_of_the_same_name(client, flat):
    room, study = flat["Living room"], flat["Study"]
    response = client.post(f"/c/alice/locations/{room.pk}/merge/", {"into": study.pk}, follow=True)
    assert "Merged Living room into Study: 2 copies moved." in response.content.decode()
    assert (where(3), where(4), where(1)) == ("Study", "Study › Shelf 1", "Study › Shelf 1")
    assert not Location.objects.filter(name="Living room").exists()
    assert Location.objects.filter(name="Shelf 1").count() == 1
    note = CopyChange.objects.filter(copy__index=4).latest("pk")
    assert note.changes == {"Location": ["Living room › Shelf 1", "Study › Shelf 1"]}


def test_deleting_a_place_moves_what_it_holds_to_the_place_around_it(client, flat):
    shelf = flat["Living room › Shelf 1"]
    client.post(f"/c/alice/locations/{shelf.pk}/delete/", {"choice": "parent"})
    assert where(4) == "Living room"


def test_deleting_a_place_moves_what_it_holds_to_another(client, flat):
    study, room = flat["Study"], flat["Living room"]
    client.post(f"/c/alice/locations/{study.pk}/delete/", {"choice": "other", "other": room.pk})
    assert (where(1), where(2)) == ("Living room › Shelf 1", "Living room › Shelf 2")


def test_deleting_a_place_can_leave_its_copies_without_one(client, flat):
    study = flat["Study"]
    response = client.post(f"/c/alice/locations/{study.pk}/delete/", {"choice": "none"})
    assert response["Location"] == "/c/alice/locations/"
    assert (where(1), where(2), where(3)) == ("", "", "Living room")
    assert not Location.objects.filter(name__in=["Study", "Shelf 2"]).exists()


def test_deleting_into_another_place_without_naming_it_is_refused(client, flat):
    study = flat["Study"]
    response = client.post(f"/c/alice/locations/{study.pk}/delete/", {"choice": "other"})
    assert response.status_code == 400
    assert "Choose the place its copies go to." in response.content.decode()
    assert where(1) == "Study › Shelf 1"


def test_a_top_level_place_offers_no_place_around_it(client, flat):
    study = flat["Study"]
    page = client.get(f"/c/alice/locations/{study.pk}/").content.decode()
    assert "Goes to another place" in page and "Goes to the place around it" not in page
    response = client.post(f"/c/alice/locations/{study.pk}/delete/", {"choice": "parent"})
    assert response.status_code == 400
    assert where(1) == "Study › Shelf 1"


def test_a_merge_moves_the_versions_of_the_copies_it_moves_on(flat):
    before = Copy.objects.get(index=1).version
    places.rename(flat["Study"], "Office")
    places.merge(flat["Study › Shelf 1"], flat["Study › Shelf 2"])
    assert Copy.objects.get(index=1).version == before + 1
