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
