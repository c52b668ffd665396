"""The owner signs in, makes a friend a viewer who cannot edit, publishes a share link that a
signed-out browser opens without the private fields, then revokes it and it is gone."""

import re

import pytest
from django.core.management import call_command

from cinecat.accounts import services
from cinecat.catalog.models import Copy

pytestmark = pytest.mark.e2e
PASSWORD = "kerry and dawn's films"


def sign_in(context, url: str, name: str):
    opened = context.new_page()
    opened.goto(f"{url}/c/demo/")
    opened.wait_for_url("**/accounts/login/?next=/c/demo/")
    opened.get_by_label("Name or e-mail").fill(name)
    opened.get_by_label("Password").fill(PASSWORD)
    opened.get_by_role("button", name="Sign in").click()
    opened.wait_for_url("**/c/demo/")
    return opened


def test_the_owner_invites_a_viewer_and_shares_the_collection_then_revokes_the_link(
    live_server, browser, transactional_db, reference_path
):
    call_command("load_demo", "--size", "5", stdout=None)
    call_command("import", str(reference_path), "--collection", "demo", stdout=None)
    Copy.objects.filter(index=1279).update(notes="Signed by the director")
    kerry = services.find_user("owner")
    kerry.set_password(PASSWORD)
    kerry.save()
    services.add_user("friend", password=PASSWORD)
    contexts = [browser.new_context(viewport={"width": 1100, "height": 900}) for _ in range(3)]
    owner_context, friend_context, stranger_context = contexts
    try:
        owner = sign_in(owner_context, live_server.url, "owner")
        owner.get_by_role("link", name="Members").click()
        owner.get_by_label("User name").fill("friend")
        owner.get_by_role("button", name="Add").click()
        owner.get_by_text("friend is now viewer of Demo collection.").wait_for()

        friend = sign_in(friend_context, live_server.url, "friend")
        friend.goto(f"{live_server.url}/c/demo/1279/")
        assert friend.locator("h1.title").inner_text() == "The Death Of Stalin (2017)"
        assert friend.get_by_role("link", name="Edit").count() == 0
        refused = friend.goto(f"{live_server.url}/c/demo/1279/edit/")
        assert refused.status == 403

        owner.get_by_role("link", name="share links").click()
        owner.get_by_label("Label").fill("Friends")
        owner.get_by_role("button", name="Make the link").click()
        message = owner.get_by_text("A new link:").inner_text()
        link = re.search(r"/s/[\w-]+/", message).group(0)

        stranger = stranger_context.new_page()
        stranger.goto(f"{live_server.url}{link}")
        stranger.get_by_role("link", name=re.compile("The Death Of Stalin")).click()
        assert stranger.locator("h1.title").inner_text() == "The Death Of Stalin (2017)"
        shown = stranger.content()
        assert "Signed by the director" not in shown
        assert "Movies-01" not in shown  # its location

        owner.get_by_role("button", name="Revoke").click()
        owner.get_by_text("is revoked").wait_for()
        gone = stranger.goto(f"{live_server.url}{link}")
        assert gone.status == 404
    finally:
        for context in contexts:
            context.close()
