"""Alice keeps her discs in binders and towers: one copy a slot, never more than they hold."""

import pytest

from cinecat.catalog import services, slots
from cinecat.catalog.models import Copy, CopyChange, StorageDevice
from cinecat.catalog.records import CopyRecord, EditionRecord, Record, WorkRecord
from cinecat.interchange.writer import apply_records
from tests.catalog.test_editing import edit_data


def shelf(collection, *titles, device="", slot=""):
    apply_records(
        [
            Record(
                works=(WorkRecord(title),),
                edition=EditionRecord(format="DVD"),
                copy=CopyRecord(index=index, storage_device=device, storage_slot=slot),
            )
            for index, title in titles
        ],
        collection,
    )


@pytest.fixture
def td05(alice_collection):
    """Binder TD 05 holds 4 discs: Fargo in slot 2, Heat in slot 3; Alien and Ronin loose."""
    device = slots.save_device(alice_collection, None, name="TD 05", kind="binder", capacity=4)
    shelf(alice_collection, (1, "Alien"), (4, "Ronin"))
    shelf(alice_collection, (2, "Fargo"), device="TD 05", slot="2")
    shelf(alice_collection, (3, "Heat"), device="TD 05", slot="3")
    return device


def copy(index: int) -> Copy:
    return Copy.objects.get(index=index)


def test_a_taken_slot_is_refused_naming_the_copy_in_it(td05):
    with pytest.raises(slots.SlotTaken, match=r"Slot 2 of TD 05 already holds #2 Fargo \(DVD\)"):
        slots.check_slot(td05, "02", copy(1))


def test_a_copy_keeps_its_own_slot_and_a_free_slot_is_taken(td05):
    slots.check_slot(td05, "2", copy(2))
    slots.check_slot(td05, "1", copy(1))


def test_a_slot_past_the_capacity_is_refused(td05):
    with pytest.raises(slots.PlaceRefused, match="TD 05 has slots 1 to 4: there is no slot 5"):
        slots.check_slot(td05, "5", copy(1))


def test_a_full_device_takes_no_more_copies(td05):
    slots.put_in(td05, [copy(1), copy(4)])
    shelf(td05.collection, (5, "Heist"))
    with pytest.raises(slots.PlaceRefused, match="holds 4 discs and has 4 in it: 0 more fit"):
        slots.check_slot(td05, "", copy(5))


def test_the_edit_page_refuses_a_taken_slot_with_its_holder(client, td05):
    data = edit_data(copy(1), **{"copy-storage_device": "td 05", "copy-storage_slot": "3"})
    response = client.post("/c/alice/1/edit/", data)
    assert response.status_code == 400
    assert "Slot 3 of TD 05 already holds #3 Heat (DVD)" in response.content.decode()
    assert copy(1).storage_device is None


def test_moving_copies_in_takes_the_lowest_free_slots(td05):
    assert slots.put_in(td05, [copy(4), copy(1)]) == 2
    held = dict(td05.copies.values_list("index", "storage_slot"))
    assert held == {1: "1", 2: "2", 3: "3", 4: "4"}
    note = CopyChange.objects.filter(copy=copy(4)).latest("pk")
    assert note.changes == {"Storage device": ["", "TD 05"], "Storage slot": ["", "4"]}


def test_moving_more_copies_than_fit_moves_none(td05):
    shelf(td05.collection, (5, "Heist"))
    with pytest.raises(slots.PlaceRefused, match="2 more fit, not 3"):
        slots.put_in(td05, [copy(1), copy(4), copy(5)])
    assert not Copy.objects.filter(index__in=[1, 4, 5], storage_device__isnull=False).exists()


def test_the_batch_edit_moves_copies_between_devices_keeping_slots_unique(client, td05):
    slots.save_device(td05.collection, None, name="Tower", kind="tower")
    response = client.post(
        "/c/alice/batch/",
        {"copies": [copy(2).pk, copy(3).pk], "storage_device": "Tower", "action": "apply"},
    )
    assert response.status_code == 302
    tower = StorageDevice.objects.get(name="Tower")
    assert dict(tower.copies.values_list("index", "storage_slot")) == {2: "1", 3: "2"}
    client.post(
        "/c/alice/batch/",
        {"copies": [copy(1).pk, copy(4).pk], "storage_device": "Tower", "action": "apply"},
    )
    slots_now = list(tower.copies.values_list("storage_slot", flat=True))
    assert sorted(slots_now, key=int) == ["1", "2", "3", "4"]


def test_the_batch_edit_from_a_taken_slot_is_refused_and_changes_nothing(client, td05):
    response = client.post(
        "/c/alice/batch/",
        {
            "copies": [copy(1).pk, copy(4).pk],
            "storage_device": "TD 05",
            "first_slot": "1",
            "action": "apply",
        },
        follow=True,
    )
    assert "Nothing changed: Slot 2 of TD 05 already holds #2 Fargo (DVD)." in (
        response.content.decode()
    )
    assert copy(1).storage_device is None and copy(4).storage_device is None


def test_the_batch_edit_from_a_free_slot_puts_them_one_after_another(td05, alice_collection):
    change = services.BatchChange(storage_device="TD 05", first_slot=4)
    services.batch_edit(alice_collection, Copy.objects.filter(index=1), change)
    assert copy(1).storage_slot == "4"


def test_slots_from_one_without_a_device_are_refused(client, td05):
    response = client.post(
        "/c/alice/batch/", {"copies": [copy(1).pk], "first_slot": "3", "action": "apply"}
    )
    assert response.status_code == 302
    listed = client.get(response["Location"]).content.decode()
    assert "Name the storage device the slots are in." in listed
    assert copy(1).storage_device is None


def test_a_capacity_below_what_the_device_holds_is_refused(td05):
    with pytest.raises(slots.PlaceRefused, match="Slot 3 of TD 05 holds a copy"):
        slots.save_device(td05.collection, td05, name="TD 05", capacity=2)
    with pytest.raises(slots.PlaceRefused, match="already a storage device named TD 05"):
        slots.save_device(td05.collection, None, name="td 05")


def test_the_device_page_shows_each_slot_with_its_copy_and_the_free_ones(client, td05):
    page = client.get(f"/c/alice/storage/{td05.pk}/").content.decode()
    assert "2 copies in 4 slots" in page and "2 free" in page
    rows = [row.split("</th>")[0] for row in page.split('<th scope="row">')[1:]]
    assert rows == ["1", "2", "3", "4"]
    assert page.index("Fargo") < page.index("Heat")
    assert page.count('class="slot-free"') == 2


def test_a_run_of_free_slots_is_one_row(alice_collection):
    device = slots.save_device(alice_collection, None, name="Box", capacity=10)
    shelf(alice_collection, (1, "Alien"), device="Box", slot="4")
    found, elsewhere = slots.layout(device, list(device.copies.all()))
    assert [(slot.number, slot.free) for slot in found] == [
        ("1–3", True),
        ("4", False),
        ("5–10", True),
    ]
    assert elsewhere == []


def test_devices_are_added_changed_and_listed_with_their_room(client, alice_collection):
    response = client.post(
        "/c/alice/storage/", {"name": "Tower A", "kind": "tower", "capacity": "100"}
    )
    tower = StorageDevice.objects.get(name="Tower A")
    assert response["Location"] == f"/c/alice/storage/{tower.pk}/"
    client.post(f"/c/alice/storage/{tower.pk}/edit/", {"name": "Tower B", "capacity": "50"})
    tower.refresh_from_db()
    assert (tower.name, tower.kind, tower.capacity) == ("Tower B", "", 50)
    listing = client.get("/c/alice/storage/").content.decode()
    assert "Tower B" in listing and "<td>50</td>" in listing


def test_a_device_without_a_name_is_refused_where_it_is_typed(client, alice_collection):
    response = client.post("/c/alice/storage/", {"name": " ", "capacity": "0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert "Ensure this value is greater than or equal to 1." in page


def test_deleting_a_device_moves_its_copies_to_another_in_free_slots(client, td05):
    box = slots.save_device(td05.collection, None, name="Box", capacity=3)
    shelf(td05.collection, (5, "Heist"), device="Box", slot="1")
    response = client.post(f"/c/alice/storage/{td05.pk}/delete/", {"into": box.pk}, follow=True)
    assert "Deleted TD 05: 2 copies moved to Box." in response.content.decode()
    assert dict(box.copies.values_list("index", "storage_slot")) == {5: "1", 2: "2", 3: "3"}
    assert not StorageDevice.objects.filter(name="TD 05").exists()


def test_deleting_a_device_can_leave_its_copies_without_one(client, td05):
    client.post(f"/c/alice/storage/{td05.pk}/delete/", {"into": ""})
    assert (copy(2).storage_device, copy(2).storage_slot) == (None, "")


def test_a_slot_an_import_gave_twice_never_stops_an_edit_of_anything_else(client, td05):
    shelf(td05.collection, (5, "Heist"), device="TD 05", slot="3")  # as its file said
    data = edit_data(copy(5), **{"copy-notes": "Signed"})
    assert client.post("/c/alice/5/edit/", data).status_code == 302
    assert copy(5).notes == "Signed"
    page = client.get(f"/c/alice/storage/{td05.pk}/").content.decode()
    assert page.count("(slot held twice)") == 2


def test_moving_in_copies_an_import_put_in_one_slot_gives_the_second_a_free_one(td05):
    shelf(td05.collection, (5, "Heist"), device="TD 05", slot="3")  # as its file said
    slots.put_in(td05, [copy(3), copy(5)])
    assert (copy(3).storage_slot, copy(5).storage_slot) == ("3", "1")
