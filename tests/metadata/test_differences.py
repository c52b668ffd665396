"""Updating from a provider, field by field: what differs, what is ticked, what is taken."""

import pytest

from cinecat.catalog.records import CreditRecord, EditionRecord, PlotRecord, Record, WorkRecord
from cinecat.metadata.differences import applied, compare, gaps

THEIRS = WorkRecord(
    "Fight Club",
    year=1999,
    runtime_minutes=139,
    genres=("Drama", "Thriller"),
    plots=(PlotRecord("An insomniac and a soap salesman.", author="TMDb"),),
    credits=(
        CreditRecord("Edward Norton", "The Narrator"),
        CreditRecord("Brad Pitt", "Tyler Durden"),
        CreditRecord("David Fincher", job="Director", role="crew"),
    ),
    imdb_id="tt0137523",
    tmdb_id=550,
)
ENTRY = Record(works=(THEIRS,), edition=EditionRecord(rating_country="US", rating="R"))
# Alice typed the title, the year, her own runtime and plot, and the director.
ALICES = WorkRecord(
    "Fight Club",
    year=1999,
    runtime_minutes=151,
    plots=(PlotRecord("Soap, and what it is made of.", author="Alice"),),
    credits=(CreditRecord("David Fincher", job="Director", role="crew"),),
)


def by_key(differences):
    return {difference.key: difference for difference in differences}


def test_a_field_alice_left_empty_is_ticked_and_one_she_wrote_is_shown_unticked():
    found = by_key(compare(ALICES, ("", ""), ENTRY, has_cover=False))
    assert found["genres"].ticked and found["genres"].ours == ""
    assert found["genres"].theirs == "Drama, Thriller"
    assert found["cast"].ticked
    assert found["cast"].theirs == "Edward Norton (The Narrator); Brad Pitt (Tyler Durden)"
    runtime = found["runtime_minutes"]
    assert (runtime.ours, runtime.theirs, runtime.ticked) == ("151", "139", False)
    assert not found["plots"].ticked  # she wrote one: theirs is offered, not taken
    assert found["imdb_id"].ticked and found["tmdb_id"].ticked


def test_fields_that_are_the_same_or_that_the_provider_lacks_are_not_listed():
    found = by_key(compare(ALICES, ("", ""), ENTRY, has_cover=False))
    assert "title" not in found and "year" not in found
    assert "crew" not in found  # the same director
    assert "trailer_url" not in found and "countries" not in found  # theirs are empty


def test_the_rating_and_the_cover_are_offered_filled_only_where_empty():
    found = by_key(compare(ALICES, ("", ""), ENTRY, has_cover=False, poster_url="https://p/x.jpg"))
    assert (found["rating"].theirs, found["rating"].ticked) == ("US · R", True)
    assert (found["cover"].ours, found["cover"].ticked) == ("", True)
    kept = by_key(
        compare(ALICES, ("GB", "15"), ENTRY, has_cover=True, poster_url="https://p/x.jpg")
    )
    assert (kept["rating"].ours, kept["rating"].ticked) == ("GB · 15", False)
    assert (kept["cover"].ours, kept["cover"].ticked) == ("a front cover", False)
    assert "cover" not in by_key(compare(ALICES, ("", ""), ENTRY, has_cover=False))


def test_plots_that_hold_theirs_already_are_the_same():
    ours = WorkRecord("Fight Club", plots=(*THEIRS.plots, PlotRecord("Mine.", author="Alice")))
    assert "plots" not in by_key(compare(ours, ("", ""), ENTRY, has_cover=False))


def test_only_the_ticked_fields_are_taken():
    work = applied(ALICES, THEIRS, {"genres"})
    assert work.genres == ("Drama", "Thriller")
    assert (work.runtime_minutes, work.plots, work.credits) == (
        151, ALICES.plots, ALICES.credits,
    )  # fmt: skip


def test_taking_their_cast_keeps_our_crew_and_taking_their_crew_keeps_our_cast():
    ours = WorkRecord(
        "Fight Club",
        credits=(
            CreditRecord("Meat Loaf", "Bob"),
            CreditRecord("Alice's friend", job="Writer", role="crew"),
        ),
    )
    cast = applied(ours, THEIRS, {"cast"}).credits
    assert [c.name for c in cast] == ["Edward Norton", "Brad Pitt", "Alice's friend"]
    crew = applied(ours, THEIRS, {"crew"}).credits
    assert [c.name for c in crew] == ["Meat Loaf", "David Fincher"]


def test_taking_their_plots_keeps_ours_by_other_authors_and_replaces_their_old_one():
    ours = WorkRecord(
        "Fight Club",
        plots=(PlotRecord("An old summary.", author="TMDb"), PlotRecord("Mine.", author="Alice")),
    )
    plots = applied(ours, THEIRS, {"plots"}).plots
    assert [(p.text, p.author) for p in plots] == [
        ("An insomniac and a soap salesman.", "TMDb"), ("Mine.", "Alice"),
    ]  # fmt: skip


def test_gaps_are_the_fields_where_ours_is_empty():
    found = compare(ALICES, ("", ""), ENTRY, has_cover=True, poster_url="https://p/x.jpg")
    assert gaps(found) == {"genres", "cast", "imdb_id", "tmdb_id", "rating"}


def test_a_field_that_is_not_one_is_refused_by_name():
    with pytest.raises(ValueError, match="There is no field colour, poster to update from"):
        applied(ALICES, THEIRS, {"genres", "poster", "colour"})
