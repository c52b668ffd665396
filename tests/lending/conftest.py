"""Alice lends her discs: Bob borrows often, Carol now and then."""

import pytest

from cinecat.catalog.models import Copy
from cinecat.lending.models import Borrower
from tests.factories import CopyFactory, EditionFactory, WorkFactory


@pytest.fixture
def fargo(alice_collection):
    edition = EditionFactory(works=[WorkFactory(title="Fargo", year=1996)])
    return CopyFactory(collection=alice_collection, edition=edition)


@pytest.fixture
def bob(alice_collection):
    return Borrower.objects.create(collection=alice_collection, name="Bob", email="bob@example.org")


@pytest.fixture
def carol(alice_collection):
    return Borrower.objects.create(collection=alice_collection, name="Carol")


@pytest.fixture
def trilogy(alice_collection) -> tuple[Copy, list[Copy]]:
    """A box set copy and the copies of the three films that came in it."""
    films = [WorkFactory(title=title) for title in ("Alien", "Aliens", "Alien 3")]
    box = CopyFactory(collection=alice_collection, edition=EditionFactory(works=films))
    inside = [
        CopyFactory(collection=alice_collection, edition=EditionFactory(works=[film]), box_set=box)
        for film in films
    ]
    return box, inside
