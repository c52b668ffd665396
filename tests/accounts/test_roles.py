"""Roles in a household: viewers read, editors change the catalog, owners choose the members;
someone from another household does not find the collection at all."""

from django.contrib.auth import get_user_model

from cinecat.accounts.models import Membership, Role
from cinecat.catalog.models import Collection, Copy


def test_a_viewer_reads_the_list_and_the_copy_page_without_ways_to_change_them(household):
    carol = household["viewer"]
    assert carol.get("/c/alice/").status_code == 200
    page = carol.get("/c/alice/1/")
    assert page.status_code == 200
    assert b"/c/alice/1/edit/" not in page.content
    assert b"/c/alice/add/" not in page.content
    assert b"/c/alice/1/lend/" not in page.content
    assert b"/c/alice/1/viewings/" not in page.content
    editors = household["editor"].get("/c/alice/1/").content
    assert b"/c/alice/1/viewings/" in editors
    assert b"/c/alice/1/lend/" in editors
    assert b'id="batch-form"' not in carol.get("/c/alice/?view=list").content
    assert b'id="batch-form"' in household["editor"].get("/c/alice/?view=list").content


def test_a_viewer_may_neither_open_the_edit_form_nor_send_a_change(household):
    carol = household["viewer"]
    assert carol.get("/c/alice/1/edit/").status_code == 403
    assert carol.post("/c/alice/1/seen/").status_code == 403
    assert carol.post("/c/alice/1/delete/").status_code == 403
    assert Copy.objects.filter(pk=household["copy"].pk).exists()


def test_the_refusal_is_the_branded_page_naming_the_role_needed(household):
    response = household["viewer"].post("/c/alice/1/seen/")
    assert response.status_code == 403
    assert b"not yours to open" in response.content


def test_an_editor_changes_the_catalog_but_not_its_members(household):
    bob = household["editor"]
    assert bob.get("/c/alice/1/edit/").status_code == 200
    assert bob.post("/c/alice/1/seen/").status_code == 302
    assert household["copy"].changes.get().by.username == "bob"
    assert bob.get("/c/alice/members/").status_code == 403


def test_someone_from_another_household_finds_no_such_collection(household):
    dave = household["stranger"]
    assert dave.get("/c/alice/").status_code == 404
    assert dave.get("/c/alice/1/").status_code == 404
    assert dave.post("/c/alice/1/delete/").status_code == 404
    assert dave.get("/c/dave/").status_code == 200


def test_the_home_page_opens_the_persons_own_collection(household):
    assert household["stranger"].get("/")["Location"] == "/c/dave/"
    assert household["viewer"].get("/")["Location"] == "/c/alice/"


def test_the_owner_adds_a_member_gives_a_role_and_removes_them(household):
    alice = household["owner"]
    get_user_model().objects.create_user("erin")
    page = alice.post("/c/alice/members/", {"user": "erin", "role": "viewer"}, follow=True)
    assert "erin is now viewer of Alice&#x27;s shelves." in page.content.decode()
    erin = Membership.objects.get(user__username="erin")
    assert erin.role == Role.VIEWER
    alice.post("/c/alice/members/", {"user": "erin", "role": "editor"})
    erin.refresh_from_db()
    assert erin.role == Role.EDITOR
    alice.post("/c/alice/members/", {"user": "erin", "remove": "1"})
    assert not Membership.objects.filter(user__username="erin").exists()


def test_a_member_added_by_a_name_no_one_has_is_refused_naming_it(household):
    page = household["owner"].post(
        "/c/alice/members/", {"user": "zoe", "role": "viewer"}, follow=True
    )
    assert "Not changed: user &#x27;zoe&#x27;: no account has this name." in page.content.decode()


def test_the_only_owner_cannot_leave_the_collection_without_an_owner(household):
    page = household["owner"].post(
        "/c/alice/members/", {"user": "alice", "role": "viewer"}, follow=True
    )
    assert "the only owner of alice" in page.content.decode()
    assert Membership.objects.get(user__username="alice").role == Role.OWNER


def test_a_member_switches_between_the_collections_they_belong_to(household):
    bob = get_user_model().objects.get(username="bob")
    Membership.objects.create(collection=Collection.objects.get(slug="dave"), user=bob)
    page = household["editor"].get("/collections/").content.decode()
    assert 'href="/c/alice/"' in page
    assert 'href="/c/dave/"' in page
    assert household["editor"].get("/c/dave/").status_code == 200


def test_anyone_signed_in_creates_an_empty_collection_of_their_own(household):
    carol = household["viewer"]
    response = carol.post("/collections/", {"name": "Carol's discs", "slug": "carol"})
    assert response.status_code == 302
    assert response["Location"] == "/c/carol/"
    created = Collection.objects.get(slug="carol")
    assert created.name == "Carol's discs"
    assert not created.copies.exists()
    assert Membership.objects.get(collection=created).role == Role.OWNER
    assert carol.get("/c/carol/add/").status_code == 200


def test_a_new_collection_with_a_slug_taken_or_malformed_is_refused_naming_it(household):
    carol = household["viewer"]
    taken = carol.post("/collections/", {"name": "Mine", "slug": "alice"}).content.decode()
    assert "Not created: slug &#x27;alice&#x27;: another collection has it" in taken
    bad = carol.post("/collections/", {"name": "Mine", "slug": "my shelves"}).content.decode()
    assert "slug &#x27;my shelves&#x27;: letters, digits, hyphens and underscores only." in bad
    assert Collection.objects.count() == 2
