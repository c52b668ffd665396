"""Alice logs the times she watched a film on its copy, and rates it in half stars."""

import datetime as dt

import pytest

from cinecat.catalog import ratings, viewings
from cinecat.catalog.models import Copy, Viewing
from cinecat.catalog.viewings import ViewingChange
from tests.catalog.test_editing import edit_data
from tests.factories import CopyFactory, EditionFactory, WorkFactory

MAY_DAY = dt.date(2024, 5, 1)


@pytest.fixture
def fargo(alice_collection):
    work = WorkFactory(title="Fargo", year=1996)
    return CopyFactory(collection=alice_collection, edition=EditionFactory(works=[work]))


def test_a_viewing_added_goes_on_the_log_and_counts_one_more_time_seen(fargo):
    viewings.add_viewing(fargo, ViewingChange(MAY_DAY, "Cinema", "Bob", "Snow", rewatch=True))
    fargo.refresh_from_db()
    viewing = fargo.viewing_log.get()
    assert (viewing.watched_on, viewing.place, viewing.company, viewing.note) == (
        MAY_DAY,
        "Cinema",
        "Bob",
        "Snow",
    )
    assert viewing.rewatch
    assert fargo.viewings == 1 and fargo.seen
    change = fargo.changes.first()
    assert change.changes["Viewings"] == ["0", "1"]
    assert change.changes["Viewing"] == ["", "2024-05-01, Cinema, with Bob, rewatch: Snow"]


def test_a_viewing_edited_keeps_the_count_and_is_on_the_history(fargo):
    viewing = viewings.add_viewing(fargo, ViewingChange(MAY_DAY))
    viewings.edit_viewing(viewing, ViewingChange(dt.date(2024, 5, 2), place="Home"))
    fargo.refresh_from_db()
    assert fargo.viewings == 1
    assert fargo.viewing_log.get().watched_on == dt.date(2024, 5, 2)
    assert fargo.changes.first().changes["Viewing"] == ["2024-05-01", "2024-05-02, Home"]


def test_the_history_says_which_viewing_was_added_and_removed(client, fargo):
    viewing = viewings.add_viewing(fargo, ViewingChange(MAY_DAY, note="Snow,\nagain"))
    viewings.remove_viewing(viewing)
    text = client.get(f"/c/alice/{fargo.index}/").content.decode()
    assert "added viewing 2024-05-01: Snow, again" in text
    assert "removed viewing 2024-05-01: Snow, again" in text


def test_removing_a_viewing_counts_one_fewer_but_never_fewer_than_the_log_holds(fargo):
    first = viewings.add_viewing(fargo, ViewingChange(MAY_DAY))
    viewings.add_viewing(fargo, ViewingChange(dt.date(2024, 6, 1)))
    Copy.objects.filter(pk=fargo.pk).update(viewings=5)  # an import said five, two dated
    copy = viewings.remove_viewing(first)
    assert copy.viewings == 4
    assert list(copy.viewing_log.values_list("watched_on", flat=True)) == [dt.date(2024, 6, 1)]
    Copy.objects.filter(pk=fargo.pk).update(viewings=0)  # a count out of step: the log wins
    assert viewings.remove_viewing(copy.viewing_log.get()).viewings == 0


def test_ratings_are_half_stars_shown_as_stars_and_in_words():
    assert [ratings.stars(n) for n in (1, 2, 7, 10)] == ["½", "★", "★★★½", "★★★★★"]
    assert ratings.stars(None) == ""
    assert ratings.in_words(7) == "3.5 stars out of 5"
    assert ratings.in_words(2) == "1 star out of 5"
    assert ratings.CHOICES[0] == (1, "½ (0.5)") and ratings.CHOICES[-1] == (10, "★★★★★ (5)")


# -- on the copy page ---------------------------------------------------------------------------


def test_the_copy_page_shows_my_rating_in_stars_and_the_viewings(client, fargo):
    Copy.objects.filter(pk=fargo.pk).update(my_rating=7)
    viewings.add_viewing(fargo, ViewingChange(MAY_DAY, "Cinema", "Bob", "Snow"))
    text = client.get(f"/c/alice/{fargo.index}/").content.decode()
    assert 'aria-label="My rating: 3.5 stars out of 5"' in text and "★★★½" in text
    assert "/10" not in text
    assert "May 01, 2024" in text and "at Cinema" in text and "with Bob" in text
    assert "Seen 1 time." in text


@pytest.mark.parametrize("view", ["list", "cards", "table"])
def test_every_list_view_shows_my_rating_in_the_same_stars(client, fargo, view):
    Copy.objects.filter(pk=fargo.pk).update(my_rating=9, viewings=2)
    text = client.get(f"/c/alice/?view={view}&col=title&col=my_rating").content.decode()
    assert "★★★★½" in text and "/10" not in text
    if view != "table":
        assert 'title="Seen 2 times"' in text


def test_adding_a_viewing_with_htmx_answers_the_section_again(client, fargo):
    url = f"/c/alice/{fargo.index}/viewings/"
    form = {"viewing-watched_on": "2024-05-01", "viewing-place": "Home", "viewing-rewatch": "on"}
    response = client.post(url, form, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section class="viewings panel" id="viewings"')
    assert "Rewatch" in body and "Seen 1 time." in body
    assert Viewing.objects.get(copy=fargo).rewatch


def test_a_viewing_with_a_date_that_is_none_is_refused_and_nothing_is_saved(client, fargo):
    url = f"/c/alice/{fargo.index}/viewings/"
    response = client.post(url, {"viewing-watched_on": "2024-02-30"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
    assert not Viewing.objects.exists()


def test_editing_and_removing_a_viewing_without_javascript(client, fargo):
    viewing = viewings.add_viewing(fargo, ViewingChange(MAY_DAY))
    url = f"/c/alice/{fargo.index}/viewings/{viewing.pk}/"
    assert 'value="2024-05-01"' in client.get(url).content.decode()
    form = {f"viewing-{viewing.pk}-watched_on": "2024-05-03", f"viewing-{viewing.pk}-note": "Again"}
    response = client.post(url, form)
    assert response.status_code == 302 and response.url == fargo.get_absolute_url()
    viewing.refresh_from_db()
    assert (viewing.watched_on, viewing.note) == (dt.date(2024, 5, 3), "Again")
    assert client.post(f"{url}remove/").status_code == 302
    assert not Viewing.objects.exists()


def test_another_copys_viewing_is_not_found_from_this_copy(client, fargo, alice_collection):
    other = CopyFactory(collection=alice_collection)
    viewing = viewings.add_viewing(other, ViewingChange(MAY_DAY))
    assert client.post(f"/c/alice/{fargo.index}/viewings/{viewing.pk}/remove/").status_code == 404
    assert Viewing.objects.filter(pk=viewing.pk).exists()


def test_the_edit_form_offers_my_rating_in_half_stars(client, fargo):
    text = client.get(f"/c/alice/{fargo.index}/edit/").content.decode()
    assert '<option value="7">★★★½ (3.5)</option>' in text


def test_my_rating_saved_from_the_edit_form_is_half_stars_and_on_the_history(client, fargo):
    data = edit_data(fargo, **{"copy-my_rating": "7"})
    assert client.post(f"/c/alice/{fargo.index}/edit/", data).status_code == 302
    fargo.refresh_from_db()
    assert fargo.my_rating == 7
    data = edit_data(fargo, **{"copy-my_rating": "11"})
    response = client.post(f"/c/alice/{fargo.index}/edit/", data)
    assert response.status_code == 400
    assert "Select a valid choice. 11 is not one of the available choices." in (
        response.content.decode()
    )
