"""Saving one entry: pick lists keep the order they were given in."""

from cinecat.catalog.models import Company, Genre, Work
from cinecat.catalog.records import WorkRecord
from cinecat.catalog.saving import Names, save_work


def test_studios_and_genres_are_read_back_in_the_order_given(alice_collection):
    # Made in the other order: a link written by id order would come back reversed.
    Company.objects.create(name="Fox 2000 Pictures")
    Company.objects.create(name="Regency Enterprises")
    Genre.objects.create(name="Thriller")
    Genre.objects.create(name="Drama")
    work = Work(title="Fight Club")
    record = WorkRecord(
        "Fight Club",
        studios=("Regency Enterprises", "Fox 2000 Pictures"),
        genres=("Drama", "Thriller"),
    )

    save_work(work, record, Names(alice_collection))

    links = work.studios.through.objects.filter(work=work).order_by("pk")
    assert list(links.values_list("company__name", flat=True)) == [
        "Regency Enterprises",
        "Fox 2000 Pictures",
    ]
    genre_links = work.genres.through.objects.filter(work=work).order_by("pk")
    assert list(genre_links.values_list("genre__name", flat=True)) == ["Drama", "Thriller"]
