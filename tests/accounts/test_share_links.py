"""Share links: Alice gives her friends a read-only link; they see the films, never what she
keeps private, and the link is gone the moment she revokes it. Raw responses are checked."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from cinecat.accounts import sharing
from cinecat.accounts.models import ShareLink
from cinecat.interchange.writer import apply_records
from tests.interchange.conftest import alien_box_set

# What the box set's copy holds that a share link must never show.
PRIVATE = [
    "39.99",  # purchase price
    "Fnac",  # purchase store
    "Living room",
    "Shelf 2",  # location
    "Binder 1",  # storage device
    "A gift from Bob",
    "slipcover is dented",  # notes
    "Carol",  # on loan to her
    "Audio commentary",
    "IMDb rating",  # other details
    "History",
]


@pytest.fixture
def shared(alice_collection):
    apply_records([alien_box_set()], alice_collection, source_key="test")
    return sharing.create_share(alice_collection, label="Friends")


def friend() -> Client:
    return Client()


def test_anyone_with_the_link_sees_the_list_signed_out(shared):
    response = friend().get(f"/s/{shared.token}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alice&#x27;s shelves" in page and "Alien" in page and "#7" in page
    assert "noindex" in response["X-Robots-Tag"]


def test_the_copy_page_shows_the_films_but_no_private_field(shared):
    response = friend().get(f"/s/{shared.token}/7/")
    assert response.status_code == 200
    page = response.content.decode()
    for public in ("Alien", "Sigourney Weaver", "Ripley", "Quadrilogy", "Digibook", "Mint"):
        assert public in page
    leaked = [value for value in PRIVATE if value in page]
    assert leaked == []
    assert "/c/alice/" not in page  # no way into the members' pages


def test_the_list_leaks_no_private_field_either(shared):
    page = friend().get(f"/s/{shared.token}/").content.decode()
    assert [value for value in PRIVATE if value in page] == []


def test_searching_a_private_value_finds_nothing_a_title_finds_the_copy(shared):
    assert "Alien" not in friend().get(f"/s/{shared.token}/?q=Fnac").content.decode()
    assert "Alien" not in friend().get(f"/s/{shared.token}/?q=Binder").content.decode()
    assert "#7" in friend().get(f"/s/{shared.token}/?q=alien").content.decode()


def test_a_revoked_link_answers_404_at_once(shared):
    visitor = friend()
    assert visitor.get(f"/s/{shared.token}/").status_code == 200
    sharing.revoke_share(sharing.full_url(shared))
    assert visitor.get(f"/s/{shared.token}/").status_code == 404
    assert visitor.get(f"/s/{shared.token}/7/").status_code == 404


def test_an_expired_link_or_a_guessed_one_answers_404(shared, alice_collection):
    ShareLink.objects.filter(pk=shared.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    assert friend().get(f"/s/{shared.token}/").status_code == 404
    assert friend().get(f"/s/{shared.token[:-1]}x/").status_code == 404


def test_a_link_is_long_and_random(alice_collection):
    first, second = (sharing.create_share(alice_collection) for _ in range(2))
    assert len(first.token) >= 43
    assert first.token != second.token


def test_the_owner_makes_and_revokes_links_in_the_web_page(client, alice_collection):
    page = client.post("/c/alice/share/", {"label": "Family", "days": "30"}, follow=True)
    link = ShareLink.objects.get(label="Family")
    assert f"http://127.0.0.1:8000/s/{link.token}/" in page.content.decode()
    assert link.expires_at > timezone.now() + dt.timedelta(days=29)
    client.post("/c/alice/share/", {"revoke": link.token})
    assert not ShareLink.objects.exists()
    bad = client.post("/c/alice/share/", {"days": "soon"}, follow=True).content.decode()
    assert "Not changed: days &#x27;soon&#x27;: a whole number of days" in bad


def run(*args: str) -> str:
    out = StringIO()
    call_command("share", *args, stdout=out)
    return out.getvalue()


def test_share_create_prints_the_full_address_list_shows_it_revoke_closes_it(
    alice_collection, settings
):
    settings.CINECAT_SITE_URL = "https://movies.example.org/"
    url = run("create", "alice", "--label", "Friends", "--days", "7").strip()
    token = ShareLink.objects.get().token
    assert url == f"https://movies.example.org/s/{token}/"
    assert run("list", "alice").startswith(f"{url}\tFriends\tuntil ")
    assert "Revoked the link Friends of alice." in run("revoke", url)
    assert run("list", "alice") == ""
    with pytest.raises(CommandError, match="share link .*: no such link"):
        run("revoke", token)


def test_share_commands_name_what_they_do_not_know(db):
    with pytest.raises(CommandError, match="collection 'nobody': no such collection"):
        run("create", "nobody")
