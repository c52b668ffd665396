"""The demo collection a first `make run` loads."""

from io import StringIO

from django.core.management import call_command

from cinecat.catalog.models import Collection, Copy, Plot
from tests.conftest import SHARED


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_the_shipped_sample_gives_a_few_hundred_real_films_without_plots(db):
    output = load_demo("--if-empty")
    assert "300 films from demo_films.csv" in output
    demo = Collection.objects.get(slug="demo")
    assert demo.copies.count() == 300
    assert Plot.objects.count() == 0
    copy = demo.copies.select_related("location").get(index=1)
    assert copy.first_work.title == "12 Angry Men"
    assert copy.first_work.year == 1957
    assert copy.location.path == "Living room › Shelf 01"


def test_with_the_shared_folder_it_builds_from_ggplot2_and_adds_the_reference(db):
    output = load_demo("--if-empty", "--shared", str(SHARED))
    assert "300 films from ggplot2-movies.csv and 1 reference page(s)" in output
    assert Copy.objects.count() == 301
    assert Copy.objects.get(index=1279).first_work.title == "The Death Of Stalin"


def test_a_catalog_with_copies_is_left_alone(db):
    load_demo("--size", "5")
    output = load_demo("--if-empty")
    assert "already has copies" in output
    assert Copy.objects.count() == 5
