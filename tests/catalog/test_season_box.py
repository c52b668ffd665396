"""A season box's copy page: its discs, the episodes on each, what was seen, an episode seen."""

import re

import pytest

from cinecat.catalog import services
from cinecat.catalog.models import Copy, CopyChange, Viewing
from cinecat.interchange.writer import apply_records
from tests.catalog.test_pages import visible_text
from tests.seasons import smallville_season


@pytest.fixture
def season(alice_collection):
    apply_records([smallville_season()], alice_collection)
    return Copy.objects.get()


def discs_on(content: bytes) -> list[tuple[str, bool]]:
    """Each disc's id on the page, and whether it is open."""
    found = re.findall(r'<details class="disc" id="(disc-\d+)"( open)?>', content.decode())
    return [(disc, bool(opened)) for disc, opened in found]


def test_the_copy_page_lists_each_disc_with_its_episodes_in_order(client, season):
    response = client.get("/c/alice/1/")
    text = visible_text(response.content)
    assert "Discs and episodes" in text
    assert "Disc 1 3 episodes · dual layer" in text  # its label says no more than its number
    assert "Disc 3 · Finale and extras 1 episode · two sides" in text
    assert re.search(r"10\.01 Lazarus .*10\.02 Shield .*10\.03 Supergirl .*Disc 2 ", text)
    assert re.search(r"Disc 2 .*10\.06 Harvest .*Disc 3 .*10\.07 Ambush", text)
    # Folded until opened: no disc is open unless asked for.
    assert discs_on(response.content) == [("disc-1", False), ("disc-2", False), ("disc-3", False)]


def test_the_page_says_how_many_episodes_were_seen_and_which_comes_next(client, season):
    text = visible_text(client.get("/c/alice/1/").content)
    assert "Seen 1 of 7 episodes · next: 10.01 Lazarus on disc 1" in text
    assert len(re.findall(r"Seen it(?! today)", text)) == 6  # every episode but the one seen


def test_a_disc_asked_for_is_open_with_its_episode_marked(client, season):
    response = client.get("/c/alice/1/?disc=3&episode=7")
    assert discs_on(response.content)[2] == ("disc-3", True)
    assert '<li id="episode-7" class="found" aria-current="true">' in response.content.decode()


def test_a_film_has_no_discs_and_episodes_section(client, alice_collection, reference_path):
    from django.core.management import call_command

    call_command("import", str(reference_path), "--collection", "alice", stdout=None)
    assert "Discs and episodes" not in visible_text(client.get("/c/alice/1279/").content)


def test_an_episode_seen_today_is_a_viewing_of_it_and_on_the_history(client, season):
    response = client.post("/c/alice/1/episodes/5/seen/")
    assert response.status_code == 302
    assert response["Location"] == "/c/alice/1/?disc=2&episode=5#episode-5"
    assert sorted(Viewing.objects.values_list("episode", flat=True)) == [2, 5]
    season.refresh_from_db()
    assert season.viewings == 0  # the whole box was not seen
    assert CopyChange.objects.get().changes == {"Episode seen": ["", "10.05 Isis"]}
    text = visible_text(client.get(response["Location"]).content)
    assert "Seen today: 10.05 Isis." in text
    assert "Edited: saw 10.05 Isis" in text
    assert "Seen 2 of 7 episodes" in text


def test_an_episode_the_copy_does_not_list_is_not_found(client, season):
    assert client.post("/c/alice/1/episodes/8/seen/").status_code == 404
    with pytest.raises(services.NoSuchEpisode, match="#1 has no episode 9: it lists 7"):
        services.seen_episode(season, 9)
    assert Viewing.objects.count() == 1


def test_seen_it_is_a_post_only(client, season):
    assert client.get("/c/alice/1/episodes/5/seen/").status_code == 405


def test_editing_a_season_box_keeps_its_episodes_discs_and_viewings(client, season):
    from cinecat.catalog.models import Disc, Episode
    from tests.catalog.test_editing import edit_data

    episodes = list(Episode.objects.values_list("pk", "title"))
    data = edit_data(season, **{"work-title": "Smallville: The Tenth Season"})
    assert data["work-kind"] == "series"
    response = client.post("/c/alice/1/edit/", data)
    assert response["Location"] == "/c/alice/1/"
    season.refresh_from_db()
    assert season.first_work.title == "Smallville: The Tenth Season"
    assert list(Episode.objects.values_list("pk", "title")) == episodes
    assert list(Disc.objects.values_list("episodes", flat=True)) == [[1, 2, 3], [4, 5, 6], [7]]
    assert list(Viewing.objects.values_list("episode", flat=True)) == [2]


def test_the_edit_page_refuses_a_save_after_an_episode_was_marked_seen(client, season):
    from tests.catalog.test_editing import edit_data

    data = edit_data(season, **{"work-title": "Smallville"})
    services.seen_episode(season, 4)
    response = client.post("/c/alice/1/edit/", data)
    assert response.status_code == 409
    assert sorted(Viewing.objects.values_list("episode", flat=True)) == [2, 4]


def test_each_episode_lists_the_cast_and_crew_under_it(client, season):
    text = visible_text(client.get("/c/alice/1/").content)
    assert "Lazarus Sep 24, 2010 Cast and crew (2) Tom Welling · Clark Kent" in text
    assert "Michael Rosenbaum · Lex Luthor" in text
    assert "Ambush Nov 05, 2010 Cast and crew (1) Greg Beeman · Director" in text
    assert "Shield Oct 01, 2010 Seen" in text  # no one is under it


def test_an_episode_seen_is_not_a_viewing_of_the_whole_box(client, season):
    content = client.get("/c/alice/1/").content.decode()
    panel = content.split('id="viewings"', 1)[1].split("</section>", 1)[0]
    assert "Not seen yet." in panel
    assert 'class="viewing"' not in panel  # the episode's viewing is under its disc
    assert "Seen 1 of 7 episodes" in visible_text(client.get("/c/alice/1/").content)
