"""Signing in: no page opens to a stranger; Alice signs in, out, changes and resets her password."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

PASSWORD = "a long passphrase"


@pytest.fixture
def stranger() -> Client:
    return Client()


def test_a_stranger_is_sent_to_sign_in_from_every_page(stranger, alice_collection):
    response = stranger.get("/c/alice/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/c/alice/"


def test_the_sign_in_page_opens_to_a_stranger_and_offers_no_sign_up(stranger, db):
    response = stranger.get(reverse("account_login"))
    assert response.status_code == 200
    assert b'name="login"' in response.content
    assert stranger.get(reverse("account_signup")).status_code == 200
    assert b"Sign Up Closed" in stranger.get(reverse("account_signup")).content


def test_alice_signs_in_with_her_name_and_out_again(stranger, household):
    response = stranger.post(
        reverse("account_login"), {"login": "alice", "password": PASSWORD, "next": "/c/alice/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/c/alice/"
    assert stranger.get("/c/alice/").status_code == 200
    stranger.post(reverse("account_logout"))
    assert stranger.get("/c/alice/").status_code == 302


def test_a_wrong_password_is_refused_with_a_message(stranger, alice_user):
    response = stranger.post(reverse("account_login"), {"login": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert b"not correct" in response.content
    assert b"sign up" not in response.content


def test_repeated_failed_sign_ins_are_refused_for_a_while(stranger, alice_user):
    for _ in range(5):
        stranger.post(reverse("account_login"), {"login": "alice", "password": "wrong"})
    response = stranger.post(reverse("account_login"), {"login": "alice", "password": PASSWORD})
    assert response.status_code in {200, 429}
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in stranger.session


def test_alice_changes_her_password(client, alice_user):
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another long one 7",
            "password2": "another long one 7",
        },
    )
    assert response.status_code == 302
    alice_user.refresh_from_db()
    assert alice_user.check_password("another long one 7")


def test_a_forgotten_password_is_reset_from_a_link_sent_by_mail(stranger, alice_user):
    response = stranger.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(
        word for word in mail.outbox[0].body.split() if "/accounts/password/reset/key/" in word
    )
    form = stranger.get(link, follow=True)
    assert form.status_code == 200
    path = form.redirect_chain[-1][0] if form.redirect_chain else link
    done = stranger.post(
        path, {"password1": "a new passphrase 9", "password2": "a new passphrase 9"}
    )
    assert done.status_code == 302
    assert get_user_model().objects.get(username="alice").check_password("a new passphrase 9")


def test_the_header_names_who_is_signed_in_and_offers_to_sign_out(client, alice_user):
    page = client.get(reverse("account_change_password")).content.decode()
    assert "alice" in page
    assert "Sign out" in page
