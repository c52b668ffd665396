"""The demo collection a first `make run` loads."""

from io import StringIO

from django.core.management import call_command

from cinecat.catalog.models import Collection, Copy, Plot, Work
from cinecat.interchange.demo import display_title
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


def test_titles_read_as_people_write_them_and_sort_as_an_index_does(db):
    load_demo("--if-empty")
    abyss = Work.objects.get(year=1989, sort_title="Abyss, The")
    assert abyss.title == "The Abyss"
    assert Work.objects.get(year=1981, runtime_minutes=216).title == "Das Boot"
    titles = [copy.first_work.title for copy in Copy.objects.order_by("index")[:8]]
    assert titles.index("The Abyss") < titles.index("Adaptation.")  # shelved under A


def test_well_known_films_come_with_their_director_and_leading_actors(db):
    load_demo("--if-empty")
    alien = Work.objects.get(title="Alien", year=1979)
    names = list(alien.credits.order_by("role", "order").values_list("role", "person__name"))
    assert ("crew", "Ridley Scott") in names
    assert [name for role, name in names if role == "cast"][:1] == ["Sigourney Weaver"]
    with_people = Work.objects.filter(credits__isnull=False).distinct().count()
    assert with_people >= 40  # of the 300 films of the shipped sample


def test_a_title_without_a_trailing_article_is_left_as_it_is():
    assert display_title("Buono, il brutto, il cattivo, Il") == "Il buono, il brutto, il cattivo"
    assert display_title("Boot, Das") == "Das Boot"
    assert display_title("Lock, Stock and Two Smoking Barrels") == (
        "Lock, Stock and Two Smoking Barrels"
    )
    assert display_title("O Brother, Where Art Thou?") == "O Brother, Where Art Thou?"
