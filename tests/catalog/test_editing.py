"""Alice adds discs in seconds and edits anything; Bob's edit never silently replaces hers."""

import datetime as dt
import re
from unittest import mock

import pytest
import zxingcpp
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.utils import timezone

from cinecat.catalog import history, services
from cinecat.catalog.models import (
    Company,
    Copy,
    CopyChange,
    Edition,
    Genre,
    Location,
    StorageDevice,
    Tag,
    Work,
)
from cinecat.catalog.records import CopyRecord, CreditRecord, EditionRecord, Record, WorkRecord
from cinecat.catalog.views.edit import _edit_forms
from cinecat.interchange.writer import apply_records
from tests.catalog.images import barcode, encoded, noise, photographed
from tests.factories import CollectionFactory

FARGO_UPC = "024543617907"


@pytest.fixture
def fargo(alice_collection):
    apply_records(
        [
            Record(
                works=(
                    WorkRecord(
                        "Fargo",
                        year=1996,
                        credits=(
                            CreditRecord("Steve Buscemi", "Carl"),
                            CreditRecord("William H. Macy", "Jerry"),
                            CreditRecord("Joel Coen", job="Director", role="crew"),
                        ),
                    ),
                ),
                edition=EditionRecord(format="DVD", barcode=FARGO_UPC),
                copy=CopyRecord(index=7, tags=("Coen",)),
            )
        ],
        alice_collection,
    )
    return Copy.objects.get(index=7)


def edit_data(copy: Copy, film: int = 0, **changes) -> dict:
    """What the edit page posts back when nothing is touched, with ``changes`` applied."""
    data = {}
    films = services.films_of(copy.edition)
    stored = history.record_of(copy)
    for form in _edit_forms(copy.collection, copy, stored, films, film=film).values():
        forms = [form.management_form, *form.forms] if hasattr(form, "forms") else [form]
        for part in forms:
            for field in part:
                value = field.field.prepare_value(field.value())
                if value is None or field.name == "DELETE" and not value:
                    continue
                if not isinstance(value, (list, tuple)):
                    data[field.html_name] = value
                else:
                    data[field.html_name] = list(value)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# -- adding ---------------------------------------------------------------------------------


def test_a_typed_unknown_barcode_says_so_and_offers_the_form_by_hand_prefilled(
    client, alice_collection
):
    response = client.post("/c/alice/add/", {"barcode": "5051892002929"})
    assert response["Location"] == "/c/alice/add/?q=5051892002929"
    assert 'value="5051892002929"' in client.get(response["Location"]).content.decode()
    said = client.get("/c/alice/add/candidates/?barcode=5051892002929").content.decode()
    assert "This barcode is not known" in said
    assert 'href="/c/alice/add/by-hand/?barcode=5051892002929"' in said
    page = client.get("/c/alice/add/by-hand/?barcode=5051892002929").content.decode()
    assert 'value="5051892002929"' in page
    assert Copy.objects.count() == 0  # nothing made before a save


def test_a_title_typed_in_the_box_lists_the_films_it_may_be(client, fargo):
    response = client.post("/c/alice/add/", {"barcode": "Farg"})
    assert response["Location"] == "/c/alice/add/?q=Farg"
    said = client.get("/c/alice/add/candidates/?q=Farg").content.decode()
    assert "Already in the catalog" in said and "Fargo (1996)" in said
    assert 'href="/c/alice/add/by-hand/?title=Farg"' in said


def test_a_wrong_check_digit_is_refused_and_says_so(client, alice_collection):
    response = client.post("/c/alice/add/", {"barcode": "024543617908"})
    assert response.status_code == 400
    assert "has a wrong check digit" in response.content.decode()


def test_a_barcode_already_owned_says_so_and_offers_another_copy(client, fargo):
    page = client.post("/c/alice/add/", {"barcode": FARGO_UPC}).content.decode()
    assert "You already own this" in page and 'href="/c/alice/7/"' in page
    another = f"/c/alice/add/another/?edition={fargo.edition_id}"
    assert f'href="{another}"' in page
    form = client.get(another).content.decode()
    assert "The catalog knows this disc" in form and "Fargo" in form
    assert Copy.objects.count() == 1  # "add another copy anyway" makes nothing yet
    saved = client.post(another, {"copy-status": "owned", "copy-owner": "Bob"})
    assert saved["Location"] == "/c/alice/8/"
    assert (Copy.objects.get(index=8).edition, Copy.objects.get(index=8).owner) == (
        fargo.edition,
        "Bob",
    )


def test_a_barcode_known_in_another_collection_reuses_its_facts(client, fargo):
    bob = CollectionFactory(slug="bob")
    response = client.post("/c/bob/add/", {"barcode": "0" + FARGO_UPC})
    assert response["Location"] == f"/c/bob/add/another/?edition={fargo.edition_id}"
    assert not Copy.objects.filter(collection=bob).exists()
    client.post(response["Location"], {"copy-status": "owned"})
    copy = Copy.objects.get(collection=bob)
    assert copy.edition == fargo.edition and copy.first_work.title == "Fargo"


def test_a_photo_of_the_barcode_is_read_on_the_server(client, fargo):
    picture = encoded(photographed(barcode(FARGO_UPC, zxingcpp.BarcodeFormat.UPCA)), "JPEG")
    response = client.post(
        "/c/alice/add/", {"photo": SimpleUploadedFile("shot.jpg", picture, "image/jpeg")}
    )
    assert "You already own this" in response.content.decode()


def test_an_unreadable_photo_says_so_and_offers_to_type(client, alice_collection):
    picture = encoded(noise(), "JPEG")
    response = client.post(
        "/c/alice/add/", {"photo": SimpleUploadedFile("blur.jpg", picture, "image/jpeg")}
    )
    assert response.status_code == 400
    assert "type" in response.content.decode().lower()
    assert Copy.objects.count() == 0


def test_by_hand_a_new_film_gets_the_next_free_index(client, fargo):
    data = {
        "work-title": "Heat",
        "work-year": "1995",
        "edition-format": "Blu-ray",
        "edition-barcode": "",
        "copy-location": "Study / Shelf 2",
        "credit-TOTAL_FORMS": "0",
        "credit-INITIAL_FORMS": "0",
        "plot-TOTAL_FORMS": "0",
        "plot-INITIAL_FORMS": "0",
        "copy-status": "owned",
        "copy-viewings": "0",
    }
    response = client.post("/c/alice/add/by-hand/", data)
    heat = Copy.objects.get(index=8)
    assert response["Location"] == "/c/alice/8/"
    assert heat.first_work.title == "Heat" and heat.location.path == "Study › Shelf 2"
    assert CopyChange.objects.filter(copy=heat, action="added").exists()


def test_by_hand_the_same_film_on_another_format_shares_its_work(client, fargo):
    suggestions = client.get("/c/alice/works/suggest/?work-title=Far").content.decode()
    assert "Same film as <strong>Fargo</strong> (1996)" in suggestions
    work = fargo.first_work
    data = {
        "same_work": work.pk,
        "work-title": "Fargo",
        "edition-format": "Blu-ray",
        "credit-TOTAL_FORMS": "0",
        "credit-INITIAL_FORMS": "0",
        "plot-TOTAL_FORMS": "0",
        "plot-INITIAL_FORMS": "0",
        "copy-status": "owned",
        "copy-viewings": "0",
    }
    client.post("/c/alice/add/by-hand/", data)
    assert Work.objects.count() == 1
    assert Edition.objects.count() == 2


# -- editing --------------------------------------------------------------------------------


def test_editing_a_cast_member_keeps_the_others_and_stamps_the_change(client, fargo):
    before = (fargo.version, fargo.modified_at)
    data = edit_data(fargo, **{"credit-0-character": "Carl Showalter"})
    response = client.post("/c/alice/7/edit/", data)
    assert response["Location"] == "/c/alice/7/"
    fargo.refresh_from_db()
    cast = list(
        fargo.first_work.credits.order_by("role", "order").values_list(
            "person__name", "character", "job"
        )
    )
    assert cast == [
        ("Steve Buscemi", "Carl Showalter", ""),
        ("William H. Macy", "Jerry", ""),
        ("Joel Coen", "", "Director"),
    ]
    assert fargo.version == before[0] + 1 and fargo.modified_at > before[1]
    change = fargo.changes.first()
    assert change.action == "edited"
    assert change.changes["Cast"] == ["Steve Buscemi (Carl)", "Steve Buscemi (Carl Showalter)"]


def test_cast_can_be_reordered_and_removed(client, fargo):
    data = edit_data(
        fargo, **{"credit-0-ORDER": "2", "credit-1-ORDER": "1", "credit-2-DELETE": "on"}
    )
    client.post("/c/alice/7/edit/", data)
    names = list(fargo.first_work.credits.values_list("person__name", flat=True))
    assert names == ["William H. Macy", "Steve Buscemi"]


def test_blank_rows_numbered_by_the_page_are_left_out(client, fargo):
    data = edit_data(fargo)
    blank = int(data["credit-TOTAL_FORMS"]) - 1  # the blank rows the page offers to fill
    data.update({f"credit-{blank}-ORDER": str(blank + 1), "plot-1-ORDER": "2"})
    response = client.post("/c/alice/7/edit/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert fargo.first_work.credits.count() == 3


def test_new_tags_location_and_storage_are_created_as_typed(client, fargo):
    data = edit_data(
        fargo,
        **{
            "copy-tags": "Coen, Snow",
            "copy-storage_device": "TD 05",
            "copy-storage_slot": "12",
            "copy-location": "Living room / Shelf 3",
        },
    )
    client.post("/c/alice/7/edit/", data)
    fargo.refresh_from_db()
    assert sorted(fargo.tags.values_list("name", flat=True)) == ["Coen", "Snow"]
    assert (fargo.storage_device.name, fargo.storage_slot) == ("TD 05", "12")
    assert fargo.location.path == "Living room › Shelf 3"


def test_other_details_are_edited_as_name_value_lines(client, fargo):
    fargo.other_details = [["Series", "Coen brothers"], ["Actor/BirthYear", "Steve: 1957"]]
    fargo.save()
    data = edit_data(fargo)
    assert data["copy-other_details"] == "Series: Coen brothers\nActor/BirthYear: Steve: 1957"
    data["copy-other_details"] = "Series: Coen brothers\nFeatures: Commentary\n  Trailer\n"
    assert client.post("/c/alice/7/edit/", data).status_code == 302
    fargo.refresh_from_db()
    assert fargo.other_details == [["Series", "Coen brothers"], ["Features", "Commentary\nTrailer"]]
    history = CopyChange.objects.filter(copy=fargo).latest("at")
    assert "Other details" in history.changes


def test_a_detail_line_without_a_name_is_refused_with_its_line(client, fargo):
    data = edit_data(fargo, **{"copy-other_details": "Series: Coen\njust words"})
    response = client.post("/c/alice/7/edit/", data)
    assert response.status_code == 400
    assert "Line 2 (&#x27;just words&#x27;) should read “name: value”." in response.content.decode()
    assert Copy.objects.get(pk=fargo.pk).other_details == []


@pytest.fixture
def box_set(alice_collection):
    apply_records(
        [
            Record(
                works=(
                    WorkRecord("Alien", year=1979, credits=(CreditRecord("Sigourney Weaver"),)),
                    WorkRecord("Aliens", year=1986, credits=(CreditRecord("Michael Biehn"),)),
                    WorkRecord("Alien 3", year=1992),
                ),
                edition=EditionRecord(format="Blu-ray", name="Anthology"),
                copy=CopyRecord(index=20),
            )
        ],
        alice_collection,
    )
    return Copy.objects.get(index=20)


def films(copy: Copy) -> list[tuple[str, int]]:
    return [(work.title, work.year) for work in services.films_of(copy.edition)]


def test_each_film_of_a_box_set_is_edited_on_its_own(client, box_set):
    page = client.get("/c/alice/20/edit/?film=2").content.decode()
    assert 'value="Aliens"' in page and 'value="Michael Biehn"' in page
    assert '<a href="?film=1">Alien</a>' in page
    data = edit_data(box_set, film=1, **{"work-year": "1987", "credit-0-character": "Hicks"})
    assert client.post("/c/alice/20/edit/?film=2", data).status_code == 302
    assert films(box_set) == [("Alien", 1979), ("Aliens", 1987), ("Alien 3", 1992)]
    aliens = services.films_of(box_set.edition)[1]
    assert [(c.person.name, c.character) for c in aliens.credits.all()] == [
        ("Michael Biehn", "Hicks")
    ]
    alien = services.films_of(box_set.edition)[0]
    assert [c.person.name for c in alien.credits.all()] == ["Sigourney Weaver"]
    assert client.get("/c/alice/20/edit/?film=4").status_code == 404


def test_films_of_a_box_set_are_moved_removed_and_added(client, box_set, alice_collection):
    apply_records([Record(works=(WorkRecord("Prometheus", year=2012),))], alice_collection)
    prometheus = Work.objects.get(title="Prometheus")
    data = edit_data(
        box_set,
        **{
            "film-0-ORDER": "2",
            "film-1-ORDER": "1",
            "film-2-DELETE": "on",
            "film-3-title": "prometheus",
            "film-3-year": "2012",
            "film-3-ORDER": "3",
            "film-0-title": "Tampered",  # an existing film is renamed on its own page, not here
        },
    )
    assert client.post("/c/alice/20/edit/", data).status_code == 302
    assert films(box_set) == [("Aliens", 1986), ("Alien", 1979), ("Prometheus", 2012)]
    assert services.films_of(box_set.edition)[2] == prometheus  # the same work, reused
    assert not Work.objects.filter(title="Alien 3").exists()  # on no edition any more
    change = CopyChange.objects.filter(copy=box_set).latest("at")
    assert change.changes["Films"] == ["Alien 3", "Prometheus"]
    assert [c.first_work.title for c in Copy.objects.filter(index=20)] == ["Aliens"]


def test_an_edition_keeps_at_least_one_film(client, box_set):
    data = edit_data(box_set, **{f"film-{n}-DELETE": "on" for n in range(3)})
    response = client.post("/c/alice/20/edit/", data)
    assert response.status_code == 400
    assert "An edition holds at least one film" in response.content.decode()
    assert len(films(box_set)) == 3


def test_an_index_already_used_is_refused_with_its_holder(client, fargo, alice_collection):
    apply_records([Record(works=(WorkRecord("Heat"),), copy=CopyRecord(index=9))], alice_collection)
    response = client.post("/c/alice/7/edit/", edit_data(fargo, **{"copy-index": "9"}))
    assert response.status_code == 400
    assert "Index 9 is already used by Heat" in response.content.decode()
    assert Copy.objects.get(pk=fargo.pk).index == 7


def test_a_copy_saved_meanwhile_is_not_overwritten(client, fargo):
    alice_form = edit_data(fargo, **{"copy-owner": "Alice"})
    fargo.owner = "Bob"
    fargo.save()  # Bob saved after Alice opened the page
    response = client.post("/c/alice/7/edit/", alice_form)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone saved this copy after you opened it" in page
    assert '<th scope="row">Owner</th><td>Bob</td><td>Alice</td>' in page
    assert Copy.objects.get(pk=fargo.pk).owner == "Bob"
    # Saving again from the conflict page is a deliberate overwrite.
    again = edit_data(Copy.objects.get(pk=fargo.pk), **{"copy-owner": "Alice"})
    assert client.post("/c/alice/7/edit/", again).status_code == 302
    assert Copy.objects.get(pk=fargo.pk).owner == "Alice"


@pytest.fixture
def two_fargos(fargo, alice_collection):
    """A second copy of Fargo's DVD: one edition, one film, two copies."""
    apply_records(
        [Record(works=(WorkRecord("Fargo", year=1996),), edition=EditionRecord(barcode=FARGO_UPC))],
        alice_collection,
        on_duplicate="add",
    )
    second = Copy.objects.exclude(pk=fargo.pk).get(edition=fargo.edition)
    return fargo, second


def test_a_film_changed_through_another_copy_is_not_overwritten(client, two_fargos):
    first, second = two_fargos
    stale = edit_data(first, **{"copy-notes": "front row"})  # Alice opens copy 7
    bob = edit_data(second, **{"work-runtime_minutes": "98", "work-genres": "Crime, Thriller"})
    assert client.post(f"/c/alice/{second.index}/edit/", bob).status_code == 302
    response = client.post("/c/alice/7/edit/", stale)
    assert response.status_code == 409
    assert "through another copy, after you opened it" in response.content.decode()
    fargo = Work.objects.get(title="Fargo")
    assert fargo.runtime_minutes == 98
    assert sorted(fargo.genres.values_list("name", flat=True)) == ["Crime", "Thriller"]
    assert Copy.objects.get(pk=first.pk).notes == ""
    # Saving again from the conflict page is a deliberate overwrite.
    again = edit_data(Copy.objects.get(pk=first.pk), **{"copy-notes": "front row"})
    assert client.post("/c/alice/7/edit/", again).status_code == 302
    assert Copy.objects.get(pk=first.pk).notes == "front row"


def test_a_cast_member_added_through_another_copy_makes_a_conflict_not_a_form_error(
    client, two_fargos
):
    first, second = two_fargos
    stale = edit_data(first, **{"copy-notes": "front row"})
    bob = edit_data(second, **{"credit-3-name": "Frances McDormand", "credit-3-character": "Marge"})
    assert client.post(f"/c/alice/{second.index}/edit/", bob).status_code == 302
    response = client.post("/c/alice/7/edit/", stale)
    assert response.status_code == 409
    names = Work.objects.get(title="Fargo").credits.values_list("person__name", flat=True)
    assert "Frances McDormand" in names


def test_an_edit_of_nothing_shared_meanwhile_saves_at_once(client, two_fargos):
    first, second = two_fargos
    stale = edit_data(first, **{"copy-notes": "front row"})
    other = edit_data(second, **{"copy-owner": "Bob"})  # the other copy's own value only
    assert client.post(f"/c/alice/{second.index}/edit/", other).status_code == 302
    assert client.post("/c/alice/7/edit/", stale).status_code == 302


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page)[1]


def test_saving_again_after_films_were_reordered_meanwhile_edits_the_same_film(
    client, box_set, alice_collection
):
    other = services.add_copy(alice_collection, box_set.edition)
    alice = edit_data(
        box_set, film=1, **{"work-runtime_minutes": "137"}
    )  # Aliens, second on the set
    bob = edit_data(other, **{"film-0-ORDER": "2", "film-1-ORDER": "1"})  # Aliens first now
    assert client.post(f"/c/alice/{other.index}/edit/", bob).status_code == 302
    conflict = client.post("/c/alice/20/edit/?film=2", alice)
    assert conflict.status_code == 409
    page = conflict.content.decode()
    again = {
        **alice,
        "copy-version": hidden(page, "copy-version"),
        "copy-facts": hidden(page, "copy-facts"),
    }
    assert client.post("/c/alice/20/edit/?film=2", again).status_code == 302
    # The conflict page showed the films in Bob's order, with Alice's untouched order numbers.
    assert films(box_set) == [("Aliens", 1986), ("Alien", 1979), ("Alien 3", 1992)]
    runtimes = dict(Work.objects.values_list("title", "runtime_minutes"))
    assert runtimes == {"Alien": None, "Aliens": 137, "Alien 3": None}


def test_saving_a_film_that_left_the_edition_meanwhile_saves_nothing(client, box_set):
    alice = edit_data(box_set, film=2, **{"work-runtime_minutes": "114"})  # Alien 3
    bob = edit_data(box_set, **{"film-2-DELETE": "on"})
    assert client.post("/c/alice/20/edit/", bob).status_code == 302
    response = client.post("/c/alice/20/edit/?film=3", alice, follow=True)
    assert "left this edition meanwhile" in response.content.decode()
    assert films(box_set) == [("Alien", 1979), ("Aliens", 1986)]
    assert set(Work.objects.values_list("runtime_minutes", flat=True)) == {None}


def as_a_browser_posts(data: dict) -> dict:
    """Textareas' lines end with CR LF when a browser posts them."""
    return {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}


def test_a_page_saved_unchanged_from_a_browser_changes_nothing_shared(client, two_fargos):
    first, second = two_fargos
    Edition.objects.filter(pk=first.edition_id).update(audio="English 5.1\nFrench 2.0")
    Copy.objects.filter(pk=second.pk).update(notes="one\ntwo")
    Work.objects.get(title="Fargo").plots.create(text="Snow.\nMore snow.")
    alice = edit_data(first, **{"copy-notes": "front row"})
    bob = as_a_browser_posts(edit_data(Copy.objects.get(pk=second.pk)))
    assert client.post(f"/c/alice/{second.index}/edit/", bob).status_code == 302
    assert Edition.objects.get(pk=first.edition_id).audio == "English 5.1\nFrench 2.0"
    assert Copy.objects.get(pk=second.pk).notes == "one\ntwo"
    assert Work.objects.get(title="Fargo").plots.get().text == "Snow.\nMore snow."
    assert client.post("/c/alice/7/edit/", alice).status_code == 302  # no conflict


# -- many at once, the trash ------------------------------------------------------------------


@pytest.fixture
def three(alice_collection):
    apply_records(
        [
            Record(works=(WorkRecord(t),), copy=CopyRecord(index=i))
            for i, t in enumerate(["Alien", "Heat", "Ronin", "Fargo"], 1)
        ],
        alice_collection,
    )
    return list(Copy.objects.filter(index__in=[1, 2, 3]).order_by("index"))


def test_batch_edit_moves_the_selected_copies_in_one_go(client, three):
    response = client.post(
        "/c/alice/batch/",
        {
            "copies": [c.pk for c in three],
            "storage_device": "TD 05",
            "add_tags": "Heist",
            "action": "apply",
            "next": "/c/alice/?view=table",
        },
    )
    assert response["Location"] == "/c/alice/?view=table"
    moved = Copy.objects.filter(storage_device__name="TD 05").order_by("index")
    assert list(moved.values_list("index", flat=True)) == [1, 2, 3]
    assert Copy.objects.filter(tags__name="Heist").count() == 3
    assert Copy.objects.get(index=4).storage_device is None


def test_a_batch_edit_that_fails_half_way_changes_nothing(three, alice_collection):
    real = history.note
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    with mock.patch.object(history, "note", failing), pytest.raises(RuntimeError):
        services.batch_edit(
            alice_collection,
            Copy.objects.filter(index__in=[1, 2, 3]),
            services.BatchChange(owner="Bob"),
        )
    assert not Copy.objects.filter(owner="Bob").exists()


def test_deleted_copies_leave_every_list_and_come_back_whole(client, fargo):
    client.post("/c/alice/7/delete/")
    assert client.get("/c/alice/7/").status_code == 404
    assert "Fargo" not in client.get("/c/alice/?q=fargo").content.decode()
    trash = client.get("/c/alice/trash/").content.decode()
    assert "Fargo" in trash
    client.post("/c/alice/trash/restore/", {"copies": [fargo.pk]})
    restored = Copy.objects.get(pk=fargo.pk)
    assert restored.first_work.credits.count() == 3
    assert list(restored.tags.values_list("name", flat=True)) == ["Coen"]
    assert [c.action for c in restored.changes.all()] == ["restored", "trashed"]


def test_a_trashed_copy_keeps_its_index_until_purged(client, fargo, alice_collection):
    services.trash([fargo])
    assert alice_collection.next_free_index() == 8
    later = timezone.now() + dt.timedelta(days=services.TRASH_DAYS + 1)
    assert services.purge_trash(now=later) == 1
    assert alice_collection.next_free_index() == 1


def test_expired_trash_is_purged_by_the_worker_not_by_opening_the_trash(client, fargo, settings):
    from cinecat.catalog.management.commands.serve import housekeeping

    services.trash([fargo])
    Copy.everything.filter(pk=fargo.pk).update(
        trashed_at=timezone.now() - dt.timedelta(days=services.TRASH_DAYS + 1)
    )
    assert "Fargo" in client.get("/c/alice/trash/").content.decode()  # a page view keeps it
    assert Copy.everything.filter(pk=fargo.pk).exists()
    # The server asks the worker; here the worker runs the task at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    stop = mock.Mock(wait=mock.Mock(return_value=True))  # one round, then stop
    housekeeping(stop)
    assert not Copy.everything.filter(pk=fargo.pk).exists()


def test_the_copy_page_shows_its_history(client, fargo):
    client.post("/c/alice/7/edit/", edit_data(fargo, **{"copy-owner": "Alice"}))
    page = client.get("/c/alice/7/").content.decode()
    assert "History" in page and "Owner “” → “Alice”" in page


def test_an_uploaded_cover_shows_on_the_copy_page_and_in_every_view(
    client, fargo, settings, tmp_path
):
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    picture = SimpleUploadedFile(
        "front.png", encoded(Image.new("RGB", (600, 900), "navy")), "image/png"
    )
    client.post("/c/alice/7/edit/", {**edit_data(fargo), "cover-front": picture})
    cover_url = f"/c/alice/covers/{fargo.edition_id}/front/"
    assert f"{cover_url}480/" in client.get("/c/alice/7/").content.decode()
    for view in ("list", "cards", "grid"):
        assert f"{cover_url}160/" in client.get(f"/c/alice/?view={view}").content.decode()
    image = client.get(f"{cover_url}160/")
    assert image.status_code == 200 and image["Content-Type"].startswith("image/")


def test_a_file_that_is_not_a_picture_is_refused_as_a_cover(client, fargo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    text = SimpleUploadedFile("front.png", b"not a picture", "image/png")
    response = client.post("/c/alice/7/edit/", {**edit_data(fargo), "cover-front": text})
    assert response.status_code == 400
    assert "not a picture" in response.content.decode()


def test_pick_list_fields_suggest_what_exists_as_one_types(client, fargo):
    page = client.get("/c/alice/7/edit/").content.decode()
    assert 'list="suggest-copy-tags"' in page
    assert 'hx-get="/c/alice/suggest/tag/"' in page
    options = client.get(
        "/c/alice/suggest/tag/", {"field": "copy-tags", "copy-tags": "Snow, co"}
    ).content.decode()
    assert '<option value="Snow, Coen">' in options
    people = client.get(
        "/c/alice/suggest/person/", {"field": "credit-0-name", "credit-0-name": "stev"}
    ).content.decode()
    assert '<option value="Steve Buscemi">' in people


# -- odd input --------------------------------------------------------------------------------


def test_a_film_to_share_that_is_no_id_is_not_found(client, fargo):
    response = client.post("/c/alice/add/by-hand/", {"same_work": "abc"})
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["abc", "99999999999999999999"])
def test_restoring_copies_that_are_no_ids_restores_nothing(client, fargo, value):
    services.trash([fargo])
    response = client.post("/c/alice/trash/restore/", {"copies": [value]})
    assert response.status_code == 302
    assert Copy.everything.get(pk=fargo.pk).trashed_at is not None


def test_a_batch_of_copies_that_are_no_ids_says_so(client, three):
    response = client.post(
        "/c/alice/batch/",
        {"copies": ["99999999999999999999"], "owner": "Bob", "action": "apply"},
        follow=True,
    )
    assert response.status_code == 200
    assert "names no copy" in response.content.decode()
    assert not Copy.objects.filter(owner="Bob").exists()


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/"])
def test_a_batch_edit_never_sends_the_browser_to_another_site(client, three, elsewhere):
    response = client.post(
        "/c/alice/batch/",
        {"copies": [three[0].pk], "owner": "Bob", "action": "apply", "next": elsewhere},
    )
    assert response["Location"] == "/c/alice/"
    assert Copy.objects.get(pk=three[0].pk).owner == "Bob"


@pytest.mark.parametrize("runtime", ["9:99", "99999999999999999999", "1:2", "\u00b2"])
def test_a_runtime_that_is_no_running_time_is_refused(client, fargo, runtime):
    response = client.post(
        "/c/alice/7/edit/", edit_data(fargo, **{"work-runtime_minutes": runtime})
    )
    assert response.status_code == 400
    assert "is not a running time" in response.content.decode()


@pytest.mark.parametrize("year", ["0", "1869", "40000"])
def test_a_film_year_out_of_range_is_refused_where_it_is_typed(client, fargo, year):
    response = client.post("/c/alice/7/edit/", edit_data(fargo, **{"work-year": year}))
    assert response.status_code == 400
    assert Work.objects.get(title="Fargo").year == 1996


def test_a_box_set_whose_other_film_has_an_odd_stored_year_can_still_be_saved(client, box_set):
    Work.objects.filter(title="Aliens").update(year=1878)  # as an import may store it
    response = client.post("/c/alice/20/edit/", edit_data(box_set, **{"copy-notes": "shelf 2"}))
    assert response.status_code == 302
    assert Copy.objects.get(pk=box_set.pk).notes == "shelf 2"


def test_a_batch_edit_of_nothing_says_so_and_touches_no_copy(client, three):
    versions = [copy.version for copy in three]
    response = client.post(
        "/c/alice/batch/", {"copies": [c.pk for c in three], "action": "apply"}, follow=True
    )
    assert "Nothing to change" in response.content.decode()
    assert "updated" not in response.content.decode()
    stored = Copy.objects.filter(pk__in=[c.pk for c in three]).order_by("index")
    assert [copy.version for copy in stored] == versions
    assert not CopyChange.objects.filter(copy__in=three).exists()


def test_a_save_while_an_import_holds_the_database_says_the_catalog_is_busy(client, fargo):
    locked = OperationalError("database is locked")
    with mock.patch.object(services, "save_edits", side_effect=locked):
        response = client.post("/c/alice/7/edit/", edit_data(fargo, **{"copy-owner": "Bob"}))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Nothing of yours was saved" in response.content.decode()
    assert Copy.objects.get(pk=fargo.pk).owner == ""


def test_another_database_error_is_no_busy_page(client, fargo):
    with (
        mock.patch.object(services, "save_edits", side_effect=OperationalError("disk I/O error")),
        pytest.raises(OperationalError),
    ):
        client.post("/c/alice/7/edit/", edit_data(fargo))


@pytest.mark.parametrize(
    "field",
    ["work-genres", "edition-distributor", "copy-storage_device", "copy-tags"],
)
def test_a_name_longer_than_a_pick_list_holds_is_refused_on_the_edit_page(client, fargo, field):
    response = client.post("/c/alice/7/edit/", edit_data(fargo, **{field: "ok, " + "N" * 250}))
    assert response.status_code == 400
    assert "characters; a name holds at most 200" in response.content.decode()


def test_a_location_level_longer_than_a_name_is_refused(client, fargo):
    data = edit_data(fargo, **{"copy-location": "Attic / " + "S" * 201})
    response = client.post("/c/alice/7/edit/", data)
    assert response.status_code == 400
    assert "is 201 characters" in response.content.decode()


def test_an_index_past_what_a_database_holds_is_refused(client, fargo):
    data = edit_data(fargo, **{"copy-index": "99999999999999999999"})
    response = client.post("/c/alice/7/edit/", data)
    assert response.status_code == 400
    assert Copy.objects.get(pk=fargo.pk).index == 7


@pytest.mark.parametrize(
    "change", [{"owner": "O" * 201}, {"add_tags": "T" * 250}, {"location": "L" * 250}]
)
def test_a_batch_edit_of_names_longer_than_they_may_be_says_so(client, three, change):
    response = client.post(
        "/c/alice/batch/",
        {"copies": [three[0].pk], "action": "apply", **change},
        follow=True,
    )
    assert response.status_code == 200
    assert "characters" in response.content.decode()
    assert Copy.objects.get(pk=three[0].pk).version == three[0].version


def test_a_name_typed_in_another_case_is_the_value_already_there(client, fargo):
    Genre.objects.create(name="Drama")
    data = edit_data(
        fargo,
        **{
            "work-genres": "drama",
            "edition-distributor": "mgm",
            "copy-tags": "COEN, snow, Snow",
        },
    )
    Company.objects.create(name="MGM")
    client.post("/c/alice/7/edit/", data)
    fargo.refresh_from_db()
    assert list(fargo.first_work.genres.values_list("name", flat=True)) == ["Drama"]
    assert fargo.edition.distributor.name == "MGM"
    assert sorted(fargo.tags.values_list("name", flat=True)) == ["Coen", "snow"]
    assert (Genre.objects.count(), Company.objects.count()) == (1, 1)


def test_a_place_typed_in_another_case_is_the_place_already_there(client, fargo):
    study = services.location_at(fargo.collection, ("Study", "Shelf 2"))
    client.post("/c/alice/7/edit/", edit_data(fargo, **{"copy-location": "STUDY / shelf 2"}))
    fargo.refresh_from_db()
    assert fargo.location == study
    assert Location.objects.count() == 2


def test_a_storage_device_is_matched_in_its_own_collection_only(client, fargo):
    StorageDevice.objects.create(collection=CollectionFactory(slug="bob"), name="td 05")
    StorageDevice.objects.create(collection=fargo.collection, name="TD 05")
    client.post("/c/alice/7/edit/", edit_data(fargo, **{"copy-storage_device": "td 05"}))
    fargo.refresh_from_db()
    assert (fargo.storage_device.collection, fargo.storage_device.name) == (
        fargo.collection,
        "TD 05",
    )
    assert StorageDevice.objects.count() == 2


def test_a_film_added_to_a_box_set_by_title_in_another_case_is_the_work_there(
    client, box_set, alice_collection
):
    apply_records([Record(works=(WorkRecord("L'Été meurtrier", year=1983),))], alice_collection)
    typed = {"film-3-title": "L'ÉTÉ MEURTRIER", "film-3-year": "1983", "film-3-ORDER": "4"}
    data = edit_data(box_set, **typed)
    assert client.post("/c/alice/20/edit/", data).status_code == 302
    assert films(box_set)[-1] == ("L'Été meurtrier", 1983)
    assert Work.objects.filter(year=1983).count() == 1


def test_batch_edit_finds_tags_and_storage_devices_whatever_their_case(client, three):
    StorageDevice.objects.create(collection=three[0].collection, name="TD 05")
    services.batch_edit(
        three[0].collection,
        Copy.objects.filter(pk__in=[c.pk for c in three]),
        services.BatchChange(storage_device="td 05", add_tags=("Heist",)),
    )
    services.batch_edit(
        three[0].collection,
        Copy.objects.filter(pk=three[0].pk),
        services.BatchChange(add_tags=("HEIST",), remove_tags=("heist",)),
    )
    assert StorageDevice.objects.get().copies.count() == 3
    assert list(Tag.objects.values_list("name", flat=True)) == ["Heist"]
    assert Copy.objects.filter(tags__name="Heist").count() == 2


def test_the_edit_page_labels_colour_in_the_installation_s_language(client, fargo, settings):
    american = client.get("/c/alice/7/edit/").content.decode()
    settings.LANGUAGE_CODE = "en-gb"
    british = client.get("/c/alice/7/edit/").content.decode()
    assert (">Color<" in american, ">Colour<" in american) == (True, False)
    assert (">Color<" in british, ">Colour<" in british) == (False, True)


def test_a_film_offered_as_the_same_shows_its_facts_to_be_kept(client, fargo):
    suggestions = client.get("/c/alice/works/suggest/?work-title=far").content.decode()
    facts = suggestions.split('class="same-film"', 1)[1].split("</dl>", 1)[0]
    assert "Fargo, 1996" in facts
    assert "<dt>Director</dt><dd>Joel Coen</dd>" in facts
    assert "<dt>Cast</dt><dd>Steve Buscemi, William H. Macy</dd>" in facts


def test_no_field_of_an_entry_invites_the_browser_to_offer_one_s_own_name(client, fargo):
    page = client.get("/c/alice/7/edit/").content.decode()
    for name in ("edition-name", "work-title", "copy-owner", "edition-distributor"):
        tag = page.split(f'name="{name}"', 1)[1].split(">", 1)[0]
        assert 'autocomplete="off"' in tag, name


def autofocused(page: str) -> list[str]:
    """The names of the fields a page puts the cursor in."""
    tags = re.findall(r"<(?:input|textarea|select)\b[^>]*>", page)
    return [
        re.search(r'name="([^"]+)"', tag)[1] for tag in tags if re.search(r"\bautofocus\b", tag)
    ]


def test_after_the_barcode_step_the_cursor_is_in_the_next_field_to_fill(client, fargo):
    unknown = client.get("/c/alice/add/by-hand/?barcode=5050582721478").content.decode()
    assert autofocused(unknown) == ["work-title"]
    titled = client.get("/c/alice/add/by-hand/?title=Heat").content.decode()
    assert autofocused(titled) == ["work-year"]  # the sort title is made from the title
    another = client.get(f"/c/alice/add/another/?edition={fargo.edition_id}").content.decode()
    assert len(autofocused(another)) == 1
    assert autofocused(another)[0].startswith("copy-")
