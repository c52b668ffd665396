"""Personas and shared paths. Alice catalogues her shelves; the reference page is her DVD."""

from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db.models.signals import post_save

from tests.factories import CollectionFactory

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "seeds" / "the-death-of-stalin.clz-page.txt"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory):
    """SQLite tests use a database file, not memory: the live server then gives each request
    thread its own connection, as a real server does, instead of sharing the test's one
    connection between concurrent requests (the list and its facet panel load together)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        path = tmp_path_factory.mktemp("db") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(autouse=True)
def private_cache(settings):
    """Each test starts with an empty cache of its own."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """Passwords hashed in a blink: the suite makes many accounts, none needs to resist a thief."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alice_user(db):
    """Alice's account: the person the test client is signed in as."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("alice", "alice@example.com", "a long passphrase")


@contextmanager
def owning_every_collection(user):
    """``user`` owns every collection there is and every one made until the block ends."""
    from cinecat.accounts.models import Membership, Role
    from cinecat.catalog.models import Collection

    def own(collection) -> None:
        Membership.objects.get_or_create(
            collection=collection, user=user, defaults={"role": Role.OWNER}
        )

    def created(sender, instance, created, raw=False, **kwargs) -> None:
        if created and not raw:
            own(instance)

    for collection in Collection.objects.all():
        own(collection)
    uid = f"owning-every-collection-{user.pk}"
    post_save.connect(created, sender=Collection, weak=False, dispatch_uid=uid)
    try:
        yield
    finally:
        post_save.disconnect(sender=Collection, dispatch_uid=uid)


@pytest.fixture
def client(client, alice_user):
    """The test client is Alice, signed in, owner of every collection the test makes (tests of
    signing in and of roles make clients of their own)."""
    client.force_login(alice_user)
    with owning_every_collection(alice_user):
        yield client


@pytest.fixture
def reference_path() -> Path:
    assert REFERENCE.exists(), f"the reference entry is missing: {REFERENCE}"
    return REFERENCE


@pytest.fixture
def alice_collection(db):
    return CollectionFactory(name="Alice's shelves", slug="alice")
