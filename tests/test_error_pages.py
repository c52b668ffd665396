"""A page that is not there, or a fault, is still a cinecat page with a way back."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_missing_page_is_branded_with_a_way_back(settings):
    settings.DEBUG = False
    response = Client().get("/c/nobody/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Nothing here" in page and "Back to the collection" in page
    assert "favicon.svg" in page


@pytest.mark.django_db
def test_a_fault_is_branded_and_says_nothing_was_saved(settings):
    from django.urls import path

    from cinecat import urls

    def broken(request):
        raise RuntimeError("a fault of cinecat's own")

    settings.DEBUG = False
    urls.urlpatterns.append(path("broken-for-a-test/", broken))
    try:
        response = Client(raise_request_exception=False).get("/broken-for-a-test/")
    finally:
        urls.urlpatterns.pop()
    assert response.status_code == 500
    assert "Something went wrong on cinecat" in response.content.decode()
