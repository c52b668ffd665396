"""Personas and shared paths. Alice catalogues her shelves; the reference page is her DVD."""

from pathlib import Path

import pytest

from tests.factories import CollectionFactory

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "seeds" / "the-death-of-stalin.clz-page.txt"


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
