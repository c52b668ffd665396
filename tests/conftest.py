"""Personas and shared paths. Alice catalogues her shelves; the reference page is her DVD."""

from pathlib import Path

import pytest

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


@pytest.fixture
def reference_path() -> Path:
    assert REFERENCE.exists(), f"the reference entry is missing: {REFERENCE}"
    return REFERENCE


@pytest.fixture
def alice_collection(db):
    return CollectionFactory(name="Alice's shelves", slug="alice")
