"""The host's commands: a first run's owner, accounts and members from the command line."""

import io
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from cinecat.accounts.models import Membership, Role
from tests.factories import CollectionFactory


def run(*args: str, stdin: str | None = None, monkeypatch=None) -> str:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_first_run_creates_the_owner_and_prints_a_password_that_signs_in(db):
    output = run("load_demo", "--if-empty", "--size", "3")
    found = re.search(r"Sign in as 'owner' with the password (\S+)", output)
    assert found, output
    owner = get_user_model().objects.get(username="owner")
    assert owner.check_password(found.group(1))
    assert Membership.objects.get(user=owner, collection__slug="demo").role == Role.OWNER
    browser = Client()
    signed_in = browser.post("/accounts/login/", {"login": "owner", "password": found.group(1)})
    assert signed_in.status_code == 302
    assert browser.get("/c/demo/").status_code == 200


def test_the_password_is_printed_only_on_the_run_that_made_the_account(db):
    run("load_demo", "--if-empty", "--size", "3")
    again = run("load_demo", "--if-empty")
    assert "already has copies" in again
    assert "password" not in again
    assert get_user_model().objects.count() == 1


def test_a_catalog_from_before_accounts_gets_an_owner_on_the_next_run(db):
    older = CollectionFactory(slug="older")
    output = run("load_demo", "--if-empty", "--size", "2")
    assert "Sign in as 'owner'" in output
    assert Membership.objects.get(collection=older).role == Role.OWNER


def test_user_add_generates_a_password_and_prints_it_once(db):
    output = run("user", "add", "bob", "--email", "bob@example.com")
    password = output.rsplit(": ", 1)[1].strip()
    bob = get_user_model().objects.get(username="bob")
    assert bob.email == "bob@example.com"
    assert bob.check_password(password)


def test_user_add_reads_the_password_from_standard_input(db, monkeypatch):
    output = run(
        "user",
        "add",
        "carol",
        "--password-stdin",
        stdin="lilac tractor 42\n",
        monkeypatch=monkeypatch,
    )
    assert "lilac tractor" not in output
    assert get_user_model().objects.get(username="carol").check_password("lilac tractor 42")


def test_user_add_refuses_a_weak_password_a_taken_name_and_a_bad_address(db, monkeypatch):
    with pytest.raises(CommandError, match="--password-stdin: This password is too short"):
        run("user", "add", "carol", "--password-stdin", stdin="abc\n", monkeypatch=monkeypatch)
    run("user", "add", "carol")
    with pytest.raises(CommandError, match="user name 'Carol': someone has it already"):
        run("user", "add", "Carol")
    with pytest.raises(CommandError, match="e-mail 'carol@': not an e-mail address"):
        run("user", "add", "dave", "--email", "carol@")
    assert get_user_model().objects.count() == 1


def test_member_add_gives_a_role_and_changes_it(db):
    CollectionFactory(slug="alice")
    run("user", "add", "bob")
    assert "bob is now viewer of alice." in run("member", "add", "alice", "bob", "--role", "viewer")
    run("member", "add", "alice", "bob", "--role", "editor")
    assert Membership.objects.get(user__username="bob").role == Role.EDITOR
    assert run("member", "list", "alice") == "bob\teditor\n"
    run("member", "remove", "alice", "bob")
    assert not Membership.objects.exists()


def test_member_add_names_the_collection_or_the_user_it_does_not_know(db):
    CollectionFactory(slug="alice")
    with pytest.raises(
        CommandError, match=r"collection 'alcie': no such collection \(known: alice\)"
    ):
        run("member", "add", "alcie", "bob", "--role", "viewer")
    with pytest.raises(CommandError, match="user 'bob': no account has this name"):
        run("member", "add", "alice", "bob", "--role", "viewer")
    with pytest.raises(CommandError, match="invalid choice: 'boss'"):
        run("member", "add", "alice", "bob", "--role", "boss")
