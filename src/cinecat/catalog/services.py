"""Writes to the catalog that span several tables."""

from django.db import transaction

from .models import Collection


@transaction.atomic
def get_or_create_default_collection() -> Collection:
    """The first collection, created as 'My collection' on a new installation."""
    collection = Collection.objects.order_by("id").first()
    if collection is None:
        collection = Collection.objects.create(name="My collection", slug="mine")
    return collection
