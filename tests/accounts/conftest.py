"""A household and its friends: Alice owns her shelves, Bob edits them, Carol only looks, and
Dave keeps a collection of his own."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cinecat.accounts.models import Membership, Role
from tests.factories import CollectionFactory, CopyFactory

PASSWORD = "a long passphrase"


def person(name: str):
    return get_user_model().objects.create_user(name, f"{name}@example.com", PASSWORD)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def household(db, alice_user, alice_collection):
    """Alice's shelves with one copy, their members, and Dave's own collection."""
    bob, carol, dave = person("bob"), person("carol"), person("dave")
    Membership.objects.create(collection=alice_collection, user=alice_user, role=Role.OWNER)
    Membership.objects.create(collection=alice_collection, user=bob, role=Role.EDITOR)
    Membership.objects.create(collection=alice_collection, user=carol, role=Role.VIEWER)
    daves = CollectionFactory(name="Dave's films", slug="dave")
    Membership.objects.create(collection=daves, user=dave, role=Role.OWNER)
    copy = CopyFactory(collection=alice_collection, index=1)
    return {
        "collection": alice_collection,
        "copy": copy,
        "owner": signed_in(alice_user),
        "editor": signed_in(bob),
        "viewer": signed_in(carol),
        "stranger": signed_in(dave),
        "anonymous": Client(),
    }
