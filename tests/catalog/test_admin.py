"""Every model can be inspected and fixed in the admin."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

CATALOG_MODELS = list(apps.get_app_config("catalog").get_models())


def test_every_catalog_model_is_registered_in_the_admin():
    missing = [m.__name__ for m in CATALOG_MODELS if not admin.site.is_registered(m)]
    assert missing == []


@pytest.mark.parametrize("model", CATALOG_MODELS, ids=lambda m: m.__name__)
def test_each_admin_list_opens_for_a_staff_member(admin_client, model, reference_path):
    from django.core.management import call_command

    call_command("import", str(reference_path), stdout=None)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200


def test_a_distributor_renamed_in_the_admin_is_searched_by_its_new_name(admin_client, alice_shelf):
    from cinecat.catalog.models import Company
    from cinecat.search.full_text import search

    company = Company.objects.get(name="IFC Films")
    url = reverse("admin:catalog_company_change", args=[company.pk])
    assert admin_client.post(url, {"name": "Curzon Artificial Eye"}).status_code == 302
    assert search(alice_shelf.copies.all(), "curzon").count() == 1
    assert search(alice_shelf.copies.all(), "ifc").count() == 0


def test_a_location_deleted_in_the_admin_leaves_the_facet_panel(client, admin_client, alice_shelf):
    from cinecat.catalog.models import Location

    assert "Shelf 2" in client.get("/c/alice/facets/").content.decode()
    location = Location.objects.get(name="Living room")  # and the shelf in it
    url = reverse("admin:catalog_location_delete", args=[location.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert "Shelf 2" not in client.get("/c/alice/facets/").content.decode()


@pytest.fixture
def alice_shelf(alice_collection):
    from cinecat.catalog.records import CopyRecord, EditionRecord, Record, WorkRecord
    from cinecat.interchange.writer import apply_records

    apply_records(
        [
            Record(
                works=(WorkRecord("The Death Of Stalin", year=2017),),
                edition=EditionRecord(distributor="IFC Films"),
                copy=CopyRecord(location=("Living room", "Shelf 2")),
            )
        ],
        alice_collection,
    )
    return alice_collection
